//===- AST.h - Abstract syntax tree of the .gen language --------*- C++ -*-===//
//
// The parser builds this tree; MLIRGen type-checks and lowers it. Every node
// keeps the source location of its first token.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_FRONTEND_AST_H
#define GENC_FRONTEND_AST_H

#include "llvm/ADT/Optional.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
}

namespace genc::frontend {

/// Declarations hold vectors of unique_ptr; deleting their copy makes
/// std::vector move them (a vector of unique_ptr only looks copyable).
struct MoveOnly {
  MoveOnly() = default;
  MoveOnly(MoveOnly &&) noexcept = default;
  MoveOnly &operator=(MoveOnly &&) noexcept = default;
  MoveOnly(const MoveOnly &) = delete;
  MoveOnly &operator=(const MoveOnly &) = delete;
};

/// A name with its location.
struct Ident {
  std::string name;
  llvm::SMLoc loc;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind { Number, Name, Unary, Binary, Call, List };
  Expr(Kind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
  virtual ~Expr() = default;
  Kind getKind() const { return kind; }
  llvm::SMLoc getLoc() const { return loc; }
  /// Height of the tree under this node; the parser bounds it, so that the
  /// recursive passes over expressions cannot overflow the stack.
  unsigned getDepth() const { return depth; }
  void setDepth(unsigned d) { depth = d; }

private:
  Kind kind;
  llvm::SMLoc loc;
  unsigned depth = 1;
};
using ExprPtr = std::unique_ptr<Expr>;

class NumberExpr : public Expr {
public:
  NumberExpr(llvm::SMLoc loc, double value, bool isInteger)
      : Expr(Kind::Number, loc), value(value), isInteger(isInteger) {}
  double value;
  bool isInteger;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Number; }
};

class NameExpr : public Expr {
public:
  NameExpr(llvm::SMLoc loc, std::string name) : Expr(Kind::Name, loc), name(std::move(name)) {}
  std::string name;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Name; }
};

class UnaryExpr : public Expr {
public:
  UnaryExpr(llvm::SMLoc loc, char op, ExprPtr operand)
      : Expr(Kind::Unary, loc), op(op), operand(std::move(operand)) {}
  char op; // '-' or '+'
  ExprPtr operand;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Unary; }
};

class BinaryExpr : public Expr {
public:
  BinaryExpr(llvm::SMLoc loc, char op, ExprPtr lhs, ExprPtr rhs)
      : Expr(Kind::Binary, loc), op(op), lhs(std::move(lhs)), rhs(std::move(rhs)) {}
  char op; // one of + - * / ^
  ExprPtr lhs, rhs;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Binary; }
};

/// An argument of a call, positional or `name = value`.
struct Arg {
  llvm::Optional<Ident> keyword;
  ExprPtr value;
};

class CallExpr : public Expr {
public:
  CallExpr(llvm::SMLoc loc, Ident callee, std::vector<Arg> args)
      : Expr(Kind::Call, loc), callee(std::move(callee)), args(std::move(args)) {}
  Ident callee;
  std::vector<Arg> args;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Call; }
};

/// `[e1, e2, ...]`, used for shapes such as reshape(x, [1, 28, 28]).
class ListExpr : public Expr {
public:
  ListExpr(llvm::SMLoc loc, std::vector<ExprPtr> elements)
      : Expr(Kind::List, loc), elements(std::move(elements)) {}
  std::vector<ExprPtr> elements;
  static bool classof(const Expr *e) { return e->getKind() == Kind::List; }
};

//===----------------------------------------------------------------------===//
// Types and statements
//===----------------------------------------------------------------------===//

/// `f32[d0, d1]`, `f32` (a scalar per example) or `onehot[classes]`.
struct TypeSpec : MoveOnly {
  llvm::SMLoc loc;
  bool isOneHot = false;
  std::vector<ExprPtr> dims;
};

