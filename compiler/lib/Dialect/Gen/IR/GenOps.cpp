//===- GenOps.cpp - gen ops: structure, symbols, verifiers -----------------===//
//
// Verifiers of the ops that give a model its structure, the net's function
// syntax, and symbol-use checks (inputs, parameters, calls). Each rule here
// has a case in test/Dialect/Gen/invalid.mlir.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/IR/GenOps.h"
#include "genc/Dialect/Gen/IR/ShapeRules.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/FunctionImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>

using namespace mlir;
using namespace genc::gen;

/// The batch size of the model enclosing `op`, or -1 outside a model.
static int64_t enclosingBatchSize(Operation *op) {
  auto model = op->getParentOfType<ModelOp>();
  auto batch = model ? model->getAttrOfType<IntegerAttr>("batch_size") : IntegerAttr();
  return batch ? batch.getInt() : -1;
}

/// Checks that `type` is batched: rank >= 1 with the model's batch size leading.
/// Checks that `type` is a tensor of f32 with a static shape.
static LogicalResult verifyStaticF32(Operation *op, RankedTensorType type) {
  if (!type.hasStaticShape() || !type.getElementType().isF32())
    return op->emitOpError("type must be a statically shaped tensor of f32, got ") << type;
  return success();
}

static LogicalResult verifyBatched(Operation *op, Type type, StringRef what) {
  int64_t batch = enclosingBatchSize(op);
  auto tensor = type.dyn_cast<RankedTensorType>();
  if (!tensor || tensor.getRank() == 0 || tensor.getDimSize(0) != batch)
    return op->emitOpError() << what << " must have the batch size " << batch
                             << " as leading dimension, got " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// ModelOp
//===----------------------------------------------------------------------===//

/// Finds a cycle in the net call graph by depth-first search.
///
/// It runs as part of the model's verification, before the ops inside are
/// verified, so it reads attributes defensively.
static NetOp findCallCycle(NetOp net, llvm::StringMap<int> &state,
                           const llvm::StringMap<NetOp> &nets) {
  auto name = net->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName());
  if (!name)
    return nullptr;
  int &s = state[name.getValue()];
  if (s == 2)
    return nullptr;
  if (s == 1)
    return net;
  s = 1;
  NetOp cycle;
  net.walk([&](CallOp call) {
    if (cycle)
      return;
    auto ref = call->getAttrOfType<FlatSymbolRefAttr>("callee");
    if (NetOp callee = ref ? nets.lookup(ref.getValue()) : NetOp())
      cycle = findCallCycle(callee, state, nets);
  });
  state[name.getValue()] = 2;
  return cycle;
}

static LogicalResult verifyModel(ModelOp model) {
  auto batch = model->getAttrOfType<IntegerAttr>("batch_size");
  if (!batch)
    return model.emitOpError("requires an integer attribute 'batch_size'");
  if (batch.getInt() <= 0)
    return model.emitOpError("batch_size must be positive, got ")
           << model.getBatchSizeAttr().getInt();
  auto trains = llvm::to_vector(model.getBody().getOps<TrainOp>());
  if (trains.size() > 1)
    return trains[1].emitOpError("a model has at most one train op");
  // One map of the nets: looking each callee up in the model would make
  // this quadratic in the number of nets.
  llvm::StringMap<NetOp> nets;
  for (NetOp net : model.getBody().getOps<NetOp>())
    if (auto name = net->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName()))
      nets[name.getValue()] = net;
  llvm::StringMap<int> state;
  for (NetOp net : model.getBody().getOps<NetOp>())
    if (NetOp cycle = findCallCycle(net, state, nets))
      return cycle.emitOpError("calls itself through the net call graph (recursion is not allowed)");
  return success();
}

//===----------------------------------------------------------------------===//
// InputOp
//===----------------------------------------------------------------------===//

