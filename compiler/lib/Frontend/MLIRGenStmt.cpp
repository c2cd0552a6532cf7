//===- MLIRGenStmt.cpp - Statements and expressions of nets and steps -----===//
#include "MLIRGenImpl.h"

using namespace mlir;
using namespace genc;
using namespace genc::frontend;
using llvm::SMLoc;

bool MLIRGenImpl::genBody(const std::vector<StmtPtr> &body, BodyKind kind,
                          const ObjectiveStmt **objective, const ReturnStmt **ret) {
  bool ok = true;
  const Stmt *last = nullptr; // the return or objective, which must come last
  const char *owner = kind == BodyKind::Net ? "a net" : kind == BodyKind::Step ? "a step"
                                                                               : "a declaration";
  for (const StmtPtr &stmt : body) {
    if (locator.tooManyErrors())
      return false;
    if (last) {
      auto diag = error(stmt->getLoc());
      diag << "statement after the " << (kind == BodyKind::Step ? "objective" : "'return'")
           << "; it must be the last statement";
      diag.attachNote(loc(last->getLoc())) << "it is here";
      ok = false;
      break;
    }
    if (auto *assign = llvm::dyn_cast<AssignStmt>(stmt.get())) {
      ok &= genAssign(*assign);
    } else if (auto *param = llvm::dyn_cast<ParamStmt>(stmt.get())) {
      if (kind != BodyKind::Net) {
        error(param->getLoc()) << "parameters are declared inside nets, not in " << owner;
        ok = false;
      } else {
        ok &= genParamStmt(*param);
      }
    } else if (auto *r = llvm::dyn_cast<ReturnStmt>(stmt.get())) {
      if (kind == BodyKind::Step) {
        error(r->getLoc()) << "'return' belongs in a net; a step ends with 'minimize EXPR'";
        ok = false;
      } else {
        *ret = r;
        last = r;
      }
    } else if (auto *obj = llvm::dyn_cast<ObjectiveStmt>(stmt.get())) {
      if (kind != BodyKind::Step) {
        error(obj->getLoc()) << "'" << (obj->maximize ? "maximize" : "minimize")
                             << "' belongs in a step, not in " << owner;
        ok = false;
      } else {
        *objective = obj;
        last = obj;
      }
    }
  }
  return ok;
}

/// Whether `name` may be bound locally; reports why not.
static bool checkAssignable(MLIRGenImpl &gen, const Ident &target,
                            const llvm::StringMap<SMLoc> &globalDefs) {
  auto it = globalDefs.find(target.name);
  if (it == globalDefs.end())
    return true;
  auto diag = gen.error(target.loc);
  diag << "cannot assign to '" << target.name << "': it is defined at model level";
  diag.attachNote(gen.loc(it->second)) << "'" << target.name << "' is defined here";
  return false;
}

bool MLIRGenImpl::genAssign(const AssignStmt &stmt) {
  for (const Ident &target : stmt.targets)
    if (!checkAssignable(*this, target, globalDefs))
      return false;
  if (stmt.draw) {
    if (!pendingDraw) {
      error(stmt.getLoc()) << "'~' draws the latent of a 'generate' declaration, once; "
                              "use '=' here";
      return false;
    }
    auto value = genExpr(*stmt.value);
    return value && genDraw(stmt, *value);
  }
  std::vector<GenValue> values;
  if (stmt.targets.size() == 1) {
    auto value = genExpr(*stmt.value);
    if (!value)
      return false;
    values.push_back(*value);
  } else {
    auto multi = genMultiValue(*stmt.value);
    if (!multi)
      return false;
    if (multi->size() != stmt.targets.size()) {
      error(stmt.getLoc()) << "cannot bind " << multi->size() << " value(s) to "
                           << stmt.targets.size() << " names";
      return false;
    }
    values = std::move(*multi);
  }
  for (size_t i = 0; i < values.size(); ++i)
    locals[stmt.targets[i].name] = Binding{Binding::Kind::Value, values[i], stmt.targets[i].loc};
  return true;
}

Optional<std::vector<GenValue>> MLIRGenImpl::genMultiValue(const Expr &expr) {
  auto *call = llvm::dyn_cast<CallExpr>(&expr);
  auto it = call ? nets.find(call->callee.name) : nets.end();
  if (it == nets.end()) {
    error(expr.getLoc()) << "only a net call yields several values";
    return llvm::None;
  }
  return genNetCall(*call, it->second);
}

