#ifndef LANDBANK_CPROJ_SHIM_H
#define LANDBANK_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