static LogicalResult verifyInput(InputOp input) {
  if (failed(verifyStaticF32(input, input.getTensorType())) ||
      failed(verifyBatched(input, input.getTensorType(), "input type")))
    return failure();
  if (IntegerAttr classesAttr = input.getLabelClassesAttr()) {
    int64_t classes = classesAttr.getInt();
    RankedTensorType type = input.getTensorType();
    if (classes < 2 || type.getRank() != 2 || type.getDimSize(1) != classes)
      return input.emitOpError("a label of ")
             << classes << " classes must be one-hot rows of at least 2 classes, got " << type;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// NetOp
//===----------------------------------------------------------------------===//

std::string genc::gen::paramKey(SymbolRefAttr ref) {
  return (ref.getRootReference().getValue() + "." + ref.getLeafReference().getValue()).str();
}

std::string genc::gen::paramKey(NetOp net, ParamOp param) {
  return (net.getSymName() + "." + param.getSymName()).str();
}

Value genc::gen::perExampleObjective(Value objective, bool *negated) {
  auto neg = objective.getDefiningOp<NegOp>();
  auto mean = (neg ? neg.getOperand() : objective).getDefiningOp<MeanOp>();
  if (negated)
    *negated = bool(neg);
  if (!mean || mean.getInput().getType().cast<ShapedType>().getRank() != 1)
    return nullptr;
  return mean.getInput();
}

SmallVector<ParamOp> genc::gen::getParams(NetOp net) {
  return llvm::to_vector(net.getBody().front().getOps<ParamOp>());
}

static ParseResult parseNet(OpAsmParser &parser, OperationState &result) {
  auto buildType = [](Builder &builder, ArrayRef<Type> args, ArrayRef<Type> results,
                      function_interface_impl::VariadicFlag, std::string &) {
    return builder.getFunctionType(args, results);
  };
  return function_interface_impl::parseFunctionOp(parser, result, /*allowVariadic=*/false,
                                                  buildType);
}

static void printNet(NetOp net, OpAsmPrinter &p) {
  FunctionType type = net.getFunctionType();
  function_interface_impl::printFunctionOp(p, net, type.getInputs(), /*isVariadic=*/false,
                                           type.getResults());
}

static LogicalResult verifyNet(NetOp net) {
  if (net.getBody().empty())
    return net.emitOpError("must have a body");
  for (Type type : net.getArgumentTypes())
    if (failed(verifyBatched(net, type, "argument")) ||
        failed(verifyStaticF32(net, type.cast<RankedTensorType>())))
      return failure();
  if (net.getResultTypes().empty())
    return net.emitOpError("must return at least one tensor");
  for (Type type : net.getResultTypes())
    if (failed(verifyBatched(net, type, "result")) ||
        failed(verifyStaticF32(net, type.cast<RankedTensorType>())))
      return failure();
  Block &body = net.getBody().front();
  if (body.empty() || !isa<ReturnOp>(body.back()))
    return net.emitOpError("body must end with gen.return");
  return success();
}

//===----------------------------------------------------------------------===//
// ParamOp
//===----------------------------------------------------------------------===//

/// The number of `init_args` each initializer takes.
static Optional<size_t> initArity(StringRef init) {
  return llvm::StringSwitch<Optional<size_t>>(init)
      .Cases("zeros", "ones", "glorot_uniform", "he_normal", "kmeans_pp", size_t(0))
      .Case("constant", size_t(1))
      .Cases("normal", "uniform", size_t(2))
      .Default(llvm::None);
}

/// kmeans_pp, and only it, names the input whose examples seed its rows:
/// [K] followed by that input's per-example shape.
static LogicalResult verifyInitFrom(ParamOp param) {
  FlatSymbolRefAttr from = param.getInitFromAttr();
  if (param.getInit() == "kmeans_pp" && !from)
    return param.emitOpError(
        "the kmeans_pp initializer needs 'init_from', the input it seeds from");
  if (param.getInit() != "kmeans_pp" && from)
    return param.emitOpError("'init_from' goes only with the kmeans_pp initializer");
  if (!from)
    return success();
  auto model = param->getParentOfType<ModelOp>();
  auto input = model ? model.lookupSymbol<InputOp>(from.getValue()) : InputOp();
  if (!input)
    return param.emitOpError("'init_from' names ") << from << ", which is not a gen.input";
  ArrayRef<int64_t> rows = param.getTensorType().getShape();
  ArrayRef<int64_t> example = input.getTensorType().getShape().drop_front();
  if (rows.empty() || rows.drop_front() != example) {
    std::string shape = "K";
    for (int64_t d : example)
      shape += ", " + std::to_string(d);
    return param.emitOpError("seeded from ")
           << from << " must have shape [" << shape << "] (K rows of its examples)";
  }
  return success();
}

static LogicalResult verifyParam(ParamOp param) {
  if (failed(verifyStaticF32(param, param.getTensorType())))
    return failure();
  Optional<size_t> arity = initArity(param.getInit());
  if (!arity)
    return param.emitOpError("unknown initializer '")
           << param.getInit()
           << "' (expected zeros, ones, constant, normal, uniform, glorot_uniform, he_normal or "
              "kmeans_pp)";
  size_t given = param.getInitArgs().size();
  if (given != *arity)
    return param.emitOpError("initializer '")
           << param.getInit() << "' takes " << *arity << " argument(s), got " << given;
  auto args = param.getInitArgs().getAsValueRange<FloatAttr>();
  SmallVector<double> values;
  for (const APFloat &v : args)
    values.push_back(v.convertToDouble());
  if (param.getInit() == "normal" && values[1] <= 0)
    return param.emitOpError("normal initializer needs a positive stddev");
  if (param.getInit() == "uniform" && values[0] >= values[1])
    return param.emitOpError("uniform initializer needs low < high");
  return verifyInitFrom(param);
}

//===----------------------------------------------------------------------===//
// ReturnOp
//===----------------------------------------------------------------------===//

static LogicalResult verifyReturn(ReturnOp ret) {
  auto net = ret->getParentOfType<NetOp>();
  ArrayRef<Type> expected = net.getResultTypes();
  if (ret.getOperands().size() != expected.size())
    return ret.emitOpError("returns ")
           << ret.getOperands().size() << " value(s) but the net declares " << expected.size();
  for (size_t i = 0; i < expected.size(); ++i)
    if (ret.getOperand(i).getType() != expected[i])
      return ret.emitOpError("result #")
             << i << " has type " << ret.getOperand(i).getType() << " but the net declares "
             << expected[i];
  return success();
}

//===----------------------------------------------------------------------===//
// StepOp
//===----------------------------------------------------------------------===//

MinimizeOp StepOp::getMinimize() {
  if (getBody().empty() || getBody().front().empty())
    return MinimizeOp();
  return dyn_cast<MinimizeOp>(getBody().front().back());
}

// Symbol-use checks run from the enclosing symbol table's verifier, before
// this op's own attribute checks: they read attributes defensively and leave
// missing or ill-typed ones to the op verifier.
LogicalResult StepOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto model = (*this)->getParentOfType<ModelOp>();
  auto updates = (*this)->getAttrOfType<ArrayAttr>("updates");
  if (!model || !updates ||
      !llvm::all_of(updates, [](Attribute a) { return a.isa<FlatSymbolRefAttr>(); }))
    return success();
  if (!getMinimize())
    return emitOpError("body must end with gen.minimize");
  if (updates.empty())
    return emitOpError("must update at least one net");
  size_t params = 0;
  llvm::StringSet<> seen;
  for (auto ref : updates.getAsRange<FlatSymbolRefAttr>()) {
    if (!seen.insert(ref.getValue()).second)
      return emitOpError("updates ") << ref << " twice";
    auto net = dyn_cast_or_null<NetOp>(tables.lookupSymbolIn(model, SymbolRefAttr(ref)));
    if (!net)
      return emitOpError("updates ") << ref << ", which is not a net of this model";
    params += getParams(net).size();
  }
  if (params == 0)
    return emitOpError("updates no parameters: the nets it names own none");
  return success();
}

//===----------------------------------------------------------------------===//
// TrainOp
//===----------------------------------------------------------------------===//

ArrayRef<std::pair<StringRef, double>> genc::gen::optimizerHyperparams(StringRef optimizer) {
  static const std::pair<StringRef, double> sgd[] = {{"lr", 0.01}};
  static const std::pair<StringRef, double> momentum[] = {{"lr", 0.01}, {"beta", 0.9}};
  static const std::pair<StringRef, double> adam[] = {
      {"lr", 1e-3}, {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8}, {"decay", 0.0}};
  if (optimizer == "sgd")
    return sgd;
  if (optimizer == "momentum")
    return momentum;
  if (optimizer == "adam")
    return adam;
  return {};
}

double genc::gen::getHyperparam(TrainOp train, StringRef name) {
  if (auto value = train.getHyperparams().get(name).dyn_cast_or_null<FloatAttr>())
    return value.getValueAsDouble();
  for (auto &[known, fallback] : optimizerHyperparams(train.getOptimizer()))
    if (known == name)
      return fallback;
  return 0.0;
}

static LogicalResult verifyTrain(TrainOp train) {
  auto known = optimizerHyperparams(train.getOptimizer());
  if (known.empty())
    return train.emitOpError("unknown optimizer '")
           << train.getOptimizer() << "' (expected sgd, momentum or adam)";
  if (train.getSchedule().empty())
    return train.emitOpError("schedule names no step");
  if (train.getSchedule().size() != train.getRepeats().size())
    return train.emitOpError("has ") << train.getSchedule().size() << " steps but "
                                     << train.getRepeats().size() << " repeat counts";
  for (auto repeat : train.getRepeats().getAsValueRange<IntegerAttr>())
    if (repeat.getSExtValue() < 1)
      return train.emitOpError("repeat counts must be at least 1");
  for (NamedAttribute hyper : train.getHyperparams()) {
    if (llvm::none_of(known, [&](auto &k) { return k.first == hyper.getName().getValue(); }))
      return train.emitOpError("optimizer '")
             << train.getOptimizer() << "' has no hyperparameter '" << hyper.getName().getValue()
             << "'";
    auto value = hyper.getValue().dyn_cast<FloatAttr>();
    if (!value)
      return train.emitOpError("hyperparameter '") << hyper.getName().getValue()
                                                   << "' must be a float";
    double v = value.getValueAsDouble();
    bool ok = hyper.getName() == "lr" || hyper.getName() == "eps" ? v > 0 : v >= 0 && v < 1;
    if (!ok)
      return train.emitOpError("hyperparameter '")
             << hyper.getName().getValue() << "' is out of range: " << v;
  }
  if (!train.getHyperparams().get("lr"))
    return train.emitOpError("optimizer needs a learning rate 'lr'");
  return success();
}

LogicalResult TrainOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto model = (*this)->getParentOfType<ModelOp>();
  auto schedule = (*this)->getAttrOfType<ArrayAttr>("schedule");
  if (!model || !schedule)
    return success();
  for (Attribute entry : schedule)
    if (auto ref = entry.dyn_cast<FlatSymbolRefAttr>();
        ref && !isa_and_nonnull<StepOp>(tables.lookupSymbolIn(model, SymbolRefAttr(ref))))
      return emitOpError("schedule names ") << ref << ", which is not a step of this model";
  return success();
}

