//===- Parser.cpp - Recursive-descent parser of .gen files ----------------===//
#include "genc/Frontend/Parser.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>

using namespace genc::frontend;
using llvm::SMLoc;

Parser::Parser(SourceLocator &locator, llvm::StringRef buffer)
    : locator(locator), lexer(buffer), tok(Token::eof, buffer.take_front(0)),
      cascadeFilter(locator.getContext(), [this](mlir::Diagnostic &) {
        // Swallow (success) syntax errors that follow a lexical error in
        // the same statement; pass everything else on (failure).
        return mlir::success(suppressing);
      }) {
  consume();
}

//===----------------------------------------------------------------------===//
// Token stream
//===----------------------------------------------------------------------===//

void Parser::consume() {
  tok = lexer.lex();
  // Lexical errors are reported here and the bad text is skipped, so the
  // grammar below never sees an error token.
  while (tok.is(Token::error)) {
    suppressing = false;
    if (!locator.tooManyErrors())
      error(tok.getLoc()) << lexer.getErrorMessage();
    lexErrorInStatement = true;
    tok = lexer.lex();
  }
}

bool Parser::consumeIf(Token::Kind kind) {
  if (!tok.is(kind))
    return false;
  consume();
  return true;
}

mlir::InFlightDiagnostic Parser::error(SMLoc at) {
  ++syntaxErrors;
  return locator.error(at);
}

mlir::InFlightDiagnostic Parser::errorHere(llvm::StringRef expected) {
  suppressing = lexErrorInStatement;
  std::string found = tok.is(Token::newline) ? "end of line"
                      : tok.is(Token::eof)   ? "end of file"
                                             : "'" + tok.getSpelling().str() + "'";
  return error(tok.getLoc()) << "expected " << expected << ", found " << found;
}

bool Parser::expect(Token::Kind kind, llvm::StringRef what) {
  if (consumeIf(kind))
    return true;
  errorHere(what.empty() ? Token::describe(kind) : what);
  return false;
}

void Parser::skipNewlines() {
  while (tok.isAny(Token::newline, Token::semicolon))
    consume();
}

void Parser::recover() {
  lexErrorInStatement = false;
  suppressing = false;
  unsigned depth = 0;
  bool first = true;
  while (!tok.is(Token::eof)) {
    if (depth == 0 && tok.isAny(Token::newline, Token::semicolon)) {
      consume();
      return;
    }
    // An unclosed '(' hides the newlines; resume at the next line anyway.
    if (depth == 0 && !first && tok.isAtLineStart()) {
      lexer.resetNesting();
      return;
    }
    first = false;
    if (tok.is(Token::l_brace)) {
      ++depth;
    } else if (tok.is(Token::r_brace)) {
      if (depth == 0)
        return;
      if (--depth == 0) {
        consume();
        return;
      }
    }
    consume();
  }
}

bool Parser::atStatementEnd() const {
  return tok.isAny(Token::newline, Token::semicolon) || tok.isAny(Token::r_brace, Token::eof);
}

bool Parser::expectStatementEnd() {
  if (atStatementEnd())
    return true;
  errorHere("end of statement");
  return false;
}