bool MLIRGenImpl::genParamStmt(const ParamStmt &stmt) {
  if (auto it = locals.find(stmt.name.name); it != locals.end()) {
    auto diag = error(stmt.name.loc);
    diag << "redefinition of '" << stmt.name.name << "'";
    diag.attachNote(loc(it->second.defLoc)) << "previous definition is here";
    return false;
  }
  if (!checkAssignable(*this, stmt.name, globalDefs))
    return false;
  if (stmt.type.isOneHot) {
    error(stmt.type.loc) << "a parameter is f32, not onehot";
    return false;
  }
  Shape dims;
  for (const ExprPtr &dim : stmt.type.dims) {
    auto value = evalInt(*dim, "a dimension", 1);
    if (!value)
      return false;
    dims.push_back(*value);
  }
  if (!shape::elementCount(dims)) {
    error(stmt.type.loc) << "parameter of shape " << shape::format(dims)
                         << " is too large: more than 2^31 - 1 elements";
    return false;
  }
  std::string init = dims.size() >= 2 ? "glorot_uniform" : "zeros", initFrom;
  SmallVector<double, 2> args;
  auto *seeded = llvm::dyn_cast_or_null<CallExpr>(stmt.init.get());
  if (seeded && seeded->callee.name == "kmeans_pp") {
    initFrom = seedingInput(*seeded, dims, stmt.type.loc);
    if (initFrom.empty())
      return false;
    init = "kmeans_pp";
  } else if (const Expr *initExpr = stmt.init.get()) {
    static const struct {
      const char *name, *init;
      std::vector<ArgSpec> specs;
    } initializers[] = {
        {"zeros", "zeros", {}},
        {"ones", "ones", {}},
        {"glorot", "glorot_uniform", {}},
        {"he", "he_normal", {}},
        {"constant", "constant", {{"value", true}}},
        {"normal", "normal", {{"mean", false}, {"std", false}}},
        {"uniform", "uniform", {{"low", false}, {"high", false}}},
    };
    StringRef name;
    if (auto *n = llvm::dyn_cast<NameExpr>(initExpr))
      name = n->name;
    else if (auto *c = llvm::dyn_cast<CallExpr>(initExpr))
      name = c->callee.name;
    auto *entry = llvm::find_if(initializers, [&](auto &i) { return name == i.name; });
    if (auto *number = llvm::dyn_cast<NumberExpr>(initExpr)) {
      init = "constant";
      args.push_back(number->value);
    } else if (entry == std::end(initializers)) {
      error(initExpr->getLoc()) << "unknown initializer (expected zeros, ones, glorot, he, "
                                   "constant(v), normal(mean, std), uniform(low, high) or "
                                   "kmeans_pp(input))";
      return false;
    } else {
      init = entry->init;
      SmallVector<double, 2> defaults = {0.0, 1.0};
      if (auto *c = llvm::dyn_cast<CallExpr>(initExpr)) {
        SmallVector<const Expr *, 2> bound;
        if (!bindArgs(*c, entry->specs, bound))
          return false;
        for (size_t i = 0; i < bound.size(); ++i) {
          if (!bound[i]) {
            args.push_back(defaults[i]);
            continue;
          }
          auto value = evalNumber(*bound[i], "an initializer argument");
          if (!value)
            return false;
          args.push_back(value->value);
        }
      } else {
        args.assign(defaults.begin(), defaults.begin() + entry->specs.size());
      }
      if ((init == "normal" && args[1] <= 0) || (init == "uniform" && args[0] >= args[1])) {
        error(initExpr->getLoc()) << (init == "normal" ? "the standard deviation must be positive"
                                                       : "uniform needs low < high");
        return false;
      }
    }
  }
  auto value = declareParam(stmt.name.loc, stmt.name.name, dims, init, args, initFrom);
  if (!value)
    return false;
  locals[stmt.name.name] = Binding{Binding::Kind::Value, *value, stmt.name.loc};
  return true;
}