//===----------------------------------------------------------------------===//
// Symbol reads and calls
//===----------------------------------------------------------------------===//

/// Looks `ref` up from the model enclosing `op`; emits an error if missing.
template <typename OpTy>
static OpTy lookupInModel(Operation *op, SymbolTableCollection &tables, SymbolRefAttr ref,
                          StringRef what) {
  auto model = op->getParentOfType<ModelOp>();
  if (!model) {
    op->emitOpError("must be inside a gen.model");
    return nullptr;
  }
  Operation *found = tables.lookupSymbolIn(model, ref);
  auto typed = dyn_cast_or_null<OpTy>(found);
  if (!typed)
    op->emitOpError() << ref << " does not name " << what << " of the enclosing model";
  return typed;
}

LogicalResult GetInputOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto ref = (*this)->getAttrOfType<FlatSymbolRefAttr>("input");
  if (!ref)
    return success();
  auto input = lookupInModel<InputOp>(*this, tables, ref, "an input");
  if (!input)
    return failure();
  if (input.getTensorType() != getType())
    return emitOpError("type ") << getType() << " differs from the input's " << input.getTensorType();
  return success();
}

LogicalResult GetParamOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto ref = (*this)->getAttrOfType<SymbolRefAttr>("param");
  if (!ref)
    return success();
  if (ref.getNestedReferences().size() != 1)
    return emitOpError("parameter must be named @net::@param, got ") << ref;
  auto param = lookupInModel<ParamOp>(*this, tables, ref, "a parameter");
  if (!param)
    return failure();
  if (param.getTensorType() != getType())
    return emitOpError("type ") << getType() << " differs from the parameter's "
                                << param.getTensorType();
  return success();
}

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto ref = (*this)->getAttrOfType<FlatSymbolRefAttr>("callee");
  if (!ref)
    return success();
  auto net = lookupInModel<NetOp>(*this, tables, ref, "a net");
  if (!net)
    return failure();
  if (TypeRange(getOperandTypes()) != TypeRange(net.getArgumentTypes()) ||
      TypeRange(getResultTypes()) != TypeRange(net.getResultTypes()))
    return emitOpError("type ")
           << FunctionType::get(getContext(), getOperandTypes(), getResultTypes())
           << " differs from the net's " << net.getFunctionType();
  return success();
}

