//===- MLIRGen.cpp - Lower a .gen AST to the gen dialect ------------------===//
//
// 1) Declare every model-level name (inputs, constants, nets, steps),
//    reporting redefinitions with a note at the first definition.
// 2) Create each net's signature, then lower the net bodies, so calls may
//    precede the callee's definition; check that nets do not recurse.
// 3) Lower the steps (each must have exactly one objective) and the train
//    clause.
// Statements that fail are reported and skipped; the result is null if
// anything failed.
//
//===----------------------------------------------------------------------===//
#include "MLIRGenImpl.h"
#include "genc/Frontend/Parser.h"

#include "mlir/IR/Verifier.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SourceMgr.h"

#include <cmath>

using namespace mlir;
using namespace genc;
using namespace genc::frontend;
using llvm::SMLoc;

std::string genc::frontend::formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

MLIRGenImpl::MLIRGenImpl(SourceLocator &locator, const MLIRGenOptions &options)
    : locator(locator), options(options), builder(locator.getContext()) {}

RankedTensorType MLIRGenImpl::irType(ArrayRef<int64_t> shape, bool batched) {
  Shape dims;
  if (batched)
    dims.push_back(batch);
  dims.append(shape.begin(), shape.end());
  return RankedTensorType::get(dims, builder.getF32Type());
}

std::string MLIRGenImpl::typeName(const GenValue &value) {
  if (value.number)
    return "a number";
  std::string s = value.shape.empty() ? "f32" : "f32" + shape::format(value.shape);
  return value.batched ? s + " per example" : s + " (not per example)";
}

GenValue MLIRGenImpl::materialize(const GenValue &value, SMLoc at) {
  if (!value.number)
    return value;
  auto type = RankedTensorType::get({}, builder.getF32Type());
  auto attr = DenseElementsAttr::get(type, static_cast<float>(value.number->value));
  GenValue result;
  result.value = builder.create<gen::ConstantOp>(loc(at), attr.cast<ElementsAttr>());
  return result;
}

Value MLIRGenImpl::alignRank(const GenValue &value, size_t rank, SMLoc at) {
  if (!value.batched || value.shape.size() >= rank)
    return value.value;
  Shape padded(rank - value.shape.size(), 1);
  padded.append(value.shape.begin(), value.shape.end());
  return builder.create<gen::ReshapeOp>(loc(at), irType(padded, true), value.value);
}

//===----------------------------------------------------------------------===//
// Compile-time numbers
//===----------------------------------------------------------------------===//

Optional<Number> MLIRGenImpl::foldNumbers(char op, Number lhs, Number rhs, SMLoc at) {
  // A power is an integer only for a non-negative integer exponent.
  Number result{0, lhs.isInteger && rhs.isInteger && (op != '^' || rhs.value >= 0)};
  switch (op) {
  case '+': result.value = lhs.value + rhs.value; break;
  case '-': result.value = lhs.value - rhs.value; break;
  case '*': result.value = lhs.value * rhs.value; break;
  case '^': result.value = std::pow(lhs.value, rhs.value); break;
  case '/':
    if (rhs.value == 0) {
      error(at) << "division by zero in a constant expression";
      return llvm::None;
    }
    result.value = lhs.value / rhs.value;
    result.isInteger = result.isInteger && std::fmod(lhs.value, rhs.value) == 0;
    break;
  }
  if (std::isnan(result.value)) {
    error(at) << "constant expression is not a number";
    return llvm::None;
  }
  if (!std::isfinite(result.value) || std::fabs(result.value) > 9.007199254740992e15) {
    error(at) << "constant expression overflows";
    return llvm::None;
  }
  return result;
}

Optional<Number> MLIRGenImpl::evalNumber(const Expr &expr, StringRef what) {
  if (auto *num = llvm::dyn_cast<NumberExpr>(&expr))
    return Number{num->value, num->isInteger};
  if (auto *name = llvm::dyn_cast<NameExpr>(&expr)) {
    auto it = constants.find(name->name);
    if (it != constants.end())
      return it->second;
    error(expr.getLoc()) << what << " must be a constant; '" << name->name
                         << "' is not a named constant";
    return llvm::None;
  }
  if (auto *unary = llvm::dyn_cast<UnaryExpr>(&expr)) {
    auto operand = evalNumber(*unary->operand, what);
    if (operand && unary->op == '-')
      operand->value = -operand->value;
    return operand;
  }
  if (auto *binary = llvm::dyn_cast<BinaryExpr>(&expr)) {
    auto lhs = evalNumber(*binary->lhs, what), rhs = evalNumber(*binary->rhs, what);
    if (!lhs || !rhs)
      return llvm::None;
    return foldNumbers(binary->op, *lhs, *rhs, binary->getLoc());
  }
  error(expr.getLoc()) << what << " must be a constant expression";
  return llvm::None;
}

