//===- AST.cpp - Printing the .gen AST ------------------------------------===//
#include "genc/Frontend/AST.h"

#include "llvm/Support/SourceMgr.h"

#include <cstdio>

using namespace genc::frontend;

namespace {
constexpr std::pair<GenerativeDecl::Kind, llvm::StringLiteral> kGenerativeKeywords[] = {
    {GenerativeDecl::Kind::Generate, "generate"},
    {GenerativeDecl::Kind::Reconstruct, "reconstruct"},
    {GenerativeDecl::Kind::LogWeight, "log_weight"},
    {GenerativeDecl::Kind::Discriminate, "discriminate"},
    {GenerativeDecl::Kind::Classify, "classify"}};
} // namespace

llvm::Optional<GenerativeDecl::Kind> GenerativeDecl::kindOf(llvm::StringRef word) {
  for (const auto &[kind, spelling] : kGenerativeKeywords)
    if (word == spelling)
      return kind;
  return llvm::None;
}

llvm::StringRef GenerativeDecl::spelling(Kind kind) {
  return kGenerativeKeywords[static_cast<size_t>(kind)].second;
}

namespace {
/// Prints nodes one per line, indented, each with its location.
class ASTDumper {
public:
  ASTDumper(const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os)
      : sourceMgr(sourceMgr), os(os) {}

  void dump(const ModelDecl &model) {
    line("Model " + model.name.name, model.name.loc);
    Indent in(depth);
    for (auto [kind, index] : model.order) {
      switch (kind) {
      case ModelDecl::DeclKind::Input: dump(model.inputs[index]); break;
      case ModelDecl::DeclKind::Const:
        line("Const " + model.consts[index].name.name, model.consts[index].name.loc);
        dumpChild(*model.consts[index].value);
        break;
      case ModelDecl::DeclKind::Net: dump(model.nets[index]); break;
      case ModelDecl::DeclKind::Step: dump(model.steps[index]); break;
      case ModelDecl::DeclKind::Train: dump(model.trains[index]); break;
      case ModelDecl::DeclKind::Generative: dump(model.generatives[index]); break;
      }
    }
  }

private:
  struct Indent {
    explicit Indent(unsigned &depth) : depth(depth) { ++depth; }
    ~Indent() { --depth; }
    unsigned &depth;
  };

  void line(const std::string &text, llvm::SMLoc loc) {
    os.indent(depth * 2) << text;
    if (unsigned id = sourceMgr.FindBufferContainingLoc(loc)) {
      auto [l, c] = sourceMgr.getLineAndColumn(loc, id);
      os << " @" << sourceMgr.getMemoryBuffer(id)->getBufferIdentifier() << ":" << l << ":" << c;
    }
    os << "\n";
  }

  std::string typeText(const TypeSpec &type) {
    std::string text = type.isOneHot ? "onehot" : "f32";
    if (!type.dims.empty())
      text += "[" + std::to_string(type.dims.size()) + " dims]";
    return text;
  }

  void dumpType(const TypeSpec &type) {
    line("Type " + typeText(type), type.loc);
    Indent in(depth);
    for (const ExprPtr &dim : type.dims)
      dump(*dim);
  }

  void dump(const InputDecl &input) {
    line("Input " + input.name.name + (input.source ? " from \"" + *input.source + "\"" : ""),
         input.name.loc);
    Indent in(depth);
    dumpType(input.type);
  }

  void dump(const NetDecl &net) {
    line("Net " + net.name.name, net.name.loc);
    Indent in(depth);
    for (const TypedName &arg : net.args) {
      line("Arg " + arg.name->name, arg.name->loc);
      Indent in2(depth);
      dumpType(arg.type);
    }
    for (const TypedName &out : net.outputs) {
      line("Output" + (out.name ? " " + out.name->name : std::string()), out.type.loc);
      Indent in2(depth);
      dumpType(out.type);
    }
    for (const StmtPtr &stmt : net.body)
      dump(*stmt);
  }

  void dump(const StepDecl &step) {
    std::string updates;
    for (const Ident &net : step.updates)
      updates += (updates.empty() ? "" : ", ") + net.name;
    line("Step " + step.name.name + " updates " + updates, step.name.loc);
    Indent in(depth);
    for (const StmtPtr &stmt : step.body)
      dump(*stmt);
  }

