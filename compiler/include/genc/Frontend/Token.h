//===- Token.h - Tokens of the .gen language --------------------*- C++ -*-===//
#ifndef GENC_FRONTEND_TOKEN_H
#define GENC_FRONTEND_TOKEN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

namespace genc::frontend {

/// One lexed token: its kind and the exact source text it covers.
class Token {
public:
  enum Kind {
#define TOK(NAME) NAME,
#include "genc/Frontend/TokenKinds.def"
  };

  Token(Kind kind, llvm::StringRef spelling, bool startsLine = false)
      : kind(kind), spelling(spelling), startsLine(startsLine) {}

  Kind getKind() const { return kind; }
  bool is(Kind k) const { return kind == k; }
  bool isAny(Kind a, Kind b) const { return is(a) || is(b); }
  llvm::StringRef getSpelling() const { return spelling; }
  llvm::SMLoc getLoc() const { return llvm::SMLoc::getFromPointer(spelling.data()); }
  /// The location just past the token, for "expected ... after" errors.
  llvm::SMLoc getEndLoc() const {
    return llvm::SMLoc::getFromPointer(spelling.data() + spelling.size());
  }

  /// Whether a newline came before this token (even one inside brackets that
  /// did not end the statement); error recovery resumes at such a token.
  bool isAtLineStart() const { return startsLine; }

  /// A human-readable name of a token kind, for "expected X" messages.
  static const char *describe(Kind kind);

private:
  Kind kind;
  llvm::StringRef spelling;
  bool startsLine;
};

} // namespace genc::frontend

#endif // GENC_FRONTEND_TOKEN_H
