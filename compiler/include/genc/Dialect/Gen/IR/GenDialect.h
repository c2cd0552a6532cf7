//===- GenDialect.h - The gen dialect ---------------------------*- C++ -*-===//
#ifndef GENC_DIALECT_GEN_GENDIALECT_H
#define GENC_DIALECT_GEN_GENDIALECT_H

#include "mlir/IR/Dialect.h"

#include "genc/Dialect/Gen/IR/GenOpsDialect.h.inc"

#endif // GENC_DIALECT_GEN_GENDIALECT_H