std::string MLIRGenImpl::seedingInput(const CallExpr &call, const Shape &dims, SMLoc typeLoc) {
  SmallVector<const Expr *, 1> bound;
  if (!bindArgs(call, {{"input", true}}, bound))
    return {};
  auto *name = llvm::dyn_cast<NameExpr>(bound[0]);
  auto input = name ? globals.find(name->name) : globals.end();
  if (input == globals.end() || input->second.kind != Binding::Kind::Input) {
    error(bound[0]->getLoc()) << "kmeans_pp takes the name of a model input, whose training "
                                 "examples seed the rows";
    return {};
  }
  const Shape &example = input->second.value.shape;
  if (dims.empty() || Shape(dims.begin() + 1, dims.end()) != example) {
    Shape expected{0};
    expected.append(example.begin(), example.end());
    std::string wanted = shape::format(expected);
    wanted.replace(1, 1, "K");
    error(typeLoc) << "a parameter seeded by kmeans_pp(" << name->name << ") has shape "
                   << wanted << " (K rows of its examples), not " << shape::format(dims);
    return {};
  }
  return name->name;
}

Optional<GenValue> MLIRGenImpl::declareParam(SMLoc at, const std::string &name,
                                             ArrayRef<int64_t> shape, StringRef init,
                                             ArrayRef<double> initArgs, StringRef initFrom) {
  if (!currentNet) {
    error(at) << "parameters can only be created inside a net";
    return llvm::None;
  }
  gen::NetOp net = currentNet->op;
  if (!shape::elementCount(shape)) {
    error(at) << "parameter '" << name << "' of shape " << shape::format(shape)
              << " is too large: more than 2^31 - 1 elements";
    return llvm::None;
  }
  if (net.lookupSymbol(name)) {
    error(at) << "net '" << net.getSymName() << "' already has a parameter '" << name << "'";
    return llvm::None;
  }
  Block &block = net.getBody().front();
  auto firstCompute = llvm::find_if(block, [](Operation &op) { return !isa<gen::ParamOp>(op); });
  OpBuilder paramBuilder(&block, firstCompute);
  auto type = RankedTensorType::get(shape, builder.getF32Type());
  FlatSymbolRefAttr from;
  if (!initFrom.empty())
    from = FlatSymbolRefAttr::get(builder.getContext(), initFrom);
  paramBuilder.create<gen::ParamOp>(loc(at), builder.getStringAttr(name), TypeAttr::get(type),
                                    builder.getStringAttr(init), builder.getF64ArrayAttr(initArgs),
                                    from);
  auto ref = SymbolRefAttr::get(builder.getContext(), net.getSymName(),
                                {FlatSymbolRefAttr::get(builder.getContext(), name)});
  GenValue value;
  value.value = builder.create<gen::GetParamOp>(loc(at), type, ref);
  value.shape.assign(shape.begin(), shape.end());
  return value;
}

std::string MLIRGenImpl::layerName(StringRef kind) {
  return kind.str() + std::to_string(layerCounters[kind]++);
}