  void dump(const GenerativeDecl &decl) {
    line("Declare " + GenerativeDecl::spelling(decl.kind).str() + " " + decl.subject.name,
         decl.keyword.loc);
    Indent in(depth);
    for (const StmtPtr &stmt : decl.body)
      dump(*stmt);
  }

  void dump(const TrainDecl &train) {
    line(std::string("Train") + (train.alternate ? " alternate" : ""), train.loc);
    Indent in(depth);
    for (const ScheduleEntry &entry : train.schedule) {
      line("Schedule " + entry.step.name, entry.step.loc);
      if (entry.repeats)
        dumpChild(*entry.repeats);
    }
    if (train.optimizer)
      dump(*train.optimizer);
    if (train.batch) {
      line("Batch", train.batch->getLoc());
      dumpChild(*train.batch);
    }
  }

  void dump(const Stmt &stmt) {
    if (auto *assign = llvm::dyn_cast<AssignStmt>(&stmt)) {
      std::string targets;
      for (const Ident &t : assign->targets)
        targets += (targets.empty() ? "" : ", ") + t.name;
      line((assign->draw ? "Draw " : "Assign ") + targets, stmt.getLoc());
      dumpChild(*assign->value);
    } else if (auto *param = llvm::dyn_cast<ParamStmt>(&stmt)) {
      line("Param " + param->name.name, stmt.getLoc());
      Indent in(depth);
      dumpType(param->type);
      if (param->init)
        dump(*param->init);
    } else if (auto *ret = llvm::dyn_cast<ReturnStmt>(&stmt)) {
      line("Return", stmt.getLoc());
      Indent in(depth);
      for (const ExprPtr &value : ret->values)
        dump(*value);
    } else if (auto *obj = llvm::dyn_cast<ObjectiveStmt>(&stmt)) {
      line(obj->maximize ? "Maximize" : "Minimize", stmt.getLoc());
      dumpChild(*obj->value);
    }
  }

  void dumpChild(const Expr &expr) {
    Indent in(depth);
    dump(expr);
  }

  void dump(const Expr &expr) {
    if (auto *num = llvm::dyn_cast<NumberExpr>(&expr)) {
      char text[32];
      std::snprintf(text, sizeof(text), "%g", num->value);
      line((num->isInteger ? "Integer " : "Number ") + std::string(text), expr.getLoc());
    } else if (auto *name = llvm::dyn_cast<NameExpr>(&expr)) {
      line("Name " + name->name, expr.getLoc());
    } else if (auto *unary = llvm::dyn_cast<UnaryExpr>(&expr)) {
      line(std::string("Unary ") + unary->op, expr.getLoc());
      dumpChild(*unary->operand);
    } else if (auto *binary = llvm::dyn_cast<BinaryExpr>(&expr)) {
      line(std::string("Binary ") + binary->op, expr.getLoc());
      dumpChild(*binary->lhs);
      dumpChild(*binary->rhs);
    } else if (auto *call = llvm::dyn_cast<CallExpr>(&expr)) {
      dump(*call);
    } else if (auto *list = llvm::dyn_cast<ListExpr>(&expr)) {
      line("List", expr.getLoc());
      Indent in(depth);
      for (const ExprPtr &e : list->elements)
        dump(*e);
    }
  }

  void dump(const CallExpr &call) {
    line("Call " + call.callee.name, call.getLoc());
    Indent in(depth);
    for (const Arg &arg : call.args) {
      if (arg.keyword) {
        line("Keyword " + arg.keyword->name, arg.keyword->loc);
        dumpChild(*arg.value);
      } else {
        dump(*arg.value);
      }
    }
  }

  const llvm::SourceMgr &sourceMgr;
  llvm::raw_ostream &os;
  unsigned depth = 0;
};
} // namespace

void genc::frontend::dumpAST(const ModelDecl &model, const llvm::SourceMgr &sourceMgr,
                             llvm::raw_ostream &os) {
  ASTDumper(sourceMgr, os).dump(model);
}