Optional<int64_t> MLIRGenImpl::evalInt(const Expr &expr, StringRef what, int64_t min) {
  auto number = evalNumber(expr, what);
  if (!number)
    return llvm::None;
  if (!number->isInteger) {
    error(expr.getLoc()) << what << " must be an integer, got " << formatNumber(number->value);
    return llvm::None;
  }
  auto value = static_cast<int64_t>(number->value);
  if (value < min) {
    error(expr.getLoc()) << what << " must be at least " << min << ", got " << value;
    return llvm::None;
  }
  return value;
}

Optional<Shape> MLIRGenImpl::genTypeSpec(const TypeSpec &type) {
  Shape dims;
  for (const ExprPtr &dim : type.dims) {
    auto value = evalInt(*dim, type.isOneHot ? "the number of classes" : "a dimension",
                         type.isOneHot ? 2 : 1);
    if (!value)
      return llvm::None;
    dims.push_back(*value);
  }
  Shape withBatch = {batch};
  withBatch.append(dims.begin(), dims.end());
  if (!shape::elementCount(withBatch)) {
    error(type.loc) << "tensor of shape " << shape::format(withBatch)
                    << " (batch included) is too large: more than 2^31 - 1 elements";
    return llvm::None;
  }
  return dims;
}

//===----------------------------------------------------------------------===//
// Model-level declarations
//===----------------------------------------------------------------------===//

bool MLIRGenImpl::declareNames(const ModelDecl &decl) {
  bool ok = true;
  auto declare = [&](const Ident &name, StringRef what) {
    if (isBuiltinName(name.name)) {
      error(name.loc) << "'" << name.name << "' is a builtin function and cannot name " << what;
      ok = false;
      return;
    }
    auto [it, inserted] = globalDefs.try_emplace(name.name, name.loc);
    if (!inserted) {
      auto diag = error(name.loc);
      diag << "redefinition of '" << name.name << "'";
      diag.attachNote(loc(it->second)) << "previous definition is here";
      ok = false;
    }
  };
  for (auto [kind, index] : decl.order) {
    switch (kind) {
    case ModelDecl::DeclKind::Input: declare(decl.inputs[index].name, "an input"); break;
    case ModelDecl::DeclKind::Const: declare(decl.consts[index].name, "a constant"); break;
    case ModelDecl::DeclKind::Net: declare(decl.nets[index].name, "a net"); break;
    case ModelDecl::DeclKind::Step: declare(decl.steps[index].name, "a step"); break;
    case ModelDecl::DeclKind::Train:
    case ModelDecl::DeclKind::Generative: break;
    }
  }
  return ok;
}

bool MLIRGenImpl::genConst(const ConstDecl &decl) {
  auto value = evalNumber(*decl.value, "a model-level value");
  if (!value)
    return false;
  constants[decl.name.name] = *value;
  GenValue number;
  number.number = *value;
  globals[decl.name.name] = Binding{Binding::Kind::Const, number, decl.name.loc};
  return true;
}

bool MLIRGenImpl::genInput(const InputDecl &input) {
  auto dims = genTypeSpec(input.type);
  if (!dims)
    return false;
  auto op = builder.create<gen::InputOp>(loc(input.name.loc),
                                         builder.getStringAttr(input.name.name),
                                         TypeAttr::get(irType(*dims, true)), IntegerAttr(),
                                         StringAttr());
  if (input.type.isOneHot)
    op.setLabelClassesAttr(builder.getI64IntegerAttr((*dims)[0]));
  if (input.source)
    op.setSourceAttr(builder.getStringAttr(*input.source));
  GenValue value;
  value.shape = *dims;
  value.batched = true;
  globals[input.name.name] = Binding{Binding::Kind::Input, value, input.name.loc};
  return true;
}