//===----------------------------------------------------------------------===//
// Declarations of how the model generates
//===----------------------------------------------------------------------===//

/// The value a declaration's region yields, or an error.
static FailureOr<Value> yieldedValue(Operation *decl, Region &region, StringRef which) {
  if (region.empty() || !isa<YieldOp>(region.front().back())) {
    decl->emitOpError() << which << " must end with gen.yield";
    return failure();
  }
  Value value = cast<YieldOp>(region.front().back()).getValue();
  if (failed(verifyBatched(decl, value.getType(), (which + " value").str())))
    return failure();
  return value;
}

/// A model holds at most one declaration of each kind.
static LogicalResult verifyOnlyOne(Operation *decl) {
  Operation *first = nullptr;
  for (Operation &sibling : decl->getBlock()->getOperations())
    if (sibling.getName() == decl->getName()) {
      first = &sibling;
      break;
    }
  if (first != decl)
    return decl->emitOpError("a model has at most one ") << decl->getName();
  return success();
}

static LogicalResult verifyGenerate(GenerateOp op) {
  if (failed(verifyOnlyOne(op)))
    return failure();
  Region &latentRegion = op.getLatent(), &decodeRegion = op.getDecode();
  if (!latentRegion.empty() && latentRegion.front().getNumArguments() != 0)
    return op.emitOpError("latent region takes no arguments");
  auto latent = yieldedValue(op, latentRegion, "latent region");
  if (failed(latent) || failed(yieldedValue(op, decodeRegion, "decode region")))
    return failure();
  Block &decode = decodeRegion.front();
  if (decode.getNumArguments() != 1 || decode.getArgument(0).getType() != latent->getType())
    return op.emitOpError("decode region must take the latent, of type ")
           << latent->getType() << ", as its one argument";
  return success();
}