bool MLIRGenImpl::bindArgs(const CallExpr &call, ArrayRef<ArgSpec> specs,
                           SmallVectorImpl<const Expr *> &bound) {
  bound.assign(specs.size(), nullptr);
  size_t positional = 0;
  bool ok = true;
  for (const Arg &arg : call.args) {
    size_t slot;
    if (arg.keyword) {
      auto it = llvm::find_if(specs, [&](const ArgSpec &s) { return arg.keyword->name == s.name; });
      if (it == specs.end()) {
        error(arg.keyword->loc) << "'" << call.callee.name << "' has no argument named '"
                                << arg.keyword->name << "'";
        ok = false;
        continue;
      }
      slot = it - specs.begin();
    } else {
      slot = positional++;
      if (slot >= specs.size()) {
        error(arg.value->getLoc()) << "'" << call.callee.name << "' takes at most "
                                   << specs.size() << " argument(s), got " << call.args.size();
        return false;
      }
    }
    if (bound[slot]) {
      error(arg.value->getLoc()) << "argument '" << specs[slot].name << "' of '"
                                 << call.callee.name << "' is given twice";
      ok = false;
      continue;
    }
    bound[slot] = arg.value.get();
  }
  for (size_t i = 0; ok && i < specs.size(); ++i)
    if (specs[i].required && !bound[i]) {
      error(call.getLoc()) << "'" << call.callee.name << "' needs the argument '"
                           << specs[i].name << "'";
      ok = false;
    }
  return ok;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Optional<GenValue> MLIRGenImpl::genExpr(const Expr &expr) {
  switch (expr.getKind()) {
  case Expr::Kind::Number: {
    auto &num = llvm::cast<NumberExpr>(expr);
    GenValue value;
    value.number = Number{num.value, num.isInteger};
    return value;
  }
  case Expr::Kind::Name:
    return genName(llvm::cast<NameExpr>(expr));
  case Expr::Kind::Unary: {
    auto &unary = llvm::cast<UnaryExpr>(expr);
    auto operand = genExpr(*unary.operand);
    if (!operand || unary.op == '+')
      return operand;
    if (operand->number) {
      operand->number->value = -operand->number->value;
      return operand;
    }
    operand->value = builder.create<gen::NegOp>(loc(unary.getLoc()), operand->value);
    return operand;
  }
  case Expr::Kind::Binary:
    return genBinary(llvm::cast<BinaryExpr>(expr));
  case Expr::Kind::Call:
    return genCall(llvm::cast<CallExpr>(expr));
  case Expr::Kind::List:
    error(expr.getLoc()) << "a list '[...]' is only allowed as the shape argument of reshape";
    return llvm::None;
  }
  return llvm::None;
}

Optional<GenValue> MLIRGenImpl::genName(const NameExpr &expr) {
  if (auto it = locals.find(expr.name); it != locals.end())
    return it->second.value;
  if (auto param = genQualifiedParam(expr))
    return *param;
  if (auto it = beforeDraw.find(expr.name); it != beforeDraw.end()) {
    auto diag = error(expr.getLoc());
    diag << "'" << expr.name << "' is defined before the draw of the latent; after it only "
         << "the latent and model-level names are visible";
    diag.attachNote(loc(it->second)) << "'" << expr.name << "' is defined here";
    return llvm::None;
  }
  auto it = globals.find(expr.name);
  if (it != globals.end() && it->second.kind == Binding::Kind::Const)
    return it->second.value;
  if (it != globals.end() && it->second.kind == Binding::Kind::Input) {
    if (currentNet) {
      auto diag = error(expr.getLoc());
      diag << "model input '" << expr.name << "' is not visible inside net '"
           << currentNet->op.getSymName() << "'; pass it as an argument";
      diag.attachNote(loc(it->second.defLoc)) << "'" << expr.name << "' is declared here";
      return llvm::None;
    }
    GenValue value = it->second.value;
    value.value = builder.create<gen::GetInputOp>(loc(expr.getLoc()),
                                                  irType(value.shape, true), expr.name);
    return value;
  }
  if (nets.count(expr.name)) {
    error(expr.getLoc()) << "'" << expr.name << "' is a net; call it, as in " << expr.name
                         << "(...)";
    return llvm::None;
  }
  if (auto def = globalDefs.find(expr.name); def != globalDefs.end()) {
    auto diag = error(expr.getLoc());
    diag << "'" << expr.name << "' is a step, not a value";
    diag.attachNote(loc(def->second)) << "it is defined here";
    return llvm::None;
  }
  error(expr.getLoc()) << "unknown name '" << expr.name << "'";
  return llvm::None;
}

Optional<Optional<GenValue>> MLIRGenImpl::genQualifiedParam(const NameExpr &expr) {
  auto [netName, paramName] = StringRef(expr.name).split('.');
  if (paramName.empty())
    return llvm::None;
  auto net = nets.find(netName);
  if (net == nets.end()) {
    error(expr.getLoc()) << "unknown name '" << expr.name << "': '" << netName
                         << "' is not a net (a parameter is named NET.PARAM)";
    return Optional<GenValue>();
  }
  if (currentNet) {
    error(expr.getLoc()) << "net '" << currentNet->op.getSymName()
                         << "' cannot read a parameter of net '" << netName
                         << "'; steps and declarations can";
    return Optional<GenValue>();
  }
  if (!net->second.op || net->second.bodyFailed) // reported already
    return Optional<GenValue>();
  for (gen::ParamOp param : gen::getParams(net->second.op))
    if (param.getSymName() == paramName) {
      GenValue value;
      ArrayRef<int64_t> dims = param.getTensorType().getShape();
      value.shape = Shape(dims.begin(), dims.end());
      auto ref = SymbolRefAttr::get(builder.getContext(), netName,
                                    {FlatSymbolRefAttr::get(builder.getContext(), paramName)});
      value.value = builder.create<gen::GetParamOp>(loc(expr.getLoc()), param.getTensorType(), ref);
      return Optional<GenValue>(value);
    }
  std::string known;
  for (gen::ParamOp param : gen::getParams(net->second.op))
    known += (known.empty() ? "" : ", ") + param.getSymName().str();
  error(expr.getLoc()) << "net '" << netName << "' has no parameter '" << paramName << "'"
                       << (known.empty() ? std::string(" (it has none)") : " (it has " + known + ")");
  return Optional<GenValue>();
}

Optional<GenValue> MLIRGenImpl::genBinary(const BinaryExpr &expr) {
  auto lhs = genExpr(*expr.lhs), rhs = genExpr(*expr.rhs);
  if (!lhs || !rhs)
    return llvm::None;
  if (lhs->number && rhs->number) {
    GenValue folded;
    folded.number = foldNumbers(expr.op, *lhs->number, *rhs->number, expr.getLoc());
    return folded.number ? Optional<GenValue>(folded) : llvm::None;
  }
  auto shape = shape::broadcast(lhs->shape, rhs->shape);
  if (!shape) {
    error(expr.getLoc()) << "cannot combine " << typeName(*lhs) << " and " << typeName(*rhs)
                         << " with '" << expr.op << "': the shapes do not broadcast";
    return llvm::None;
  }
  GenValue l = materialize(*lhs, expr.lhs->getLoc()), r = materialize(*rhs, expr.rhs->getLoc());
  Value lv = alignRank(l, shape->size(), expr.getLoc());
  Value rv = alignRank(r, shape->size(), expr.getLoc());
  Value result;
  switch (expr.op) {
  case '+': result = buildInferred<gen::AddOp>(expr.getLoc(), {lv, rv}); break;
  case '-': result = buildInferred<gen::SubOp>(expr.getLoc(), {lv, rv}); break;
  case '*': result = buildInferred<gen::MulOp>(expr.getLoc(), {lv, rv}); break;
  case '/': result = buildInferred<gen::DivOp>(expr.getLoc(), {lv, rv}); break;
  case '^': result = buildInferred<gen::PowOp>(expr.getLoc(), {lv, rv}); break;
  }
  if (!result)
    return llvm::None;
  GenValue value;
  value.value = result;
  value.shape = *shape;
  value.batched = lhs->batched || rhs->batched;
  return value;
}

Optional<GenValue> MLIRGenImpl::genCall(const CallExpr &call) {
  if (auto it = nets.find(call.callee.name); it != nets.end()) {
    auto results = genNetCall(call, it->second);
    if (!results)
      return llvm::None;
    if (results->size() != 1) {
      error(call.getLoc()) << "net '" << call.callee.name << "' returns " << results->size()
                           << " values; bind them with 'a, b = " << call.callee.name << "(...)'";
      return llvm::None;
    }
    return results->front();
  }
  if (auto builtin = genBuiltinCall(*this, call))
    return *builtin;
  auto diag = error(call.callee.loc);
  diag << "unknown function '" << call.callee.name << "'";
  if (auto it = locals.find(call.callee.name); it != locals.end())
    diag.attachNote(loc(it->second.defLoc)) << "'" << call.callee.name
                                            << "' is a value defined here, not a function";
  return llvm::None;
}

Optional<std::vector<GenValue>> MLIRGenImpl::genNetCall(const CallExpr &call, NetInfo &net) {
  const NetDecl &decl = *net.decl;
  if (!net.op) // its signature failed to lower; already reported
    return llvm::None;
  if (call.args.size() != decl.args.size()) {
    auto diag = error(call.getLoc());
    diag << "net '" << decl.name.name << "' takes " << decl.args.size() << " argument(s), got "
         << call.args.size();
    diag.attachNote(loc(decl.name.loc)) << "'" << decl.name.name << "' is defined here";
    return llvm::None;
  }
  SmallVector<Value> operands;
  for (size_t i = 0; i < call.args.size(); ++i) {
    const Arg &arg = call.args[i];
    if (arg.keyword) {
      error(arg.keyword->loc) << "net arguments are positional";
      return llvm::None;
    }
    auto value = genExpr(*arg.value);
    if (!value)
      return llvm::None;
    Value coerced = coerceBatched(*value, net.argShapes[i], arg.value->getLoc(),
                                  "argument '" + decl.args[i].name->name + "' of net '" +
                                      decl.name.name + "'");
    if (!coerced)
      return llvm::None;
    operands.push_back(coerced);
  }
  if (currentNet)
    callEdges.push_back({currentNet->decl->name.name, decl.name.name, call.getLoc()});
  auto op = builder.create<gen::CallOp>(loc(call.getLoc()), net.op.getResultTypes(),
                                        decl.name.name, operands);
  std::vector<GenValue> results;
  for (size_t i = 0; i < op.getNumResults(); ++i) {
    GenValue value;
    value.value = op.getResult(i);
    value.shape = net.outputShapes[i];
    value.batched = true;
    results.push_back(value);
  }
  return results;
}