bool MLIRGenImpl::declareNet(const NetDecl &decl) {
  NetInfo info{&decl, nullptr, {}, {}};
  SmallVector<Type> argTypes, resultTypes;
  bool ok = true;
  for (const TypedName &arg : decl.args) {
    auto dims = genTypeSpec(arg.type);
    ok &= dims.hasValue();
    info.argShapes.push_back(dims.getValueOr(Shape{}));
    argTypes.push_back(irType(info.argShapes.back(), true));
  }
  for (const TypedName &out : decl.outputs) {
    auto dims = genTypeSpec(out.type);
    ok &= dims.hasValue();
    info.outputShapes.push_back(dims.getValueOr(Shape{}));
    resultTypes.push_back(irType(info.outputShapes.back(), true));
  }
  llvm::StringSet<> argNames;
  for (const TypedName &arg : decl.args)
    if (!argNames.insert(arg.name->name).second) {
      error(arg.name->loc) << "duplicate argument '" << arg.name->name << "'";
      ok = false;
    }
  if (!ok) {
    nets[decl.name.name] = std::move(info); // known, so uses stay quiet
    return false;
  }
  auto type = builder.getFunctionType(argTypes, resultTypes);
  info.op = builder.create<gen::NetOp>(loc(decl.name.loc), builder.getStringAttr(decl.name.name),
                                       TypeAttr::get(type));
  Block *block = new Block();
  info.op.getBody().push_back(block);
  for (size_t i = 0; i < decl.args.size(); ++i) {
    block->addArgument(argTypes[i], loc(decl.args[i].name->loc));
    info.op.setArgAttr(i, "gen.name", builder.getStringAttr(decl.args[i].name->name));
  }
  for (size_t i = 0; i < decl.outputs.size(); ++i)
    if (decl.outputs[i].name)
      info.op.setResultAttr(i, "gen.name", builder.getStringAttr(decl.outputs[i].name->name));
  nets[decl.name.name] = std::move(info);
  return true;
}

Value MLIRGenImpl::coerceBatched(const GenValue &value, ArrayRef<int64_t> shape, SMLoc at,
                                 StringRef what) {
  GenValue v = materialize(value, at);
  if (v.batched && v.shape == Shape(shape.begin(), shape.end()))
    return v.value;
  Shape target(shape.begin(), shape.end());
  if (!v.batched && shape::broadcastsTo(v.shape, target))
    return builder.create<gen::BroadcastToOp>(loc(at), irType(target, true), v.value);
  error(at) << what << " must be f32" << (shape.empty() ? "" : shape::format(shape))
            << " per example, got " << typeName(value);
  return nullptr;
}

bool MLIRGenImpl::genNetBody(NetInfo &info) {
  const NetDecl &decl = *info.decl;
  locals.clear();
  currentNet = &info;
  layerCounters.clear();
  Block &block = info.op.getBody().front();
  builder.setInsertionPointToEnd(&block);
  for (size_t i = 0; i < decl.args.size(); ++i) {
    GenValue arg;
    arg.value = block.getArgument(i);
    arg.shape = info.argShapes[i];
    arg.batched = true;
    locals[decl.args[i].name->name] = Binding{Binding::Kind::Value, arg, decl.args[i].name->loc};
  }
  const ReturnStmt *ret = nullptr;
  bool ok = genBody(decl.body, BodyKind::Net, nullptr, &ret);
  SmallVector<Value> results;
  if (ok && ret) {
    if (ret->values.size() != decl.outputs.size()) {
      error(ret->getLoc()) << "net '" << decl.name.name << "' declares "
                           << decl.outputs.size() << " output(s) but returns "
                           << ret->values.size();
      ok = false;
    }
    for (size_t i = 0; ok && i < ret->values.size(); ++i) {
      auto value = genExpr(*ret->values[i]);
      Value coerced = value ? coerceBatched(*value, info.outputShapes[i],
                                            ret->values[i]->getLoc(), "the returned value")
                            : Value();
      ok = coerced != nullptr;
      results.push_back(coerced);
    }
  } else if (ok) {
    for (size_t i = 0; ok && i < decl.outputs.size(); ++i) {
      const TypedName &out = decl.outputs[i];
      auto it = out.name ? locals.find(out.name->name) : locals.end();
      if (it == locals.end()) {
        error(decl.name.loc) << "net '" << decl.name.name << "' has no 'return' and never assigns "
                             << (out.name ? "its output '" + out.name->name + "'"
                                          : std::string("its unnamed output"));
        ok = false;
        break;
      }
      Value coerced = coerceBatched(it->second.value, info.outputShapes[i], it->second.defLoc,
                                    "output '" + out.name->name + "'");
      ok = coerced != nullptr;
      results.push_back(coerced);
    }
  }
  currentNet = nullptr;
  if (!ok)
    return false;
  builder.create<gen::ReturnOp>(loc(ret ? ret->getLoc() : decl.name.loc), results);
  return true;
}

