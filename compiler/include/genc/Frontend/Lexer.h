//===- Lexer.h - Lexer of the .gen language ---------------------*- C++ -*-===//
//
// Newlines end statements, except inside parentheses or brackets and after
// a token that cannot end an expression (a binary operator, ',', '=', '->'),
// so long expressions can be broken over lines naturally.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_FRONTEND_LEXER_H
#define GENC_FRONTEND_LEXER_H

#include "genc/Frontend/Token.h"

#include "llvm/ADT/Optional.h"

#include <string>

namespace genc::frontend {

class Lexer {
public:
  explicit Lexer(llvm::StringRef buffer);

  /// Lexes the next token. An error token's message is in getErrorMessage().
  Token lex();

  const std::string &getErrorMessage() const { return errorMessage; }

  /// The token after the current one, without consuming it.
  Token peek() const {
    Lexer copy = *this;
    return copy.lex();
  }

  /// Forgets open brackets, so newlines end statements again (used by error
  /// recovery after an unbalanced '(' or '[').
  void resetNesting() { nesting = 0; }

private:
  Token lexToken();
  Token formToken(Token::Kind kind, const char *start);
  Token emitError(const char *start, const char *end, std::string message);
  Token lexIdentifier(const char *start);
  Token lexNumber(const char *start);
  Token lexString(const char *start);
  /// Skips spaces and comments; returns an error token for an unterminated
  /// block comment, or none.
  llvm::Optional<Token> skipTrivia(const char *&firstNewline);

  llvm::StringRef buffer;
  const char *cur;
  int nesting = 0;
  Token::Kind last = Token::newline;
  std::string errorMessage;
};

} // namespace genc::frontend

#endif // GENC_FRONTEND_LEXER_H
