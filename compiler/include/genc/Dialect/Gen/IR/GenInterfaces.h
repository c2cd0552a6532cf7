//===- GenInterfaces.h - gen dialect interfaces -----------------*- C++ -*-===//
#ifndef GENC_DIALECT_GEN_GENINTERFACES_H
#define GENC_DIALECT_GEN_GENINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include "genc/Dialect/Gen/IR/GenInterfaces.h.inc"

namespace genc::gen {
/// See RereadsOperands in GenInterfaces.td.
template <typename ConcreteType>
class RereadsOperands : public mlir::OpTrait::TraitBase<ConcreteType, RereadsOperands> {};

/// See ElementwiseMath in GenInterfaces.td.
template <typename ConcreteType>
class ElementwiseMath : public mlir::OpTrait::TraitBase<ConcreteType, ElementwiseMath> {};
} // namespace genc::gen

#endif // GENC_DIALECT_GEN_GENINTERFACES_H