bool MLIRGenImpl::genStep(const StepDecl &decl) {
  locals.clear();
  bool ok = true;
  SmallVector<Attribute> updates;
  size_t ownedParams = 0;
  bool paramsKnown = true;
  for (const Ident &net : decl.updates) {
    auto it = nets.find(net.name);
    if (it == nets.end()) {
      auto diag = error(net.loc);
      diag << "step '" << decl.name.name << "' updates '" << net.name << "', which is not a net";
      if (globalDefs.count(net.name))
        diag.attachNote(loc(globalDefs[net.name])) << "'" << net.name << "' is defined here";
      ok = false;
      continue;
    }
    for (Attribute seen : updates)
      if (seen.cast<FlatSymbolRefAttr>().getValue() == net.name) {
        error(net.loc) << "net '" << net.name << "' is listed twice";
        ok = false;
      }
    updates.push_back(FlatSymbolRefAttr::get(builder.getContext(), net.name));
    // A net with errors (reported already) has unknown parameters.
    paramsKnown &= it->second.op && !it->second.bodyFailed;
    if (paramsKnown)
      ownedParams += gen::getParams(it->second.op).size();
  }
  if (ok && paramsKnown && ownedParams == 0) {
    error(decl.name.loc) << "step '" << decl.name.name
                         << "' updates no parameters: the nets it names own none";
    ok = false;
  }
  auto step = builder.create<gen::StepOp>(loc(decl.name.loc), builder.getStringAttr(decl.name.name),
                                          builder.getArrayAttr(updates));
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(&step.getBody().emplaceBlock());
  const ObjectiveStmt *objective = nullptr;
  ok &= genBody(decl.body, BodyKind::Step, &objective, nullptr);
  if (!ok)
    return false;
  if (!objective) {
    error(decl.name.loc) << "step '" << decl.name.name
                         << "' has no objective; end it with 'minimize EXPR'";
    return false;
  }
  auto value = genExpr(*objective->value);
  if (!value)
    return false;
  SMLoc at = objective->value->getLoc();
  if (!value->shape.empty()) {
    error(at) << "the objective must be a scalar per example, got " << typeName(*value)
              << "; reduce it with sum() or mean()";
    return false;
  }
  if (value->number || !dependsOnModel(value->value)) {
    error(at) << "the objective is a constant; it must depend on the model";
    return false;
  }
  Value result = value->value;
  if (value->batched) // The objective is the mean over the batch.
    result = buildInferred<gen::MeanOp>(at, result,
                                        builder.getNamedAttr("axes", builder.getI64ArrayAttr({0})));
  if (objective->maximize)
    result = builder.create<gen::NegOp>(loc(objective->getLoc()), result);
  builder.create<gen::MinimizeOp>(loc(objective->getLoc()), result);
  return true;
}

bool MLIRGenImpl::genDraw(const AssignStmt &stmt, const GenValue &value) {
  gen::GenerateOp op = pendingDraw;
  pendingDraw = nullptr;
  const Ident &name = stmt.targets[0];
  if (!value.batched || value.number) {
    error(stmt.value->getLoc()) << "the latent must be drawn per example, got "
                                << typeName(value);
    return false;
  }
  builder.create<gen::YieldOp>(loc(stmt.getLoc()), value.value);
  op.setLatentNameAttr(builder.getStringAttr(name.name));
  Block &decode = op.getDecode().emplaceBlock();
  BlockArgument latent = decode.addArgument(value.value.getType(), loc(name.loc));
  builder.setInsertionPointToEnd(&decode);
  for (auto &local : locals)
    beforeDraw[local.getKey()] = local.getValue().defLoc;
  locals.clear();
  GenValue bound = value;
  bound.value = latent;
  locals[name.name] = Binding{Binding::Kind::Value, bound, name.loc};
  return true;
}

