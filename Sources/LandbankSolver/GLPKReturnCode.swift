import CGLPK

/// GLPK's meaning of the non-zero codes glp_simplex and glp_intopt return (GLPK 5.0 reference manual, 2.4.1
/// and 2.8.1), so that an error says what happened rather than a number.
enum GLPKReturnCode {
    static func meaning(_ code: Int32) -> String {
        switch code {
        case GLP_EBADB: return "invalid initial basis (GLP_EBADB)"
        case GLP_ESING: return "singular basis matrix (GLP_ESING)"
        case GLP_ECOND: return "ill-conditioned basis matrix (GLP_ECOND)"
        case GLP_EBOUND: return "a double-bounded variable has incorrect bounds (GLP_EBOUND)"
        case GLP_EFAIL: return "the search failed (GLP_EFAIL)"
        case GLP_EOBJLL: return "objective lower limit reached (GLP_EOBJLL)"
        case GLP_EOBJUL: return "objective upper limit reached (GLP_EOBJUL)"
        case GLP_EITLIM: return "iteration limit exceeded (GLP_EITLIM)"
        case GLP_ETMLIM: return "time limit exceeded (GLP_ETMLIM)"
        case GLP_ENOPFS: return "no primal feasible solution (GLP_ENOPFS)"
        case GLP_ENODFS: return "no dual feasible solution: the relaxation is unbounded (GLP_ENODFS)"
        case GLP_EROOT: return "optimal basis for the root LP not provided (GLP_EROOT)"
        case GLP_ESTOP: return "search terminated by the application (GLP_ESTOP)"
        case GLP_EMIPGAP: return "relative MIP gap tolerance reached (GLP_EMIPGAP)"
        case GLP_ENOFEAS: return "no primal or dual feasible solution (GLP_ENOFEAS)"
        case GLP_ENOCVG: return "no convergence (GLP_ENOCVG)"
        case GLP_EINSTAB: return "numerical instability (GLP_EINSTAB)"
        case GLP_EDATA: return "invalid data (GLP_EDATA)"
        case GLP_ERANGE: return "result out of range (GLP_ERANGE)"
        default: return "unknown GLPK return code \(code)"
        }
    }
}