template <typename DeclarationOp> static LogicalResult verifyDeclaration(DeclarationOp op) {
  if (failed(verifyOnlyOne(op)))
    return failure();
  return failure(failed(yieldedValue(op, op.getBody(), "body")));
}

/// The input a declaration is about, and the type its value must have
/// (`expected`, built from the input's type): a data input for all but
/// gen.classify, whose subject is a label.
static LogicalResult
verifySubject(Operation *decl, SymbolTableCollection &tables, Region &region,
              function_ref<bool(InputOp, RankedTensorType)> expected, StringRef expectation) {
  auto ref = decl->getAttrOfType<FlatSymbolRefAttr>("subject");
  if (!ref || region.empty() || !isa<YieldOp>(region.front().back()))
    return success(); // the op's verifier reports these
  auto input = lookupInModel<InputOp>(decl, tables, ref, "an input");
  if (!input)
    return failure();
  bool label = input.getLabelClassesAttr() != nullptr;
  if (label != isa<ClassifyOp>(decl))
    return decl->emitOpError()
           << (label ? "is about a label input " : "must be about a label input, not ") << ref
           << (label ? "; only gen.classify predicts labels" : "");
  // This runs (as the model's symbol check) before the ops inside are
  // verified: a yielded value of no ranked type is gen.yield's to report.
  auto type =
      cast<YieldOp>(region.front().back()).getValue().getType().dyn_cast<RankedTensorType>();
  if (!type)
    return success();
  if (!expected(input, type))
    return decl->emitOpError("yields ") << type << ", but " << expectation;
  return success();
}

