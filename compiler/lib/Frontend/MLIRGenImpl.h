//===- MLIRGenImpl.h - State of the AST-to-gen lowering (private) -*- C++ -*-===//
#ifndef GENC_LIB_FRONTEND_MLIRGENIMPL_H
#define GENC_LIB_FRONTEND_MLIRGENIMPL_H

#include "genc/Dialect/Gen/IR/GenOps.h"
#include "genc/Dialect/Gen/IR/ShapeRules.h"
#include "genc/Frontend/MLIRGen.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

namespace genc::frontend {

using shape::Shape;

/// A compile-time number: a literal, a named constant, or arithmetic on them.
struct Number {
  double value = 0;
  bool isInteger = false;
};

/// A number as people write it ("0.001", "2.5", "1e-08"), for messages.
std::string formatNumber(double value);

/// A value during lowering: the IR value plus its front-end type. `shape` is
/// the per-example shape; a batched value has the batch size prepended in IR.
/// A compile-time number has no IR value until it is used in tensor math.
struct GenValue {
  mlir::Value value;
  Shape shape;
  bool batched = false;
  llvm::Optional<Number> number;
};

/// What a name in scope stands for.
struct Binding {
  enum class Kind { Value, Input, Const } kind = Kind::Value;
  GenValue value;
  llvm::SMLoc defLoc;
};

/// Binds a builtin's arguments (positional then keyword) to its parameters.
struct ArgSpec {
  const char *name;
  bool required;
};

/// One net's signature, known before any body is lowered so calls may come
/// before the callee's definition.
struct NetInfo {
  const NetDecl *decl;
  gen::NetOp op; // null if the signature had errors (already reported)
  std::vector<Shape> argShapes, outputShapes;
  /// The body had errors, so its parameters may be incomplete.
  bool bodyFailed = false;
};

class MLIRGenImpl {
public:
  MLIRGenImpl(SourceLocator &locator, const MLIRGenOptions &options);
  mlir::OwningOpRef<mlir::ModuleOp> run(const ModelDecl &model);

  // --- Used by the builtins (Builtins.cpp). ---
  mlir::Location loc(llvm::SMLoc at) { return locator.loc(at); }
  mlir::InFlightDiagnostic error(llvm::SMLoc at) { return locator.error(at); }
  llvm::Optional<GenValue> genExpr(const Expr &expr);
  llvm::Optional<Number> evalNumber(const Expr &expr, llvm::StringRef what);
  llvm::Optional<Number> foldNumbers(char op, Number lhs, Number rhs, llvm::SMLoc at);
  llvm::Optional<int64_t> evalInt(const Expr &expr, llvm::StringRef what, int64_t min);
  /// Materializes a compile-time number as a gen.constant.
  GenValue materialize(const GenValue &value, llvm::SMLoc at);
  /// The IR type of a front-end value.
  mlir::RankedTensorType irType(llvm::ArrayRef<int64_t> shape, bool batched);
  /// Reshapes a batched value to per-example rank `rank` (adding unit dims
  /// after the batch dimension) so IR broadcasting lines up per example.
  mlir::Value alignRank(const GenValue &value, size_t rank, llvm::SMLoc at);
  /// Builds an op whose result type is inferred; null after an error.
  template <typename OpTy>
  mlir::Value buildInferred(llvm::SMLoc at, mlir::ValueRange operands,
                            llvm::ArrayRef<mlir::NamedAttribute> attrs = {});
  /// Creates (or finds) a parameter of the current net and reads it.
  llvm::Optional<GenValue> declareParam(llvm::SMLoc at, const std::string &name,
                                        llvm::ArrayRef<int64_t> shape, llvm::StringRef init,
                                        llvm::ArrayRef<double> initArgs = {},
                                        llvm::StringRef initFrom = {});
  /// `init kmeans_pp(INPUT)`: the input whose examples seed a parameter of
  /// shape `dims` (declared at `typeLoc`); empty after an error.
  std::string seedingInput(const CallExpr &call, const Shape &dims, llvm::SMLoc typeLoc);
  /// A fresh layer-parameter prefix, e.g. "dense2".
  std::string layerName(llvm::StringRef kind);
  bool inNet() const { return currentNet != nullptr; }
  int64_t batchSize() const { return batch; }
  mlir::OpBuilder &getBuilder() { return builder; }
  bool bindArgs(const CallExpr &call, llvm::ArrayRef<ArgSpec> specs,
                llvm::SmallVectorImpl<const Expr *> &bound);
  static std::string typeName(const GenValue &value);

private:
  // Declarations.
  bool declareNames(const ModelDecl &model);
  bool genInput(const InputDecl &input);
  bool genConst(const ConstDecl &decl);
  bool declareNet(const NetDecl &decl);
  bool genNetBody(NetInfo &info);
  bool genStep(const StepDecl &decl);
  bool genGenerative(const GenerativeDecl &decl);
  /// Ends the latent region of the gen.generate being built at the draw
  /// `stmt` of `value`, and starts its decode region.
  bool genDraw(const AssignStmt &stmt, const GenValue &value);
  bool genTrain(const TrainDecl &decl);
  bool checkRecursion();
  llvm::Optional<Shape> genTypeSpec(const TypeSpec &type);

