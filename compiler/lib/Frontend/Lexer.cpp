//===- Lexer.cpp - Lexer of the .gen language -----------------------------===//
#include "genc/Frontend/Lexer.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace genc::frontend;

const char *Token::describe(Kind kind) {
  switch (kind) {
  case eof:
    return "end of file";
  case error:
    return "invalid token";
  case newline:
    return "end of line";
  case identifier:
    return "identifier";
  case integer:
    return "integer";
  case floating:
    return "number";
  case string:
    return "string";
#define KEYWORD(SPELLING)                                                                \
  case kw_##SPELLING:                                                                    \
    return "'" #SPELLING "'";
#define PUNCT(NAME, SPELLING)                                                            \
  case NAME:                                                                             \
    return "'" SPELLING "'";
#include "genc/Frontend/TokenKinds.def"
  }
  return "token";
}

Lexer::Lexer(llvm::StringRef buffer) : buffer(buffer), cur(buffer.begin()) {}

/// Tokens after which a newline does not end the statement.
static bool continuesLine(Token::Kind kind) {
  switch (kind) {
  case Token::plus:
  case Token::minus:
  case Token::star:
  case Token::slash:
  case Token::caret:
  case Token::comma:
  case Token::equal:
  case Token::arrow:
  case Token::tilde:
  case Token::newline:
  case Token::l_brace:
  case Token::semicolon:
    return true;
  default:
    return false;
  }
}

Token Lexer::lex() {
  const char *firstNewline = nullptr;
  if (llvm::Optional<Token> error = skipTrivia(firstNewline))
    return *error;
  bool sawNewline = firstNewline != nullptr;
  if (sawNewline && nesting == 0 && !continuesLine(last)) {
    // Located at the line break itself, so "found end of line" points at the
    // line that ended, not at the next one.
    last = Token::newline;
    return Token(Token::newline, llvm::StringRef(firstNewline, 0));
  }
  Token lexed = lexToken();
  Token token(lexed.getKind(), lexed.getSpelling(), sawNewline);
  last = token.getKind();
  if (token.isAny(Token::l_paren, Token::l_square))
    ++nesting;
  else if (token.isAny(Token::r_paren, Token::r_square) && nesting > 0)
    --nesting;
  else if (token.isAny(Token::l_brace, Token::r_brace))
    nesting = 0; // A brace always starts a fresh statement context.
  return token;
}

llvm::Optional<Token> Lexer::skipTrivia(const char *&firstNewline) {
  while (cur != buffer.end()) {
    char c = *cur;
    if (c == '\n') {
      if (!firstNewline)
        firstNewline = cur;
      ++cur;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++cur;
    } else if (c == '/' && cur + 1 != buffer.end() && cur[1] == '/') {
      while (cur != buffer.end() && *cur != '\n')
        ++cur;
    } else if (c == '/' && cur + 1 != buffer.end() && cur[1] == '*') {
      const char *start = cur;
      cur += 2;
      while (cur + 1 < buffer.end() && !(cur[0] == '*' && cur[1] == '/')) {
        if (*cur == '\n' && !firstNewline)
          firstNewline = cur;
        ++cur;
      }
      if (cur + 1 >= buffer.end()) {
        cur = buffer.end();
        return emitError(start, start + 2, "unterminated block comment");
      }
      cur += 2;
    } else {
      break;
    }
  }
  return llvm::None;
}

Token Lexer::formToken(Token::Kind kind, const char *start) {
  return Token(kind, llvm::StringRef(start, cur - start));
}

Token Lexer::emitError(const char *start, const char *end, std::string message) {
  errorMessage = std::move(message);
  return Token(Token::error, llvm::StringRef(start, end - start));
}