bool MLIRGenImpl::genGenerative(const GenerativeDecl &decl) {
  using Kind = GenerativeDecl::Kind;
  StringRef word = GenerativeDecl::spelling(decl.kind);
  auto [first, fresh] = declared.try_emplace(unsigned(decl.kind), decl.keyword.loc);
  if (!fresh) {
    auto diag = error(decl.keyword.loc);
    diag << "a model has one '" << word << "' declaration";
    diag.attachNote(loc(first->second)) << "the first one is here";
    return false;
  }
  auto input = globals.find(decl.subject.name);
  if (input == globals.end() || input->second.kind != Binding::Kind::Input) {
    auto diag = error(decl.subject.loc);
    diag << "'" << word << "' is about a model input; '" << decl.subject.name << "' is "
         << (globalDefs.count(decl.subject.name) ? "not an input" : "not defined");
    if (globalDefs.count(decl.subject.name))
      diag.attachNote(loc(globalDefs[decl.subject.name])) << "it is defined here";
    return false;
  }
  auto inputOp = model.lookupSymbol<gen::InputOp>(decl.subject.name);
  bool label = inputOp.getLabelClassesAttr() != nullptr;
  if (label != (decl.kind == Kind::Classify)) {
    error(decl.subject.loc) << "'" << word << "' is about "
                            << (label ? "a data input; '" : "a label (onehot) input; '")
                            << decl.subject.name << "' is " << (label ? "a label" : "data");
    return false;
  }
  locals.clear();
  beforeDraw.clear();
  auto subject = FlatSymbolRefAttr::get(builder.getContext(), decl.subject.name);
  Location at = loc(decl.keyword.loc);
  OpBuilder::InsertionGuard guard(builder);
  Operation *op = nullptr;
  Region *body = nullptr;
  switch (decl.kind) {
  case Kind::Generate: {
    auto generate = builder.create<gen::GenerateOp>(at, subject, builder.getStringAttr(""));
    pendingDraw = generate;
    op = generate;
    body = &generate.getLatent();
    break;
  }
  case Kind::Reconstruct: op = builder.create<gen::ReconstructOp>(at, subject); break;
  case Kind::LogWeight: op = builder.create<gen::LogWeightOp>(at, subject); break;
  case Kind::Discriminate: op = builder.create<gen::DiscriminateOp>(at, subject); break;
  case Kind::Classify: op = builder.create<gen::ClassifyOp>(at, subject); break;
  }
  if (!body)
    body = &op->getRegion(0);
  builder.setInsertionPointToEnd(&body->emplaceBlock());
  const ReturnStmt *ret = nullptr;
  bool ok = genBody(decl.body, BodyKind::Declaration, nullptr, &ret);
  bool drawMissing = pendingDraw != nullptr;
  pendingDraw = nullptr;
  // The returned value is lowered below, after the draw: its names defined
  // before the draw are still reported as such until then.
  auto fail = [&] {
    beforeDraw.clear();
    op->erase();
    return false;
  };
  if (!ok)
    return fail();
  if (drawMissing) {
    error(decl.keyword.loc) << "'generate' draws its latent with 'NAME ~ EXPR' (e.g. 'z ~ "
                               "normal(latent)') before it returns the data";
    return fail();
  }
  if (!ret || ret->values.size() != 1) {
    error(ret ? ret->getLoc() : decl.keyword.loc)
        << "'" << word << "' ends with 'return' and one value";
    return fail();
  }
  auto value = genExpr(*ret->values[0]);
  if (!value)
    return fail();
  SMLoc valueLoc = ret->values[0]->getLoc();
  ArrayRef<int64_t> perExample = inputOp.getTensorType().getShape().drop_front();
  Shape inputShape(perExample.begin(), perExample.end());
  // A log-weight is a number per example; a discriminator's logit, a number
  // or a vector of one.
  Shape expected =
      decl.kind == Kind::LogWeight || decl.kind == Kind::Discriminate ? Shape{} : inputShape;
  bool logitShape = decl.kind == Kind::Discriminate &&
                    (value->shape.empty() || value->shape == Shape{1});
  if (logitShape)
    expected = value->shape;
  static const char *what[] = {"the generated data", "the reconstruction", "the log-weight",
                               "the discriminator's logit", "the class logits"};
  Value result = coerceBatched(*value, expected, valueLoc, what[unsigned(decl.kind)]);
  if (!result)
    return fail();
  builder.create<gen::YieldOp>(loc(ret->getLoc()), result);
  beforeDraw.clear();
  return true;
}

