//===- ElementwiseMath.h - Each elementwise op's arithmetic, once --*- C++ -*-===//
//
// The scalar function of every op with the ElementwiseMath trait, written
// once as a template over the scalar type. `Math` supplies the scalar type
// and what is not an operator on it:
//
//   struct Math {
//     using Scalar = ...;  // double (interpreter), Halide::Expr (lowering)
//     using Bool = ...;    // what a comparison gives: bool, Halide::Expr
//     Scalar constant(double) const;
//     Bool greater(Scalar, Scalar) const;  // where a function may kink:
//                                          // the interpreter records it
//     Scalar select(Bool, Scalar, Scalar) const;
//     Scalar max(Scalar, Scalar) const;     // inside a smooth function
//     Scalar exp, log, log1p, sqrt, tanh, abs (Scalar) const;
//     Scalar pow(Scalar, Scalar) const;
//     Scalar powi(Scalar, int) const;      // a small integer exponent
//   };
//
// scalarFunction(op, math) finds an op's function without a list of ops:
// it scans the dialect's op list for the trait at compile time. Adding an
// elementwise op is its ODS definition (with the trait), its `compute`
// here, and its gradient rule (GradientRules.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef GENC_DIALECT_GEN_IR_ELEMENTWISEMATH_H
#define GENC_DIALECT_GEN_IR_ELEMENTWISEMATH_H

#include "genc/Dialect/Gen/IR/GenOps.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace genc::gen {

template <typename Math>
using ScalarFunction =
    std::function<typename Math::Scalar(llvm::ArrayRef<typename Math::Scalar>)>;

/// A constant integer exponent of at most 8 in magnitude (the KL term's
/// m^2): a product of a few factors, not exp and log.
inline std::optional<int> smallIntegerExponent(PowOp pow) {
  auto constant = pow.getRhs().getDefiningOp<ConstantOp>();
  auto attr = constant ? constant.getValue().dyn_cast<mlir::DenseElementsAttr>() : nullptr;
  if (!attr || !attr.isSplat())
    return std::nullopt;
  float value = attr.getSplatValue<float>();
  if (value != std::floor(value) || std::fabs(value) > 8)
    return std::nullopt;
  return static_cast<int>(value);
}

#define GENC_ELEMENTWISE(OpClass, ...)                                                       \
  template <typename Math>                                                                   \
  typename Math::Scalar OpClass::compute(const Math &m,                                      \
                                         llvm::ArrayRef<typename Math::Scalar> x) {          \
    return __VA_ARGS__;                                                                      \
  }

GENC_ELEMENTWISE(NegOp, -x[0])
GENC_ELEMENTWISE(ExpOp, m.exp(x[0]))
GENC_ELEMENTWISE(LogOp, m.log(x[0]))
GENC_ELEMENTWISE(SqrtOp, m.sqrt(x[0]))
GENC_ELEMENTWISE(ReluOp, m.select(m.greater(x[0], m.constant(0)), x[0], m.constant(0)))
GENC_ELEMENTWISE(HeavisideOp, m.select(m.greater(x[0], m.constant(0)), m.constant(1), m.constant(0)))
GENC_ELEMENTWISE(LeakyReluOp, m.select(m.greater(x[0], m.constant(0)), x[0],
                                       m.constant(getAlpha().convertToDouble()) * x[0]))
GENC_ELEMENTWISE(EluOp, m.select(m.greater(x[0], m.constant(0)), x[0], m.exp(x[0]) - m.constant(1)))
GENC_ELEMENTWISE(SigmoidOp, m.constant(1) / (m.constant(1) + m.exp(-x[0])))
GENC_ELEMENTWISE(TanhOp, m.tanh(x[0]))
// Stable for large |x|: max(x, 0) + log(1 + exp(-|x|)).
GENC_ELEMENTWISE(SoftplusOp, m.max(x[0], m.constant(0)) + m.log1p(m.exp(-m.abs(x[0]))))
GENC_ELEMENTWISE(AddOp, x[0] + x[1])
GENC_ELEMENTWISE(SubOp, x[0] - x[1])
GENC_ELEMENTWISE(MulOp, x[0] * x[1])
GENC_ELEMENTWISE(DivOp, x[0] / x[1])
GENC_ELEMENTWISE(MaxOp, m.select(m.greater(x[0], x[1]), x[0], x[1]))

#undef GENC_ELEMENTWISE

// pow looks at its exponent's IR once per element, so it is written out.
template <typename Math>
typename Math::Scalar PowOp::compute(const Math &m, llvm::ArrayRef<typename Math::Scalar> x) {
  if (std::optional<int> n = smallIntegerExponent(*this))
    return m.powi(x[0], *n);
  return m.pow(x[0], x[1]);
}

/// ElementwiseMath on doubles (the front end's constant folding; the
/// interpreter's ReferenceMath adds kink records to it).
struct DoubleMath {
  using Scalar = double;
  using Bool = bool;

  double constant(double c) const { return c; }
  bool greater(double a, double b) const { return a > b; }
  double select(bool c, double a, double b) const { return c ? a : b; }
  double max(double a, double b) const { return std::max(a, b); }
  double exp(double x) const { return std::exp(x); }
  double log(double x) const { return std::log(x); }
  double log1p(double x) const { return std::log1p(x); }
  double sqrt(double x) const { return std::sqrt(x); }
  double tanh(double x) const { return std::tanh(x); }
  double abs(double x) const { return std::fabs(x); }
  double pow(double x, double y) const { return std::pow(x, y); }
  double powi(double x, int n) const { return std::pow(x, n); }
};

namespace detail {
template <typename Math, typename... Ops>
ScalarFunction<Math> scalarFunctionOf(mlir::Operation *op, const Math &math) {
  ScalarFunction<Math> fn;
  auto match = [&](auto *tag) {
    using OpTy = std::remove_pointer_t<decltype(tag)>;
    if constexpr (OpTy::template hasTrait<ElementwiseMath>()) {
      if (auto concrete = llvm::dyn_cast<OpTy>(op)) {
        fn = [concrete, &math](llvm::ArrayRef<typename Math::Scalar> operands) mutable {
          return concrete.compute(math, operands);
        };
        return true;
      }
    }
    return false;
  };
  (match(static_cast<Ops *>(nullptr)) || ...);
  return fn;
}
} // namespace detail

/// `op`'s scalar function over Math's scalars (it refers to `math`, which
/// must outlive it), or an empty function when `op` is not ElementwiseMath.
template <typename Math>
ScalarFunction<Math> scalarFunction(mlir::Operation *op, const Math &math) {
  return detail::scalarFunctionOf<Math,
#define GET_OP_LIST
#include "genc/Dialect/Gen/IR/GenOps.cpp.inc"
                                  >(op, math);
}

} // namespace genc::gen

#endif // GENC_DIALECT_GEN_IR_ELEMENTWISEMATH_H
