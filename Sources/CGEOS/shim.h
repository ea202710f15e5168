#ifndef LANDBANK_CGEOS_SHIM_H
#define LANDBANK_CGEOS_SHIM_H
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#include <stdarg.h>
#include <stdio.h>

/* GEOS reports errors through a printf-style variadic handler, which Swift cannot
   implement. This shim formats the message into the buffer given as userdata. */
typedef struct { char message[1024]; } landbank_geos_message;

static void landbank_geos_message_handler(const char *fmt, void *userdata) {
    /* GEOS >= 3.5 with the _r API passes an already formatted message. */
    landbank_geos_message *m = (landbank_geos_message *)userdata;
    if (m) { snprintf(m->message, sizeof m->message, "%s", fmt); }
}

static inline void landbank_geos_install_handlers(GEOSContextHandle_t h, landbank_geos_message *m) {
    GEOSContext_setErrorMessageHandler_r(h, landbank_geos_message_handler, m);
    GEOSContext_setNoticeMessageHandler_r(h, NULL, NULL);
}
#endif
