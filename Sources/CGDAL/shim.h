#ifndef LANDBANK_CGDAL_SHIM_H
#define LANDBANK_CGDAL_SHIM_H
/* GDAL's C API: datasets and layers (gdal.h), features and geometries (ogr_api.h), spatial references
   (ogr_srs_api.h), errors (cpl_error.h) and string lists for open options (cpl_string.h). */
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <cpl_conv.h>
#include <cpl_string.h>

/* GDAL prints every CPLError to stderr by default; landbank turns them into Swift errors instead, from
   CPLGetLastErrorMsg, so the handler only has to stay quiet. */
static inline void landbank_gdal_quiet(void) {
    CPLSetErrorHandler(CPLQuietErrorHandler);
}
#endif