  // Statements.
  /// What a body belongs to: what it may contain and how it ends.
  enum class BodyKind { Net, Step, Declaration };
  bool genBody(const std::vector<StmtPtr> &body, BodyKind kind,
               const ObjectiveStmt **objective, const ReturnStmt **ret);
  bool genAssign(const AssignStmt &stmt);
  bool genParamStmt(const ParamStmt &stmt);
  llvm::Optional<std::vector<GenValue>> genNetCall(const CallExpr &call, NetInfo &net);
  llvm::Optional<std::vector<GenValue>> genMultiValue(const Expr &expr);
  llvm::Optional<GenValue> genBinary(const BinaryExpr &expr);
  llvm::Optional<GenValue> genName(const NameExpr &expr);
  /// `net.param`: a parameter of a net, read outside nets; None (with no
  /// error) if `name` has no dot.
  llvm::Optional<llvm::Optional<GenValue>> genQualifiedParam(const NameExpr &expr);
  llvm::Optional<GenValue> genCall(const CallExpr &call);
  /// Converts a value to a batched tensor of `shape` (for net arguments and
  /// results), or reports why it cannot be.
  /// Whether `value` is computed from anything but constants.
  static bool dependsOnModel(mlir::Value value);
  mlir::Value coerceBatched(const GenValue &value, llvm::ArrayRef<int64_t> shape,
                            llvm::SMLoc at, llvm::StringRef what);

  SourceLocator &locator;
  MLIRGenOptions options;
  mlir::OpBuilder builder;
  mlir::ModuleOp module;
  gen::ModelOp model;
  int64_t batch = 0;
  /// Model-level names: inputs and constants (values), nets and steps (kinds).
  llvm::StringMap<Binding> globals;
  llvm::StringMap<llvm::SMLoc> globalDefs;
  llvm::StringMap<NetInfo> nets;
  llvm::StringMap<Number> constants;
  /// Locals of the net or step being lowered.
  llvm::StringMap<Binding> locals;
  NetInfo *currentNet = nullptr;
  /// The gen.generate being lowered, until its draw (`z ~ ...`) is seen.
  gen::GenerateOp pendingDraw;
  /// Locals defined before the draw, invisible after it (for the error).
  llvm::StringMap<llvm::SMLoc> beforeDraw;
  /// Declarations lowered so far, by kind (one of each per model).
  llvm::DenseMap<unsigned, llvm::SMLoc> declared;
  llvm::StringMap<unsigned> layerCounters;
  /// Net call edges (caller, callee, location) for the recursion check.
  struct CallEdge {
    std::string caller, callee;
    llvm::SMLoc at;
  };
  std::vector<CallEdge> callEdges;
};

/// Lowers a call to a builtin function; None (with no error) if `name` is
/// not a builtin. Defined in Builtins.cpp.
llvm::Optional<llvm::Optional<GenValue>> genBuiltinCall(MLIRGenImpl &gen, const CallExpr &call);

/// Whether `name` names a builtin function (nets may not take these names).
bool isBuiltinName(llvm::StringRef name);

template <typename OpTy>
mlir::Value MLIRGenImpl::buildInferred(llvm::SMLoc at, mlir::ValueRange operands,
                                       llvm::ArrayRef<mlir::NamedAttribute> attrs) {
  mlir::Location location = loc(at);
  llvm::SmallVector<mlir::Type, 1> types;
  auto dict = mlir::DictionaryAttr::get(builder.getContext(), attrs);
  // The front end checks operands before building, so what inference can
  // still refuse is a size (the batch times a layer's width); it is
  // reported at the .gen call, not as an IR error ("'gen.matmul' op ...").
  std::string refusal;
  mlir::LogicalResult inferred = mlir::failure();
  {
    mlir::ScopedDiagnosticHandler capture(builder.getContext(), [&](mlir::Diagnostic &d) {
      if (refusal.empty())
        refusal = d.str();
      return mlir::success();
    });
    inferred = OpTy::inferReturnTypes(builder.getContext(), location, operands, dict, {}, types);
  }
  if (mlir::failed(inferred)) {
    llvm::StringRef why = refusal;
    size_t op = why.find("' op ");
    error(at) << (why.startswith("'") && op != llvm::StringRef::npos ? why.substr(op + 5) : why);
    return nullptr;
  }
  return builder.create<OpTy>(location, types, operands, attrs)->getResult(0);
}

} // namespace genc::frontend

#endif // GENC_LIB_FRONTEND_MLIRGENIMPL_H
