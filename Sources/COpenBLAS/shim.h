#ifndef SUPPLYCAST_COPENBLAS_SHIM_H
#define SUPPLYCAST_COPENBLAS_SHIM_H
// Debian installs these from libopenblas-dev and liblapacke-dev; OpenBLAS on Debian has no LAPACKE symbols,
// which is why `lapacke` is linked beside `openblas`.
#include <cblas.h>
#include <lapacke.h>
#endif