bool Parser::parseIdent(Ident &ident, llvm::StringRef what) {
  if (!tok.is(Token::identifier)) {
    if (tok.getKind() >= Token::kw_model && tok.getKind() <= Token::kw_from)
      error(tok.getLoc()) << "'" << tok.getSpelling() << "' is a keyword and cannot be used as "
                          << what;
    else
      errorHere(what);
    return false;
  }
  ident = {tok.getSpelling().str(), tok.getLoc()};
  consume();
  return true;
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

std::unique_ptr<ModelDecl> Parser::parseFile() {
  skipNewlines();
  std::unique_ptr<ModelDecl> model;
  if (tok.is(Token::eof)) {
    error(tok.getLoc()) << "expected a model, found an empty file";
    return nullptr;
  }
  model = parseModel();
  skipNewlines();
  if (model && !tok.is(Token::eof) && !locator.tooManyErrors())
    error(tok.getLoc()) << "a file holds one model; unexpected '" << tok.getSpelling()
                        << "' after its closing '}'";
  suppressing = false;
  if (syntaxErrors > 0)
    return nullptr;
  return model;
}

std::unique_ptr<ModelDecl> Parser::parseModel() {
  if (!tok.is(Token::kw_model)) {
    errorHere("'model'");
    return nullptr;
  }
  consume();
  auto model = std::make_unique<ModelDecl>();
  if (!parseIdent(model->name, "a model name"))
    return nullptr;
  SMLoc open = tok.getLoc();
  if (!expect(Token::l_brace, "'{' to start the model body"))
    return nullptr;
  while (!locator.tooManyErrors()) {
    skipNewlines();
    if (tok.is(Token::r_brace)) {
      consume();
      return model;
    }
    if (tok.is(Token::eof)) {
      auto diag = error(tok.getLoc());
      diag << "expected '}' to close model '" << model->name.name << "'";
      diag.attachNote(locator.loc(open)) << "the model's body starts here";
      return model;
    }
    if (!parseDecl(*model) || !expectStatementEnd())
      recover();
  }
  return model;
}

bool Parser::parseDecl(ModelDecl &model) {
  lexErrorInStatement = suppressing = false;
  switch (tok.getKind()) {
  case Token::kw_input:
    return parseInput(model);
  case Token::kw_net:
    return parseNet(model);
  case Token::kw_step:
    return parseStep(model);
  case Token::kw_train:
    return parseTrain(model);
  case Token::identifier:
    // `generate x {`: a declaration word followed by a name; otherwise
    // (`generate = 3`) the word names a constant.
    if (GenerativeDecl::kindOf(tok.getSpelling()) && lexer.peek().is(Token::identifier))
      return parseGenerative(model);
    return parseConst(model);
  default:
    errorHere("a declaration ('input', 'net', 'step', 'generate', 'train' or 'NAME = value')");
    return false;
  }
}

bool Parser::parseInput(ModelDecl &model) {
  consume();
  InputDecl input;
  if (!parseIdent(input.name, "an input name") || !expect(Token::colon, "':' and a type") ||
      !parseType(input.type))
    return false;
  if (consumeIf(Token::kw_from)) {
    if (!tok.is(Token::string)) {
      errorHere("a data source string");
      return false;
    }
    input.source = tok.getSpelling().drop_front().drop_back().str();
    consume();
  }
  model.order.push_back({ModelDecl::DeclKind::Input, model.inputs.size()});
  model.inputs.push_back(std::move(input));
  return true;
}

bool Parser::parseConst(ModelDecl &model) {
  ConstDecl decl;
  decl.name = {tok.getSpelling().str(), tok.getLoc()};
  consume();
  if (!expect(Token::equal, "'=' after the constant's name"))
    return false;
  decl.value = parseExpr();
  if (!decl.value)
    return false;
  model.order.push_back({ModelDecl::DeclKind::Const, model.consts.size()});
  model.consts.push_back(std::move(decl));
  return true;
}

bool Parser::parseType(TypeSpec &type) {
  type.loc = tok.getLoc();
  if (!tok.is(Token::identifier) ||
      (tok.getSpelling() != "f32" && tok.getSpelling() != "onehot")) {
    errorHere("a type ('f32[...]' or 'onehot[classes]')");
    return false;
  }
  type.isOneHot = tok.getSpelling() == "onehot";
  consume();
  if (!tok.is(Token::l_square)) {
    if (type.isOneHot) {
      errorHere("'[' and the number of classes after 'onehot'");
      return false;
    }
    return true; // f32: a scalar per example
  }
  consume();
  if (tok.is(Token::r_square)) {
    error(tok.getLoc()) << "a shape needs at least one dimension; write 'f32' for a scalar";
    return false;
  }
  do {
    ExprPtr dim = parseExpr();
    if (!dim)
      return false;
    type.dims.push_back(std::move(dim));
  } while (consumeIf(Token::comma));
  if (!expect(Token::r_square, "',' or ']' in the shape"))
    return false;
  if (type.isOneHot && type.dims.size() != 1) {
    error(type.loc) << "'onehot' takes exactly one dimension, the number of classes";
    return false;
  }
  return true;
}

bool Parser::parseTypedName(TypedName &result, bool nameRequired) {
  if (tok.is(Token::identifier) && tok.getSpelling() != "f32" && tok.getSpelling() != "onehot") {
    Ident name;
    parseIdent(name, "a name");
    result.name = name;
    if (!expect(Token::colon, "':' and a type after '" + name.name + "'"))
      return false;
  } else if (nameRequired) {
    Ident ignored;
    if (tok.is(Token::identifier))
      errorHere("an argument name");
    else
      parseIdent(ignored, "an argument name"); // reports a keyword as such
    return false;
  }
  return parseType(result.type);
}

bool Parser::parseNet(ModelDecl &model) {
  consume();
  NetDecl net;
  if (!parseIdent(net.name, "a net name") || !expect(Token::l_paren, "'(' and the arguments"))
    return false;
  if (!tok.is(Token::r_paren)) {
    do {
      TypedName arg;
      if (!parseTypedName(arg, /*nameRequired=*/true))
        return false;
      net.args.push_back(std::move(arg));
    } while (consumeIf(Token::comma));
  }
  if (!expect(Token::r_paren, "',' or ')' after the arguments") ||
      !expect(Token::arrow, "'->' and the output type"))
    return false;
  if (consumeIf(Token::l_paren)) {
    do {
      TypedName out;
      if (!parseTypedName(out, /*nameRequired=*/false))
        return false;
      net.outputs.push_back(std::move(out));
    } while (consumeIf(Token::comma));
    if (!expect(Token::r_paren, "',' or ')' after the outputs"))
      return false;
  } else {
    TypedName out;
    if (!parseType(out.type))
      return false;
    net.outputs.push_back(std::move(out));
  }
  if (!parseBody(net.body))
    return false;
  model.order.push_back({ModelDecl::DeclKind::Net, model.nets.size()});
  model.nets.push_back(std::move(net));
  return true;
}

bool Parser::parseStep(ModelDecl &model) {
  consume();
  StepDecl step;
  if (!parseIdent(step.name, "a step name"))
    return false;
  if (!tok.is(Token::kw_updates)) {
    errorHere("'updates' and the nets this step trains");
    return false;
  }
  consume();
  do {
    Ident net;
    if (!parseIdent(net, "a net name"))
      return false;
    step.updates.push_back(std::move(net));
  } while (consumeIf(Token::comma));
  if (!parseBody(step.body))
    return false;
  model.order.push_back({ModelDecl::DeclKind::Step, model.steps.size()});
  model.steps.push_back(std::move(step));
  return true;
}

bool Parser::parseGenerative(ModelDecl &model) {
  GenerativeDecl decl;
  decl.kind = *GenerativeDecl::kindOf(tok.getSpelling());
  decl.keyword = {tok.getSpelling().str(), tok.getLoc()};
  consume();
  if (!parseIdent(decl.subject, "the input it is about") || !parseBody(decl.body))
    return false;
  model.order.push_back({ModelDecl::DeclKind::Generative, model.generatives.size()});
  model.generatives.push_back(std::move(decl));
  return true;
}

bool Parser::parseTrain(ModelDecl &model) {
  TrainDecl train;
  train.loc = tok.getLoc();
  consume();
  if (consumeIf(Token::kw_alternate)) {
    train.alternate = true;
    if (!expect(Token::l_paren, "'(' after 'alternate'"))
      return false;
    do {
      ScheduleEntry entry;
      if (!parseIdent(entry.step, "a step name"))
        return false;
      if (consumeIf(Token::star) && !(entry.repeats = parseUnary()))
        return false;
      train.schedule.push_back(std::move(entry));
    } while (consumeIf(Token::comma));
    if (!expect(Token::r_paren, "',' or ')' in the schedule"))
      return false;
  } else {
    ScheduleEntry entry;
    if (!parseIdent(entry.step, "a step name or 'alternate(...)'"))
      return false;
    train.schedule.push_back(std::move(entry));
  }
  if (consumeIf(Token::kw_with)) {
    Ident name;
    if (!parseIdent(name, "an optimizer (sgd, momentum or adam)"))
      return false;
    if (!tok.is(Token::l_paren)) {
      errorHere("'(' and the optimizer's hyperparameters");
      return false;
    }
    train.optimizer = parseCall(std::move(name));
    if (!train.optimizer)
      return false;
  }
  if (consumeIf(Token::kw_batch) && !(train.batch = parseUnary()))
    return false;
  model.order.push_back({ModelDecl::DeclKind::Train, model.trains.size()});
  model.trains.push_back(std::move(train));
  return true;
}

bool Parser::parseBody(std::vector<StmtPtr> &body) {
  SMLoc open = tok.getLoc();
  if (!expect(Token::l_brace, "'{' to start the body"))
    return false;
  while (!locator.tooManyErrors()) {
    skipNewlines();
    if (consumeIf(Token::r_brace))
      return true;
    if (tok.is(Token::eof)) {
      auto diag = error(tok.getLoc());
      diag << "expected '}' to close the body";
      diag.attachNote(locator.loc(open)) << "the body starts here";
      return false;
    }
    StmtPtr stmt = parseStmt();
    if (stmt && expectStatementEnd())
      body.push_back(std::move(stmt));
    else
      recover();
  }
  return false;
}

StmtPtr Parser::parseStmt() {
  lexErrorInStatement = suppressing = false;
  SMLoc loc = tok.getLoc();
  switch (tok.getKind()) {
  case Token::kw_param: {
    consume();
    Ident name;
    TypeSpec type;
    if (!parseIdent(name, "a parameter name") || !expect(Token::colon, "':' and a type") ||
        !parseType(type))
      return nullptr;
    ExprPtr init;
    if (consumeIf(Token::kw_init) && !(init = parseExpr()))
      return nullptr;
    return std::make_unique<ParamStmt>(loc, std::move(name), std::move(type), std::move(init));
  }
  case Token::kw_return: {
    consume();
    std::vector<ExprPtr> values;
    do {
      ExprPtr value = parseExpr();
      if (!value)
        return nullptr;
      values.push_back(std::move(value));
    } while (consumeIf(Token::comma));
    return std::make_unique<ReturnStmt>(loc, std::move(values));
  }
  case Token::kw_minimize:
  case Token::kw_maximize: {
    bool maximize = tok.is(Token::kw_maximize);
    consume();
    ExprPtr value = parseExpr();
    if (!value)
      return nullptr;
    return std::make_unique<ObjectiveStmt>(loc, maximize, std::move(value));
  }
  case Token::identifier: {
    std::vector<Ident> targets;
    do {
      Ident target;
      if (!parseIdent(target, "a name to assign"))
        return nullptr;
      targets.push_back(std::move(target));
    } while (consumeIf(Token::comma));
    bool draw = targets.size() == 1 && consumeIf(Token::tilde);
    if (!draw && !expect(Token::equal, "'=' in the assignment"))
      return nullptr;
    ExprPtr value = parseExpr();
    if (!value)
      return nullptr;
    return std::make_unique<AssignStmt>(loc, std::move(targets), std::move(value), draw);
  }
  default:
    errorHere("a statement ('NAME = expr', 'param', 'return', 'minimize' or 'maximize')");
    return nullptr;
  }
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

namespace {
/// Counts expression nesting so that deep input is an error, not a crash.
class NestingGuard {
public:
  explicit NestingGuard(unsigned &nesting) : nesting(++nesting) {}
  ~NestingGuard() { --nesting; }
  bool tooDeep() const { return nesting > Parser::kMaxNesting; }

private:
  unsigned &nesting;
};
} // namespace

template <typename T> std::unique_ptr<T> Parser::bounded(std::unique_ptr<T> expr) {
  unsigned depth = 0;
  if (auto *unary = llvm::dyn_cast<UnaryExpr>(expr.get()))
    depth = unary->operand->getDepth();
  else if (auto *binary = llvm::dyn_cast<BinaryExpr>(expr.get()))
    depth = std::max(binary->lhs->getDepth(), binary->rhs->getDepth());
  else if (auto *call = llvm::dyn_cast<CallExpr>(expr.get()))
    for (const Arg &arg : call->args)
      depth = std::max(depth, arg.value->getDepth());
  else if (auto *list = llvm::dyn_cast<ListExpr>(expr.get()))
    for (const ExprPtr &e : list->elements)
      depth = std::max(depth, e->getDepth());
  expr->setDepth(depth + 1);
  if (expr->getDepth() > kMaxExprDepth) {
    error(expr->getLoc()) << "expression is too deep (more than " << kMaxExprDepth
                          << " levels of operations); split it into several statements";
    return nullptr;
  }
  return expr;
}

ExprPtr Parser::parseExpr() {
  NestingGuard guard(nesting);
  if (guard.tooDeep()) {
    error(tok.getLoc()) << "expression is nested too deeply (more than " << kMaxNesting
                        << " levels)";
    return nullptr;
  }
  return parseAdditive();
}

ExprPtr Parser::parseAdditive() {
  ExprPtr lhs = parseMultiplicative();
  while (lhs && tok.isAny(Token::plus, Token::minus)) {
    SMLoc loc = tok.getLoc();
    char op = tok.getSpelling()[0];
    consume();
    ExprPtr rhs = parseMultiplicative();
    if (!rhs)
      return nullptr;
    lhs = bounded(std::make_unique<BinaryExpr>(loc, op, std::move(lhs), std::move(rhs)));
  }
  return lhs;
}

ExprPtr Parser::parseMultiplicative() {
  ExprPtr lhs = parseUnary();
  while (lhs && tok.isAny(Token::star, Token::slash)) {
    SMLoc loc = tok.getLoc();
    char op = tok.getSpelling()[0];
    consume();
    ExprPtr rhs = parseUnary();
    if (!rhs)
      return nullptr;
    lhs = bounded(std::make_unique<BinaryExpr>(loc, op, std::move(lhs), std::move(rhs)));
  }
  return lhs;
}

ExprPtr Parser::parseUnary() {
  NestingGuard guard(nesting);
  if (guard.tooDeep()) {
    error(tok.getLoc()) << "expression is nested too deeply (more than " << kMaxNesting
                        << " levels)";
    return nullptr;
  }
  if (tok.isAny(Token::minus, Token::plus)) {
    SMLoc loc = tok.getLoc();
    char op = tok.getSpelling()[0];
    consume();
    ExprPtr operand = parseUnary();
    if (!operand)
      return nullptr;
    return bounded(std::make_unique<UnaryExpr>(loc, op, std::move(operand)));
  }
  return parsePower();
}

ExprPtr Parser::parsePower() {
  ExprPtr base = parsePrimary();
  if (!base || !tok.is(Token::caret))
    return base;
  SMLoc loc = tok.getLoc();
  consume();
  ExprPtr exponent = parseUnary(); // right-associative: a^b^c = a^(b^c)
  if (!exponent)
    return nullptr;
  return bounded(std::make_unique<BinaryExpr>(loc, '^', std::move(base), std::move(exponent)));
}

ExprPtr Parser::parseNumber() {
  SMLoc loc = tok.getLoc();
  llvm::StringRef spelling = tok.getSpelling();
  bool isInteger = tok.is(Token::integer);
  consume();
  if (isInteger) {
    uint64_t value;
    if (spelling.getAsInteger(10, value) || value > (uint64_t(1) << 53)) {
      error(loc) << "integer literal '" << spelling << "' is too large (the limit is 2^53)";
      return nullptr;
    }
    return std::make_unique<NumberExpr>(loc, double(value), true);
  }
  std::string text = spelling.str();
  errno = 0;
  double value = std::strtod(text.c_str(), nullptr);
  if (errno == ERANGE && std::fabs(value) > 1 ) {
    error(loc) << "number '" << spelling << "' is out of range";
    return nullptr;
  }
  if (std::fabs(value) > FLT_MAX) {
    error(loc) << "number '" << spelling << "' does not fit in f32 (largest is about 3.4e38)";
    return nullptr;
  }
  return std::make_unique<NumberExpr>(loc, value, false);
}

std::unique_ptr<CallExpr> Parser::parseCall(Ident callee) {
  SMLoc loc = callee.loc;
  consume(); // '('
  std::vector<Arg> args;
  if (!tok.is(Token::r_paren)) {
    do {
      Arg arg;
      ExprPtr value = parseExpr();
      if (!value)
        return nullptr;
      if (tok.is(Token::equal)) {
        auto *name = llvm::dyn_cast<NameExpr>(value.get());
        if (!name) {
          error(tok.getLoc()) << "only a name can stand before '=' in an argument list";
          return nullptr;
        }
        arg.keyword = Ident{name->name, name->getLoc()};
        consume();
        value = parseExpr();
        if (!value)
          return nullptr;
      }
      arg.value = std::move(value);
      args.push_back(std::move(arg));
    } while (consumeIf(Token::comma));
  }
  if (!expect(Token::r_paren, "',' or ')' in the argument list"))
    return nullptr;
  return bounded(std::make_unique<CallExpr>(loc, std::move(callee), std::move(args)));
}

ExprPtr Parser::parsePrimary() {
  SMLoc loc = tok.getLoc();
  switch (tok.getKind()) {
  case Token::integer:
  case Token::floating:
    return parseNumber();
  case Token::identifier: {
    Ident name{tok.getSpelling().str(), loc};
    consume();
    if (tok.is(Token::l_paren))
      return parseCall(std::move(name));
    return std::make_unique<NameExpr>(loc, std::move(name.name));
  }
  case Token::l_paren: {
    consume();
    ExprPtr inner = parseExpr();
    if (!inner || !expect(Token::r_paren, "')'"))
      return nullptr;
    return inner;
  }
  case Token::l_square: {
    consume();
    std::vector<ExprPtr> elements;
    if (!tok.is(Token::r_square)) {
      do {
        ExprPtr element = parseExpr();
        if (!element)
          return nullptr;
        elements.push_back(std::move(element));
      } while (consumeIf(Token::comma));
    }
    if (!expect(Token::r_square, "',' or ']' in the list"))
      return nullptr;
    return bounded(std::make_unique<ListExpr>(loc, std::move(elements)));
  }
  default:
    if (tok.getKind() >= Token::kw_model && tok.getKind() <= Token::kw_from) {
      error(loc) << "'" << tok.getSpelling() << "' is a keyword and cannot start an expression";
      return nullptr;
    }
    errorHere("an expression");
    return nullptr;
  }
}