static bool sameAsInput(InputOp input, RankedTensorType type) {
  return type == input.getTensorType();
}

LogicalResult GenerateOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifySubject(*this, tables, getDecode(), sameAsInput,
                       "the decode region must yield the type of the input it generates");
}
LogicalResult ReconstructOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifySubject(*this, tables, getBody(), sameAsInput,
                       "a reconstruction has the type of the input it reconstructs");
}
LogicalResult ClassifyOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifySubject(*this, tables, getBody(), sameAsInput,
                       "class logits have the type of the label input");
}
LogicalResult LogWeightOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifySubject(
      *this, tables, getBody(),
      [](InputOp, RankedTensorType type) { return type.getRank() == 1; },
      "a log-weight is one number per example");
}
LogicalResult DiscriminateOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifySubject(
      *this, tables, getBody(),
      [](InputOp, RankedTensorType type) {
        return type.getRank() == 1 || (type.getRank() == 2 && type.getDimSize(1) == 1);
      },
      "a discriminator's logit is one number per example");
}

static LogicalResult verifyCategorical(CategoricalOp op) {
  auto uniform = op.getUniform().getType().cast<RankedTensorType>();
  auto logits = op.getLogits().getType().cast<RankedTensorType>();
  if (uniform.getRank() != 2 || failed(verifyBatched(op, uniform, "uniform draw")))
    return op.emitOpError("uniform draw must be [batch, categories], got ") << uniform;
  bool perRow = logits.getRank() == 2 && logits.getShape() == uniform.getShape();
  bool shared = logits.getRank() == 1 && logits.getDimSize(0) == uniform.getDimSize(1);
  if (!perRow && !shared)
    return op.emitOpError("logits ") << logits << " must be " << uniform << " or tensor<"
                                     << uniform.getDimSize(1) << "xf32>";
  return success();
}

//===----------------------------------------------------------------------===//
// Training state, gradients and updates
//===----------------------------------------------------------------------===//

static LogicalResult verifyState(StateOp state) {
  return verifyStaticF32(state, state.getTensorType());
}

/// Checks a parameter write or gradient (computed or read): the parameter
/// exists with the value's type, and the enclosing step updates its net.
static LogicalResult verifyParamWrite(Operation *op, SymbolTableCollection &tables, Type type) {
  auto ref = op->getAttrOfType<SymbolRefAttr>("param");
  auto step = op->getParentOfType<StepOp>();
  auto updates = step ? step->getAttrOfType<ArrayAttr>("updates") : ArrayAttr();
  if (!ref || !updates)
    return success();
  auto param = lookupInModel<ParamOp>(op, tables, ref, "a parameter");
  if (!param)
    return failure();
  if (param.getTensorType() != type)
    return op->emitOpError("type ") << type << " differs from the parameter's "
                                    << param.getTensorType();
  if (!llvm::is_contained(updates, FlatSymbolRefAttr::get(ref.getRootReference())))
    return op->emitOpError(isa<GetGradientOp>(op) ? "reads the gradient of " : "writes ")
           << ref << ", but the step does not update net @"
                                      << ref.getRootReference().getValue();
  return success();
}

