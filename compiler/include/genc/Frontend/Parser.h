//===- Parser.h - Recursive-descent parser of .gen files --------*- C++ -*-===//
//
// Syntax errors are reported at their exact location; the parser then skips
// to the end of the statement or declaration and goes on, so one run
// reports every independent error. It never aborts on any byte sequence:
// nesting deeper than kMaxNesting is an error, not a stack overflow.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_FRONTEND_PARSER_H
#define GENC_FRONTEND_PARSER_H

#include "genc/Frontend/AST.h"
#include "genc/Frontend/Lexer.h"
#include "genc/Frontend/SourceLocator.h"

namespace genc::frontend {

class Parser {
public:
  /// The deepest bracket/operator nesting accepted while parsing.
  static constexpr unsigned kMaxNesting = 200;
  /// The tallest expression tree accepted (long flat chains such as
  /// a + b + ... are trees this tall; later passes recurse over them).
  static constexpr unsigned kMaxExprDepth = 2000;

  Parser(SourceLocator &locator, llvm::StringRef buffer);

  /// Parses the file's one model; null if any syntax error was reported.
  std::unique_ptr<ModelDecl> parseFile();

private:
  // Token stream.
  void consume();
  bool consumeIf(Token::Kind kind);
  /// Consumes `kind` or reports "expected <what>"; returns success.
  bool expect(Token::Kind kind, llvm::StringRef what);
  mlir::InFlightDiagnostic error(llvm::SMLoc at);
  mlir::InFlightDiagnostic errorHere(llvm::StringRef expected);
  void skipNewlines();
  /// Skips to the end of the current statement (newline or ';'), or to the
  /// '}' closing the enclosing block (left unconsumed).
  void recover();
  bool atStatementEnd() const;
  bool expectStatementEnd();

  // Declarations.
  std::unique_ptr<ModelDecl> parseModel();
  bool parseDecl(ModelDecl &model);
  bool parseInput(ModelDecl &model);
  bool parseConst(ModelDecl &model);
  bool parseNet(ModelDecl &model);
  bool parseStep(ModelDecl &model);
  bool parseGenerative(ModelDecl &model);
  bool parseTrain(ModelDecl &model);
  bool parseTypedName(TypedName &result, bool nameRequired);
  bool parseType(TypeSpec &type);
  bool parseBody(std::vector<StmtPtr> &body);
  StmtPtr parseStmt();
  bool parseIdent(Ident &ident, llvm::StringRef what);

  // Expressions.
  ExprPtr parseExpr();
  ExprPtr parseAdditive();
  ExprPtr parseMultiplicative();
  ExprPtr parseUnary();
  ExprPtr parsePower();
  ExprPtr parsePrimary();
  ExprPtr parseNumber();
  std::unique_ptr<CallExpr> parseCall(Ident callee);
  /// Sets `expr`'s depth from its children; null (after an error) if the
  /// tree grew deeper than kMaxNesting.
  template <typename T> std::unique_ptr<T> bounded(std::unique_ptr<T> expr);

  SourceLocator &locator;
  Lexer lexer;
  Token tok;
  unsigned nesting = 0;
  unsigned braceDepth = 0;
  unsigned syntaxErrors = 0;
  /// Set after a lexical error until the end of the statement: the parser's
  /// own complaints about what follows would only repeat it.
  bool lexErrorInStatement = false;
  bool suppressing = false;
  mlir::ScopedDiagnosticHandler cascadeFilter;
};

} // namespace genc::frontend

#endif // GENC_FRONTEND_PARSER_H
