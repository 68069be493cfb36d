// Text handling for French social-media posts: UTF-8 repair, UTF-16 offsets,
// case and accent folding, French-aware word tokens and sentences.
//
// Everything here is linear in the text and allocates only in proportion to it.

#ifndef VIGIE_CORE_TEXT_H_
#define VIGIE_CORE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigie {

// Decodes the code point starting at `text[pos]` of valid UTF-8 and returns its
// length in bytes (1 to 4). REQUIRES: `text` is valid UTF-8 (see RepairUtf8).
int DecodeUtf8(std::string_view text, size_t pos, char32_t* code_point);

// Appends `code_point` encoded as UTF-8 to `out`.
void AppendUtf8(char32_t code_point, std::string* out);

// Returns `text` with every invalid UTF-8 sequence replaced by U+FFFD. A lone
// UTF-16 surrogate encoded as 3 bytes (what JS engines produce) becomes one
// U+FFFD, so UTF-16 lengths are preserved.
std::string RepairUtf8(std::string_view text);

// Returns true iff `text` is valid UTF-8 (no surrogates, no overlong forms).
bool IsValidUtf8(std::string_view text);

// Number of UTF-16 code units of valid UTF-8 `text`.
size_t Utf16Length(std::string_view text);

// Returns the largest byte offset <= `max_bytes` that does not split a code
// point of valid UTF-8 `text`.
size_t TruncateAtCodePoint(std::string_view text, size_t max_bytes);

// Byte offset of the code point at UTF-16 offset `units` in valid UTF-8
// `text`, or text.size() when the text is shorter.
size_t ByteOffsetOfUtf16(std::string_view text, size_t units);

// Maps byte offsets of a valid UTF-8 text to UTF-16 code units (the offsets
// the DOM uses). Offsets inside a code point map to the start of that code
// point. The text must outlive the index.
//
// An analysis asks for a few dozen offsets of a text: the index keeps the
// count of units before each block of kBlock bytes (counted a word at a
// time) and counts the rest of a block on demand.
class Utf16Index {
 public:
  Utf16Index() = default;
  explicit Utf16Index(std::string_view text) { Reset(text); }
  // Indexes `text`, reusing the memory of the previous text.
  void Reset(std::string_view text);
  size_t ToUtf16(size_t byte_offset) const;

 private:
  static constexpr size_t kBlock = 8;
  std::string_view text_;
  std::vector<uint32_t> block_units_;  // units before each block
};

// True for the code points that make up French words: letters (with or
// without diacritics, Latin, Greek, Cyrillic), digits and combining marks.
// Apostrophes and hyphens are separators.
bool IsWordCodePoint(char32_t code_point);

// IsWordCodePoint for one ASCII byte, inline for the tokenizer's hot loop.
inline bool IsAsciiWordByte(unsigned char byte) {
  return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
         (byte >= 'A' && byte <= 'Z');
}

// True for upper-case letters (ASCII, Latin-1, Latin Extended-A and B).
bool IsUpperCodePoint(char32_t code_point);

// Appends the folded form of `code_point` to `out`: lower case, without
// diacritics, ligatures expanded (œ→oe, æ→ae, ß→ss), typographic apostrophes
// as '\''. Combining marks fold to nothing.
void AppendFolded(char32_t code_point, std::string* out);

// Folds a whole string (see AppendFolded). REQUIRES: valid UTF-8.
std::string Fold(std::string_view text);

// Folds `text` and keeps only letters and digits: the form used to compare a
// match with an allow-list entry ("02 40 08 33 33" == "02.40.08.33.33").
std::string FoldAlnum(std::string_view text);

// The folded words of a term (a lexicon entry, a context word), cut exactly
// as texts are. REQUIRES: valid UTF-8.
std::vector<std::string> FoldedWords(std::string_view term);

// A word of the text: its byte span in the original and its folded form.
struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t folded_begin = 0;  // into TokenizedText::folded
  uint32_t folded_size = 0;
  uint32_t sentence = 0;  // index of the sentence holding the token
};

// A text cut into words and sentences.
struct TokenizedText {
  std::vector<Token> tokens;
  std::string folded;  // the folded words, back to back
  // Byte offset where each sentence starts; sentence i spans
  // [sentence_starts[i], sentence_starts[i + 1]) (or to the end of the text).
  std::vector<uint32_t> sentence_starts;

  std::string_view FoldedWord(const Token& token) const {
    return std::string_view(folded).substr(token.folded_begin,
                                           token.folded_size);
  }
  // Index of the first token whose end is after `byte_offset`.
  size_t FirstTokenEndingAfter(size_t byte_offset) const;
  // Index of the sentence holding `byte_offset`.
  uint32_t SentenceAt(size_t byte_offset) const;
};

// Splits valid UTF-8 `text` into words and sentences. A sentence ends at a
// line break, or at '.', '!', '?' or '…' followed by a space, unless the word
// before the period is a single letter (an initial) or one of `abbreviations`
// (folded, without the period: "m", "mme", "dr").
TokenizedText Tokenize(std::string_view text,
                       const std::vector<std::string>& abbreviations);
// The same into `out`, reusing its memory (an engine analyses many texts).
void Tokenize(std::string_view text,
              const std::vector<std::string>& abbreviations,
              TokenizedText* out);

}  // namespace vigie

#endif  // VIGIE_CORE_TEXT_H_