LogicalResult GradientOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifyParamWrite(*this, tables, getValue().getType());
}

LogicalResult GetGradientOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifyParamWrite(*this, tables, getType());
}

LogicalResult SetParamOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifyParamWrite(*this, tables, getValue().getType());
}

/// Checks a state read or write against the declaration.
static LogicalResult verifyStateUse(Operation *op, SymbolTableCollection &tables, Type type) {
  auto ref = op->getAttrOfType<FlatSymbolRefAttr>("state");
  if (!ref)
    return success();
  auto state = lookupInModel<StateOp>(op, tables, ref, "a training state");
  if (!state)
    return failure();
  if (state.getTensorType() != type)
    return op->emitOpError("type ") << type << " differs from the state's "
                                    << state.getTensorType();
  return success();
}

LogicalResult GetStateOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifyStateUse(*this, tables, getType());
}

LogicalResult SetStateOp::verifySymbolUses(SymbolTableCollection &tables) {
  return verifyStateUse(*this, tables, getValue().getType());
}

static LogicalResult verifyConv2DFilterGrad(Conv2DFilterGradOp op) {
  auto in = op.getInput().getType().cast<ShapedType>();
  auto grad = op.getOutputGrad().getType().cast<ShapedType>();
  auto filter = op.getType().cast<ShapedType>();
  if (in.getRank() != 4 || grad.getRank() != 4 || filter.getRank() != 4)
    return op.emitOpError("input, output_grad and result must be 4-D");
  SmallVector<int64_t> strides, padding;
  for (auto [attr, values] : {std::make_pair(op.getStrides(), &strides),
                              std::make_pair(op.getPadding(), &padding)})
    for (Attribute a : attr)
      values->push_back(a.cast<IntegerAttr>().getInt());
  if (strides.size() != 2 || padding.size() != 2)
    return op.emitOpError("strides and padding need 2 entries each");
  if (filter.getDimSize(0) != grad.getDimSize(1) || filter.getDimSize(1) != in.getDimSize(1) ||
      in.getDimSize(0) != grad.getDimSize(0))
    return op.emitOpError("result must be [output channels, input channels, kh, kw] = [")
           << grad.getDimSize(1) << ", " << in.getDimSize(1) << ", kh, kw]";
  for (int d = 0; d < 2; ++d)
    if (strides[d] < 1 || padding[d] < 0 ||
        genc::shape::convOutputSize(in.getDimSize(2 + d), filter.getDimSize(2 + d), strides[d],
                                    padding[d]) != grad.getDimSize(2 + d))
      return op.emitOpError("output_grad's spatial size does not match a conv2d of the input "
                            "with this kernel, stride and padding");
  return success();
}

//===----------------------------------------------------------------------===//
// Random inputs
//===----------------------------------------------------------------------===//

static LogicalResult verifyNormal(NormalOp op) {
  if (!(op.getStddev().convertToDouble() > 0))
    return op.emitOpError("stddev must be positive");
  return success();
}

static LogicalResult verifyUniform(UniformOp op) {
  if (!(op.getLow().convertToDouble() < op.getHigh().convertToDouble()))
    return op.emitOpError("needs low < high");
  return success();
}

//===----------------------------------------------------------------------===//
// Reshape and broadcast (result types are written, not inferred)
//===----------------------------------------------------------------------===//

static LogicalResult verifyReshape(ReshapeOp op) {
  auto in = op.getInput().getType().cast<ShapedType>();
  auto out = op.getType().cast<ShapedType>();
  if (in.getNumElements() != out.getNumElements())
    return op.emitOpError("cannot reshape ")
           << in << " (" << in.getNumElements() << " elements) to " << out << " ("
           << out.getNumElements() << " elements)";
  return success();
}