class Stmt {
public:
  enum class Kind { Assign, Param, Return, Objective };
  Stmt(Kind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
  virtual ~Stmt() = default;
  Kind getKind() const { return kind; }
  llvm::SMLoc getLoc() const { return loc; }

private:
  Kind kind;
  llvm::SMLoc loc;
};
using StmtPtr = std::unique_ptr<Stmt>;

/// `a = expr`, `a, b = net(...)`, or `z ~ expr` (the latent of a
/// `generate` declaration: `draw` is set).
class AssignStmt : public Stmt {
public:
  AssignStmt(llvm::SMLoc loc, std::vector<Ident> targets, ExprPtr value, bool draw = false)
      : Stmt(Kind::Assign, loc), targets(std::move(targets)), value(std::move(value)),
        draw(draw) {}
  std::vector<Ident> targets;
  ExprPtr value;
  bool draw;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Assign; }
};

/// `param name : f32[...] [init call]`.
class ParamStmt : public Stmt {
public:
  ParamStmt(llvm::SMLoc loc, Ident name, TypeSpec type, ExprPtr init)
      : Stmt(Kind::Param, loc), name(std::move(name)), type(std::move(type)),
        init(std::move(init)) {}
  Ident name;
  TypeSpec type;
  ExprPtr init; // null: the default initializer
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Param; }
};

/// `return e1, e2`.
class ReturnStmt : public Stmt {
public:
  ReturnStmt(llvm::SMLoc loc, std::vector<ExprPtr> values)
      : Stmt(Kind::Return, loc), values(std::move(values)) {}
  std::vector<ExprPtr> values;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Return; }
};

/// `minimize expr` or `maximize expr`.
class ObjectiveStmt : public Stmt {
public:
  ObjectiveStmt(llvm::SMLoc loc, bool maximize, ExprPtr value)
      : Stmt(Kind::Objective, loc), maximize(maximize), value(std::move(value)) {}
  bool maximize;
  ExprPtr value;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Objective; }
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

struct InputDecl {
  Ident name;
  TypeSpec type;
  llvm::Optional<std::string> source; // `from "..."`
};

struct ConstDecl {
  Ident name;
  ExprPtr value;
};

/// A net argument or output: `name: type` (outputs may be unnamed).
struct TypedName {
  llvm::Optional<Ident> name;
  TypeSpec type;
};

struct NetDecl : MoveOnly {
  Ident name;
  std::vector<TypedName> args;
  std::vector<TypedName> outputs;
  std::vector<StmtPtr> body;
};

struct StepDecl : MoveOnly {
  Ident name;
  std::vector<Ident> updates;
  std::vector<StmtPtr> body;
};

/// A declaration of how the model generates, about one input (`subject`):
/// `generate x { ... }`, `reconstruct x`, `log_weight x`, `discriminate x`,
/// `classify y`.
struct GenerativeDecl : MoveOnly {
  enum class Kind { Generate, Reconstruct, LogWeight, Discriminate, Classify };
  Kind kind;
  Ident keyword;
  Ident subject;
  std::vector<StmtPtr> body;
  /// The keyword's spelling, or None if `word` is not one.
  static llvm::Optional<Kind> kindOf(llvm::StringRef word);
  static llvm::StringRef spelling(Kind kind);
};

struct ScheduleEntry {
  Ident step;
  ExprPtr repeats; // null: once
};

struct TrainDecl : MoveOnly {
  llvm::SMLoc loc;
  std::vector<ScheduleEntry> schedule;
  bool alternate = false;
  std::unique_ptr<CallExpr> optimizer;
  ExprPtr batch;
};

/// One model file. Declarations keep their source order in `order`.
struct ModelDecl : MoveOnly {
  Ident name;
  std::vector<InputDecl> inputs;
  std::vector<ConstDecl> consts;
  std::vector<NetDecl> nets;
  std::vector<StepDecl> steps;
  std::vector<TrainDecl> trains;
  std::vector<GenerativeDecl> generatives;
  enum class DeclKind { Input, Const, Net, Step, Train, Generative };
  /// (kind, index into the vector of that kind), in source order.
  std::vector<std::pair<DeclKind, size_t>> order;
};

/// Prints the tree with file:line:col locations (`genc --emit=ast`).
void dumpAST(const ModelDecl &model, const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os);

} // namespace genc::frontend

#endif // GENC_FRONTEND_AST_H
