#ifndef LANDBANK_CGLPK_SHIM_H
#define LANDBANK_CGLPK_SHIM_H
#include <glpk.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* GLPK reports a fatal error (bad argument, out of memory, internal failure) by printing a message and calling
   abort(), unless the error hook it calls first does not return. The hook below longjmps back to the guarded
   call that was running, which must be a C frame: longjmp may not cross Swift frames. So every GLPK call that
   can fail is made from one of the static functions below, under setjmp; the message GLPK printed is captured
   by a terminal hook into the guard. After a failure GLPK's environment (and every problem of this thread) is
   freed, as GLPK's manual requires (glp_error_hook, section 6.1); the guarded function returns 0. */
typedef struct {
    jmp_buf jump;
    int armed;
    size_t length;
    char message[1024];
    /* Best bound of the open branch-and-bound nodes seen by the last callback; has_bound = 0 before the root. */
    int has_bound;
    double bound;
    /* Asked at every callback (on the solving thread): non-zero stops the search with glp_ios_terminate, and
       glp_intopt returns GLP_ESTOP with the best solution so far. NULL: never stop. */
    int (*should_stop)(void);
} landbank_glp_guard;

/* Terminal output: captured while a guarded call runs (then GLPK only prints when failing, as its output is
   switched off), written to stderr otherwise so that an unguarded failure is never silent. */
static int landbank_glp_terminal(void *info, const char *s) {
    landbank_glp_guard *g = (landbank_glp_guard *)info;
    if (g == NULL || !g->armed) { fputs(s, stderr); return 1; }
    size_t n = strlen(s), room = sizeof g->message - 1 - g->length;
    if (n > room) n = room;
    memcpy(g->message + g->length, s, n);
    g->length += n;
    g->message[g->length] = 0;
    return 1;
}

static void landbank_glp_failed(void *info) {
    landbank_glp_guard *g = (landbank_glp_guard *)info;
    if (g != NULL && g->armed) { g->armed = 0; longjmp(g->jump, 1); }
}

static void landbank_glp_callback(glp_tree *tree, void *info) {
    landbank_glp_guard *g = (landbank_glp_guard *)info;
    int node = glp_ios_best_node(tree);
    if (node != 0) { g->has_bound = 1; g->bound = glp_ios_node_bound(tree, node); }
    if (g->should_stop != NULL && g->should_stop()) glp_ios_terminate(tree);
}

static inline void landbank_glp_arm(landbank_glp_guard *g) {
    g->length = 0;
    g->message[0] = 0;
    glp_term_out(GLP_OFF);
    glp_term_hook(landbank_glp_terminal, g);
    glp_error_hook(landbank_glp_failed, g);
    g->armed = 1;
}

static inline void landbank_glp_disarm(landbank_glp_guard *g) {
    g->armed = 0;
    glp_error_hook(NULL, NULL);
    glp_term_hook(landbank_glp_terminal, NULL);
}

/* A new empty maximisation problem, or NULL when GLPK failed (message in the guard). */
static inline glp_prob *landbank_glp_create(landbank_glp_guard *g) {
    if (setjmp(g->jump)) { glp_free_env(); return NULL; }
    landbank_glp_arm(g);
    glp_prob *p = glp_create_prob();
    glp_set_obj_dir(p, GLP_MAX);
    landbank_glp_disarm(g);
    return p;
}

/* Loads a binary program: columns 1...ncols with objective obj[0..ncols-1]; rows 1...nrows, row i bounded above by
   rhs[i-1], and fixed to it when equal[i-1] != 0; the matrix in GLPK's 1-based triplets ia/ja/ar[1...ne].
   Returns 1, or 0 when GLPK failed (the problem is then freed with the environment). */
static inline int landbank_glp_load(landbank_glp_guard *g, glp_prob *p, int ncols, const double *obj, int nrows,
                                    const double *rhs, const int *equal, int ne, const int *ia, const int *ja,
                                    const double *ar) {
    if (setjmp(g->jump)) { glp_free_env(); return 0; }
    landbank_glp_arm(g);
    if (ncols > 0) glp_add_cols(p, ncols);
    for (int j = 1; j <= ncols; j++) {
        glp_set_col_kind(p, j, GLP_BV);
        glp_set_obj_coef(p, j, obj[j - 1]);
    }
    if (nrows > 0) glp_add_rows(p, nrows);
    for (int i = 1; i <= nrows; i++)
        glp_set_row_bnds(p, i, equal[i - 1] ? GLP_FX : GLP_UP, rhs[i - 1], rhs[i - 1]);
    glp_load_matrix(p, ne, ia, ja, ar);
    landbank_glp_disarm(g);
    return 1;
}

/* glp_intopt with its presolver (so no glp_simplex beforehand), a time limit in ms (0: none) and the callback
   recording the best bound. Returns 1 with glp_intopt's code in *code, or 0 when GLPK failed. */
static inline int landbank_glp_intopt(landbank_glp_guard *g, glp_prob *p, int time_limit_ms, int *code) {
    if (setjmp(g->jump)) { glp_free_env(); return 0; }
    landbank_glp_arm(g);
    g->has_bound = 0;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    /* Measured on 500 demands x 20 candidates of overlapping assemblies (LandbankSolverTests): most-fractional
       branching with best-projection backtracking and clique cuts proved the optimum in 7.5 s where GLPK's
       defaults (Driebeck-Tomlin, best local bound, no cuts) were still 0.05% short after 30 s. */
    parm.clq_cuts = GLP_ON;
    parm.br_tech = GLP_BR_MFV;
    parm.bt_tech = GLP_BT_BPH;
    parm.cb_func = landbank_glp_callback;
    parm.cb_info = g;
    if (time_limit_ms > 0) parm.tm_lim = time_limit_ms;
    *code = glp_intopt(p, &parm);
    landbank_glp_disarm(g);
    return 1;
}
#endif