bool MLIRGenImpl::genTrain(const TrainDecl &decl) {
  bool ok = true;
  SmallVector<Attribute> schedule;
  SmallVector<int64_t> repeats;
  for (const ScheduleEntry &entry : decl.schedule) {
    if (!model.lookupSymbol<gen::StepOp>(entry.step.name)) {
      error(entry.step.loc) << "'" << entry.step.name << "' is not a step of this model";
      ok = false;
      continue;
    }
    auto count = entry.repeats ? evalInt(*entry.repeats, "a repeat count", 1) : Optional<int64_t>(1);
    ok &= count.hasValue();
    schedule.push_back(FlatSymbolRefAttr::get(builder.getContext(), entry.step.name));
    repeats.push_back(count.getValueOr(1));
  }
  std::string optimizer = decl.optimizer ? decl.optimizer->callee.name : "adam";
  auto defaults = gen::optimizerHyperparams(optimizer);
  if (defaults.empty()) {
    error(decl.optimizer->callee.loc) << "unknown optimizer '" << optimizer
                                      << "' (expected sgd, momentum or adam)";
    return false;
  }
  SmallVector<std::pair<StringRef, double>, 4> hyper(defaults.begin(), defaults.end());
  if (decl.optimizer) {
    for (const Arg &arg : decl.optimizer->args) {
      if (!arg.keyword) {
        error(arg.value->getLoc()) << "optimizer hyperparameters are named, e.g. " << optimizer
                                   << "(lr = 0.001)";
        ok = false;
        continue;
      }
      auto slot = llvm::find_if(hyper, [&](auto &h) { return arg.keyword->name == h.first; });
      if (slot == hyper.end()) {
        std::string known;
        for (auto &h : hyper)
          known += (known.empty() ? "" : ", ") + h.first.str();
        error(arg.keyword->loc) << "optimizer '" << optimizer << "' has no hyperparameter '"
                                << arg.keyword->name << "' (it takes " << known << ")";
        ok = false;
        continue;
      }
      auto value = evalNumber(*arg.value, "a hyperparameter");
      if (!value) {
        ok = false;
        continue;
      }
      bool positive = slot->first == "lr" || slot->first == "eps";
      if (positive ? !(value->value > 0) : !(value->value >= 0 && value->value < 1)) {
        error(arg.value->getLoc()) << "'" << slot->first << "' must be "
                                   << (positive ? "positive" : "in [0, 1)") << ", got "
                                   << formatNumber(value->value);
        ok = false;
        continue;
      }
      slot->second = value->value;
    }
  }
  if (!ok)
    return false;
  SmallVector<NamedAttribute> attrs;
  for (auto &[name, value] : hyper)
    attrs.push_back(builder.getNamedAttr(name, builder.getF64FloatAttr(value)));
  builder.create<gen::TrainOp>(loc(decl.loc), builder.getArrayAttr(schedule),
                               builder.getI64ArrayAttr(repeats), builder.getStringAttr(optimizer),
                               builder.getDictionaryAttr(attrs));
  return true;
}

bool MLIRGenImpl::dependsOnModel(Value value) {
  llvm::SmallPtrSet<Operation *, 16> seen;
  SmallVector<Value> worklist = {value};
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val().getDefiningOp();
    if (!op || isa<gen::GetParamOp, gen::GetInputOp, gen::CallOp, gen::NormalOp, gen::UniformOp>(op))
      return true;
    if (seen.insert(op).second)
      worklist.append(op->operand_begin(), op->operand_end());
  }
  return false;
}

