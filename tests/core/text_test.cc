#include "core/text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace vigie {
namespace {

std::string Utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

// Code points a French post is made of: ASCII, accents, combining accents,
// typographic quotes, emoji (surrogate pairs in UTF-16), flags, joiners.
const std::vector<char32_t>& Alphabet() {
  static const std::vector<char32_t> kAlphabet = {
      'a',   'Z',    ' ',  '.',     '\n',    '7',    0xE9,   0xC9,    0x153,
      0x301, 0x2019, 0xA0, 0x1F600, 0x1F1EB, 0x200D, 0x2764, 0x10348, 0xFFFD};
  return kAlphabet;
}

TEST(Utf16IndexTest, RandomTextsMapEveryCodePointToItsUtf16Offset) {
  std::mt19937 random(20261128);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    std::vector<std::pair<size_t, size_t>> expected;  // byte -> utf16
    size_t units = 0;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) {
      const char32_t cp = Alphabet()[random() % Alphabet().size()];
      expected.emplace_back(text.size(), units);
      text += Utf8(cp);
      units += cp >= 0x10000 ? 2 : 1;
    }
    const Utf16Index index(text);
    for (const auto& [byte, unit] : expected) {
      ASSERT_EQ(index.ToUtf16(byte), unit) << "round " << round;
      ASSERT_EQ(ByteOffsetOfUtf16(text, unit), byte);
    }
    ASSERT_EQ(index.ToUtf16(text.size()), units);
    ASSERT_EQ(Utf16Length(text), units);
  }
}

TEST(RepairUtf8Test, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(RepairUtf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(RepairUtf8("\xC3"), "\xEF\xBF\xBD");  // truncated é
  EXPECT_TRUE(IsValidUtf8(RepairUtf8("\xE0\x80\x80 overlong")));
  // A lone surrogate, as JS engines encode it, stays one UTF-16 unit.
  const std::string repaired = RepairUtf8("x\xED\xA0\x80y");
  EXPECT_EQ(repaired, "x\xEF\xBF\xBDy");
  EXPECT_EQ(Utf16Length(repaired), 3u);
  EXPECT_FALSE(IsValidUtf8("x\xED\xA0\x80y"));
  EXPECT_TRUE(IsValidUtf8("déjà vu 😀"));
}

TEST(FoldTest, CaseAccentsLigaturesAndApostrophes) {
  EXPECT_EQ(Fold("ÉLÈVE"), "eleve");
  EXPECT_EQ(Fold("Œuvre"), "oeuvre");
  EXPECT_EQ(Fold("l’hôpital"), "l'hopital");
  EXPECT_EQ(Fold("e\xCC\x81t\xC3\xA9"), "ete");  // combining acute, then é
  EXPECT_EQ(FoldAlnum("02.40.08 33-33"), "0240083333");
}

TEST(TokenizeTest, FrenchWordsAndInvisibleJoiners) {
  const TokenizedText text = Tokenize(
      "L’équipe de ré\xC2\xAD"
      "a, Jean-Paul !",
      {});
  std::vector<std::string> words;
  for (const Token& token : text.tokens) {
    words.emplace_back(text.FoldedWord(token));
  }
  EXPECT_EQ(words, (std::vector<std::string>{"l", "equipe", "de", "rea", "jean",
                                             "paul"}));
  // Byte spans point into the original text.
  EXPECT_EQ(std::string("L’équipe de réa")
                .substr(text.tokens[1].begin,
                        text.tokens[1].end - text.tokens[1].begin),
            "équipe");
}

TEST(TokenizeTest, Latin1LettersJoinWordsButTimesAndDivideCut) {
  // Latin-1 letters take the tokenizer's fast path; × and ÷ (same lead
  // byte) are not letters, Œ (Latin Extended-A) takes the general one.
  const std::string source = "ÀÉÎÕÜÇßÞÿæ 3×4÷2 Œdème Ég";
  const TokenizedText text = Tokenize(source, {});
  std::vector<std::string> words;
  for (const Token& token : text.tokens) {
    words.emplace_back(text.FoldedWord(token));
  }
  EXPECT_EQ(words, (std::vector<std::string>{"aeioucssthyae", "3", "4", "2",
                                             "oedeme", "eg"}));
  EXPECT_EQ(source.substr(text.tokens[5].begin,
                          text.tokens[5].end - text.tokens[5].begin),
            "Ég");
}

TEST(FoldedWordsTest, CutAndFoldLikeTexts) {
  EXPECT_EQ(FoldedWords("jean"), std::vector<std::string>{"jean"});
  EXPECT_EQ(FoldedWords("Jean-Pierre"),
            (std::vector<std::string>{"jean", "pierre"}));
  EXPECT_EQ(FoldedWords("Hélène"), std::vector<std::string>{"helene"});
  EXPECT_EQ(FoldedWords("l’Hôtel-Dieu"),
            (std::vector<std::string>{"l", "hotel", "dieu"}));
  EXPECT_TRUE(FoldedWords(" - ").empty());
}

// vigie pack build writes lexicon terms as their folded words joined by
// spaces: that form must give the engine exactly the words of the original,
// for every term of the shipped lexicons.
TEST(FoldedWordsTest, BuildTimeFoldingLosesNothingOnTheShippedLexicons) {
  const std::filesystem::path dir = std::filesystem::path(VIGIE_TEST_DATA) /
                                    "../../packs/chu-nantes/lexicons";
  size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const std::vector<std::string> words = FoldedWords(line);
      std::string joined;
      for (const std::string& word : words) {
        joined += (joined.empty() ? "" : " ") + word;
      }
      ASSERT_EQ(FoldedWords(joined), words) << entry.path() << ": " << line;
      ++checked;
    }
  }
  EXPECT_GT(checked, 30000u);  // the first names are there
}

TEST(TokenizeTest, SentencesEndAtPunctuationButNotAfterTitles) {
  const std::vector<std::string> abbreviations = {"m", "mme", "dr"};
  const std::string text =
      "M. Dupont va mieux. Mme Durand aussi ! Dose 3.5 mg\nNouvelle ligne";
  const TokenizedText tokenized = Tokenize(text, abbreviations);
  const auto sentence_of = [&](const std::string& word) {
    return tokenized.SentenceAt(text.find(word));
  };
  EXPECT_EQ(sentence_of("M."), sentence_of("Dupont"));
  EXPECT_EQ(sentence_of("Dupont"), sentence_of("mieux"));
  EXPECT_NE(sentence_of("mieux"), sentence_of("Durand"));
  EXPECT_NE(sentence_of("aussi"), sentence_of("Dose"));
  EXPECT_EQ(sentence_of("Dose"), sentence_of("mg"));
  EXPECT_NE(sentence_of("mg"), sentence_of("Nouvelle"));
}

TEST(WordCodePointTest, AccentedLettersAreLettersEmojiAreNot) {
  EXPECT_TRUE(IsWordCodePoint(0xE9));
  EXPECT_TRUE(IsWordCodePoint(0x153));
  EXPECT_FALSE(IsWordCodePoint(0x2019));
  EXPECT_FALSE(IsWordCodePoint(0x1F600));
  EXPECT_FALSE(IsWordCodePoint('-'));
  EXPECT_TRUE(IsUpperCodePoint(0xC9));
  EXPECT_FALSE(IsUpperCodePoint(0xE9));
}

}  // namespace
}  // namespace vigie
