//===- LexerTest.cpp - Tokens and newline rules ---------------------------===//
#include "genc/Frontend/Lexer.h"

#include <gtest/gtest.h>
#include <vector>

using namespace genc::frontend;

static std::vector<Token::Kind> kinds(llvm::StringRef text) {
  Lexer lexer(text);
  std::vector<Token::Kind> result;
  for (Token tok = lexer.lex(); !tok.is(Token::eof); tok = lexer.lex())
    result.push_back(tok.getKind());
  return result;
}

TEST(Lexer, KeywordsIdentifiersAndNumbers) {
  EXPECT_EQ(kinds("model vae 128 1e-3 .5"),
            (std::vector<Token::Kind>{Token::kw_model, Token::identifier, Token::integer,
                                      Token::floating, Token::floating}));
}

TEST(Lexer, NewlinesEndStatementsOutsideBrackets) {
  // Inside parentheses, and after a binary operator, a newline continues.
  EXPECT_EQ(kinds("a = f(x,\n y)\nb = 1 +\n 2"),
            (std::vector<Token::Kind>{Token::identifier, Token::equal, Token::identifier,
                                      Token::l_paren, Token::identifier, Token::comma,
                                      Token::identifier, Token::r_paren, Token::newline,
                                      Token::identifier, Token::equal, Token::integer,
                                      Token::plus, Token::integer}));
}

TEST(Lexer, CommentsAreSkipped) {
  EXPECT_EQ(kinds("a // note\n/* block\n comment */ b"),
            (std::vector<Token::Kind>{Token::identifier, Token::newline, Token::identifier}));
}

TEST(Lexer, ArrowAndMinus) {
  EXPECT_EQ(kinds("-> - >"),
            (std::vector<Token::Kind>{Token::arrow, Token::minus, Token::error}));
}

TEST(Lexer, ErrorsCarryMessages) {
  Lexer lexer("/* never closed");
  EXPECT_TRUE(lexer.lex().is(Token::error));
  EXPECT_EQ(lexer.getErrorMessage(), "unterminated block comment");

  Lexer garbage("\xff\xfe\x01x");
  Token tok = garbage.lex();
  EXPECT_TRUE(tok.is(Token::error));
  EXPECT_EQ(tok.getSpelling().size(), 3u) << "a run of non-ASCII bytes is one error";
  EXPECT_TRUE(garbage.lex().is(Token::identifier));

  Lexer exponent("1e+");
  EXPECT_TRUE(exponent.lex().is(Token::error));
  EXPECT_EQ(exponent.getErrorMessage(), "exponent has no digits");
}