bool MLIRGenImpl::checkRecursion() {
  // Depth-first search over the call edges; report the first back edge.
  llvm::StringMap<int> state;
  std::function<const CallEdge *(StringRef)> visit = [&](StringRef net) -> const CallEdge * {
    state[net] = 1;
    for (const CallEdge &edge : callEdges) {
      if (edge.caller != net)
        continue;
      int s = state.lookup(edge.callee);
      if (s == 1)
        return &edge;
      if (s == 0)
        if (const CallEdge *cycle = visit(edge.callee))
          return cycle;
    }
    state[net] = 2;
    return nullptr;
  };
  for (auto &net : nets)
    if (state.lookup(net.getKey()) == 0)
      if (const CallEdge *cycle = visit(net.getKey())) {
        error(cycle->at) << "net '" << cycle->caller << "' calls '" << cycle->callee
                         << "', which leads back to '" << cycle->caller
                         << "' (recursion between nets is not allowed)";
        return false;
      }
  return true;
}

OwningOpRef<ModuleOp> MLIRGenImpl::run(const ModelDecl &decl) {
  OwningOpRef<ModuleOp> owned = ModuleOp::create(loc(decl.name.loc));
  module = owned.get();
  builder.setInsertionPointToEnd(module.getBody());
  bool ok = declareNames(decl);

  // The batch size comes first: every batched type depends on it.
  batch = 128;
  if (decl.trains.size() > 1) {
    auto diag = error(decl.trains[1].loc);
    diag << "a model has one 'train' declaration";
    diag.attachNote(loc(decl.trains[0].loc)) << "the first one is here";
    ok = false;
  }
  if (!decl.trains.empty() && decl.trains[0].batch) {
    auto value = evalInt(*decl.trains[0].batch, "the batch size", 1);
    ok &= value.hasValue();
    batch = value.getValueOr(batch);
  }
  if (options.batchSize > 0)
    batch = options.batchSize;

  model = builder.create<gen::ModelOp>(loc(decl.name.loc), builder.getStringAttr(decl.name.name),
                                       builder.getI64IntegerAttr(batch));
  builder.setInsertionPointToEnd(&model.getBody().emplaceBlock());
  for (const ConstDecl &c : decl.consts)
    ok &= genConst(c);
  for (const InputDecl &input : decl.inputs)
    ok &= genInput(input);
  for (const NetDecl &net : decl.nets)
    ok &= declareNet(net);
  for (const NetDecl &net : decl.nets) {
    if (locator.tooManyErrors())
      return nullptr;
    auto it = nets.find(net.name.name);
    if (it != nets.end() && it->second.decl == &net && it->second.op) {
      OpBuilder::InsertionGuard guard(builder);
      bool bodyOk = genNetBody(it->second);
      it->second.bodyFailed = !bodyOk;
      ok &= bodyOk;
    }
  }
  ok = checkRecursion() && ok;
  for (const StepDecl &step : decl.steps) {
    if (locator.tooManyErrors())
      return nullptr;
    ok &= genStep(step);
  }
  for (const GenerativeDecl &generative : decl.generatives) {
    if (locator.tooManyErrors())
      return nullptr;
    ok &= genGenerative(generative);
  }
  if (decl.trains.empty()) {
    error(decl.name.loc) << "model '" << decl.name.name
                         << "' has no 'train' declaration (e.g. 'train STEP with adam(lr = "
                            "0.001) batch 128')";
    ok = false;
  } else {
    ok = genTrain(decl.trains[0]) && ok;
  }
  if (!ok || locator.getErrorCount() > 0)
    return nullptr;
  if (failed(verify(module)))
    return nullptr;
  return owned;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> genc::frontend::mlirGen(const ModelDecl &model, SourceLocator &locator,
                                              const MLIRGenOptions &options) {
  OwningOpRef<ModuleOp> module = MLIRGenImpl(locator, options).run(model);
  return module;
}

OwningOpRef<ModuleOp> genc::frontend::importGenFile(llvm::SourceMgr &sourceMgr,
                                                    MLIRContext *context,
                                                    const MLIRGenOptions &options) {
  context->loadDialect<gen::GenDialect>();
  SourceLocator locator(sourceMgr, context);
  const llvm::MemoryBuffer *buffer = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  Parser parser(locator, buffer->getBuffer());
  std::unique_ptr<ModelDecl> model = parser.parseFile();
  if (!model)
    return nullptr;
  return mlirGen(*model, locator, options);
}