Token Lexer::lexToken() {
  const char *start = cur;
  if (cur == buffer.end())
    return formToken(Token::eof, start);
  char c = *cur++;
  switch (c) {
  case '(':
    return formToken(Token::l_paren, start);
  case ')':
    return formToken(Token::r_paren, start);
  case '[':
    return formToken(Token::l_square, start);
  case ']':
    return formToken(Token::r_square, start);
  case '{':
    return formToken(Token::l_brace, start);
  case '}':
    return formToken(Token::r_brace, start);
  case ',':
    return formToken(Token::comma, start);
  case ':':
    return formToken(Token::colon, start);
  case ';':
    return formToken(Token::semicolon, start);
  case '=':
    return formToken(Token::equal, start);
  case '+':
    return formToken(Token::plus, start);
  case '*':
    return formToken(Token::star, start);
  case '/':
    return formToken(Token::slash, start);
  case '^':
    return formToken(Token::caret, start);
  case '~':
    return formToken(Token::tilde, start);
  case '-':
    if (cur != buffer.end() && *cur == '>') {
      ++cur;
      return formToken(Token::arrow, start);
    }
    return formToken(Token::minus, start);
  case '"':
    return lexString(start);
  default:
    break;
  }
  if (std::isalpha(static_cast<unsigned char>(c)) || c == '_')
    return lexIdentifier(start);
  if (std::isdigit(static_cast<unsigned char>(c)) ||
      (c == '.' && cur != buffer.end() && std::isdigit(static_cast<unsigned char>(*cur))))
    return lexNumber(start);

  // Anything else: report the byte (or a whole run of non-ASCII bytes, so
  // that binary input yields one error per run rather than per byte).
  std::string message;
  llvm::raw_string_ostream os(message);
  unsigned char byte = static_cast<unsigned char>(c);
  if (byte >= 0x80 || byte < 0x20 || byte == 0x7f) {
    while (cur != buffer.end() &&
           (static_cast<unsigned char>(*cur) >= 0x80 || static_cast<unsigned char>(*cur) < 0x20) &&
           *cur != '\n' && *cur != '\t' && *cur != '\r')
      ++cur;
    os << "unexpected byte 0x" << llvm::format_hex_no_prefix(byte, 2)
       << (cur - start > 1 ? " (and what follows it)" : "")
       << "; .gen files are ASCII text";
  } else {
    os << "unexpected character '" << c << "'";
  }
  return emitError(start, cur, os.str());
}

Token Lexer::lexIdentifier(const char *start) {
  // `net.param` names a parameter of a net: one identifier with dots, each
  // followed by a letter or '_' (so `a.5` stays a name and a number).
  auto startsName = [&](const char *p) {
    return p != buffer.end() && (std::isalpha(static_cast<unsigned char>(*p)) || *p == '_');
  };
  while (cur != buffer.end() &&
         (std::isalnum(static_cast<unsigned char>(*cur)) || *cur == '_' ||
          (*cur == '.' && startsName(cur + 1))))
    ++cur;
  llvm::StringRef spelling(start, cur - start);
  Token::Kind kind = llvm::StringSwitch<Token::Kind>(spelling)
#define KEYWORD(SPELLING) .Case(#SPELLING, Token::kw_##SPELLING)
#include "genc/Frontend/TokenKinds.def"
                         .Default(Token::identifier);
  return Token(kind, spelling);
}

Token Lexer::lexNumber(const char *start) {
  auto digits = [&] {
    while (cur != buffer.end() && std::isdigit(static_cast<unsigned char>(*cur)))
      ++cur;
  };
  digits();
  bool isFloat = *start == '.';
  if (cur != buffer.end() && *cur == '.') {
    isFloat = true;
    ++cur;
    digits();
  }
  if (cur != buffer.end() && (*cur == 'e' || *cur == 'E')) {
    const char *mark = cur++;
    if (cur != buffer.end() && (*cur == '+' || *cur == '-'))
      ++cur;
    if (cur == buffer.end() || !std::isdigit(static_cast<unsigned char>(*cur))) {
      cur = mark + 1;
      return emitError(start, cur, "exponent has no digits");
    }
    isFloat = true;
    digits();
  }
  if (cur != buffer.end() && (std::isalpha(static_cast<unsigned char>(*cur)) || *cur == '_')) {
    while (cur != buffer.end() && (std::isalnum(static_cast<unsigned char>(*cur)) || *cur == '_'))
      ++cur;
    return emitError(start, cur, "invalid number '" + std::string(start, cur) + "'");
  }
  return formToken(isFloat ? Token::floating : Token::integer, start);
}

Token Lexer::lexString(const char *start) {
  while (cur != buffer.end() && *cur != '"' && *cur != '\n') {
    if (static_cast<unsigned char>(*cur) >= 0x80 || static_cast<unsigned char>(*cur) < 0x20) {
      const char *bad = cur;
      while (cur != buffer.end() && *cur != '"' && *cur != '\n')
        ++cur;
      if (cur != buffer.end() && *cur == '"')
        ++cur;
      return emitError(bad, bad + 1, "strings hold printable ASCII only");
    }
    ++cur;
  }
  if (cur == buffer.end() || *cur == '\n')
    return emitError(start, start + 1, "unterminated string");
  ++cur;
  return formToken(Token::string, start);
}