OpFoldResult ReshapeOp::fold(ArrayRef<Attribute> operands) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto splat = operands[0].dyn_cast_or_null<SplatElementsAttr>())
    return splat.reshape(getType().cast<ShapedType>());
  return {};
}

static LogicalResult verifyBroadcastTo(BroadcastToOp op) {
  auto in = op.getInput().getType().cast<ShapedType>();
  auto out = op.getType().cast<ShapedType>();
  if (!genc::shape::broadcastsTo(in.getShape(), out.getShape()))
    return op.emitOpError("cannot broadcast ") << in << " to " << out;
  return success();
}

OpFoldResult ConstantOp::fold(ArrayRef<Attribute>) { return getValue(); }

/// A splat constant as a double, if `attr` is one.
static Optional<double> splatValue(Attribute attr) {
  auto splat = attr.dyn_cast_or_null<SplatElementsAttr>();
  if (!splat)
    return llvm::None;
  return splat.getSplatValue<APFloat>().convertToDouble();
}

/// Folds a binary op on two splats, or an identity (`x op unit == x`) whose
/// other operand already has the result type.
static OpFoldResult foldBinary(Operation *op, ArrayRef<Attribute> operands,
                               function_ref<double(double, double)> fn, Optional<double> rightUnit,
                               Optional<double> leftUnit) {
  Type type = op->getResult(0).getType();
  Optional<double> lhs = splatValue(operands[0]), rhs = splatValue(operands[1]);
  if (lhs && rhs)
    return DenseElementsAttr::get(type.cast<ShapedType>(), static_cast<float>(fn(*lhs, *rhs)));
  if (rightUnit && rhs == rightUnit && op->getOperand(0).getType() == type)
    return op->getOperand(0);
  if (leftUnit && lhs == leftUnit && op->getOperand(1).getType() == type)
    return op->getOperand(1);
  return {};
}

OpFoldResult AddOp::fold(ArrayRef<Attribute> operands) {
  return foldBinary(*this, operands, [](double a, double b) { return a + b; }, 0.0, 0.0);
}
OpFoldResult SubOp::fold(ArrayRef<Attribute> operands) {
  return foldBinary(*this, operands, [](double a, double b) { return a - b; }, 0.0, llvm::None);
}
OpFoldResult MulOp::fold(ArrayRef<Attribute> operands) {
  return foldBinary(*this, operands, [](double a, double b) { return a * b; }, 1.0, 1.0);
}
OpFoldResult DivOp::fold(ArrayRef<Attribute> operands) {
  return foldBinary(*this, operands, [](double a, double b) { return a / b; }, 1.0, llvm::None);
}
OpFoldResult PowOp::fold(ArrayRef<Attribute> operands) {
  return foldBinary(*this, operands, [](double a, double b) { return std::pow(a, b); }, 1.0,
                    llvm::None);
}
OpFoldResult MaxOp::fold(ArrayRef<Attribute> operands) {
  return foldBinary(*this, operands, [](double a, double b) { return std::max(a, b); },
                    llvm::None, llvm::None);
}

OpFoldResult BroadcastToOp::fold(ArrayRef<Attribute> operands) {
  if (Optional<double> value = splatValue(operands[0]))
    return DenseElementsAttr::get(getType().cast<ShapedType>(), static_cast<float>(*value));
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

namespace {
/// bce(sigmoid(z), t) -> bce_logits(z, t).
struct FuseSigmoidIntoBCE : public OpRewritePattern<BCEOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BCEOp op, PatternRewriter &rewriter) const override {
    auto sigmoid = op.getPrediction().getDefiningOp<SigmoidOp>();
    if (!sigmoid)
      return failure();
    rewriter.replaceOpWithNewOp<BCEWithLogitsOp>(op, op.getType(), sigmoid.getInput(),
                                                 op.getTarget());
    return success();
  }
};
} // namespace

void BCEOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<FuseSigmoidIntoBCE>(context);
}

#define GET_OP_CLASSES
#include "genc/Dialect/Gen/IR/GenOps.cpp.inc"
