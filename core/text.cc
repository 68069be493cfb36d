#include "core/text.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace vigie {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence at `pos`, 0 if it is invalid.
// `*surrogate` is set when the sequence is a (forbidden) encoded surrogate.
int ValidSequenceLength(std::string_view text, size_t pos, bool* surrogate) {
  *surrogate = false;
  const auto at = [&](size_t i) -> unsigned char {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i])
                                 : 0;
  };
  const unsigned char lead = at(0);
  if (lead < 0x80) return 1;
  int length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) *surrogate = at(1) >= 0xA0;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at(1) < low || at(1) > high) return 0;
  for (int i = 2; i < length; ++i) {
    if (!IsContinuation(at(i))) return 0;
  }
  return length;
}

// Base letters of U+0100..U+017F; '1' stands for "ij", '2' for "oe".
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkkllllllllll"
    "nnnnnnnnnoooooo22rrrrrrsssssssstttttt"
    "uuuuuuuuuuuuwwyyyzzzzzzs";

// Folded forms of U+00C0..U+00FF ("" for × and ÷, which are not letters).
constexpr std::string_view kLatin1[64] = {
    "a", "a", "a", "a", "a",  "a",  "ae", "c", "e", "e", "e",  "e", "i",
    "i", "i", "i", "d", "n",  "o",  "o",  "o", "o", "o", "",   "o", "u",
    "u", "u", "u", "y", "th", "ss", "a",  "a", "a", "a", "a",  "a", "ae",
    "c", "e", "e", "e", "e",  "i",  "i",  "i", "i", "d", "n",  "o", "o",
    "o", "o", "o", "",  "o",  "u",  "u",  "u", "u", "y", "th", "y"};

// Invisible code points that must not split a word ("pa\u00ADtient").
bool IsIgnorable(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
         cp == 0xFEFF;
}

bool IsCombiningMark(char32_t cp) { return cp >= 0x0300 && cp <= 0x036F; }

// Writes `cp` as UTF-8 to `out` (room for 4 bytes); returns its length.
size_t EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Writes the folded form of `cp` (see AppendFolded) to `out` and returns its
// length. It is never longer than the UTF-8 form of `cp`, so a text folds in
// place into a buffer of its own size.
size_t FoldCodePoint(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return 1;
  }
  if (cp >= 0x00C0 && cp <= 0x00FF) {
    const std::string_view folded = kLatin1[cp - 0x00C0];
    std::memcpy(out, folded.data(), folded.size());
    return folded.size();
  }
  if (cp >= 0x0100 && cp <= 0x017F) {
    const char base = kLatinExtendedA[cp - 0x0100];
    if (base != '1' && base != '2') {
      out[0] = base;
      return 1;
    }
    std::memcpy(out, base == '1' ? "ij" : "oe", 2);
    return 2;
  }
  if (IsCombiningMark(cp) || IsIgnorable(cp)) {
    return 0;  // "e" + U+0301 reads as "e"
  }
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x0060) {
    out[0] = '\'';
    return 1;
  }
  if ((cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) ||
      (cp >= 0x0410 && cp <= 0x042F)) {
    return EncodeUtf8(cp + 0x20, out);  // Greek and Cyrillic capitals
  }
  if (cp >= 0x0400 && cp <= 0x040F) return EncodeUtf8(cp + 0x50, out);
  return EncodeUtf8(cp, out);
}

// ASCII letters and digits folded (lower case); 0 for every other byte.
constexpr std::array<char, 256> kAsciiWordFolded = [] {
  std::array<char, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<char>(c + 32);
  return table;
}();

// What an ASCII byte means to the tokenizer (see Tokenize).
enum AsciiClass : uint8_t {
  kOtherByte,    // ends a sentence's pending end: "3.5", "www.chu"
  kWordByte,     // letter or digit
  kSpaceByte,    // confirms a pending end
  kNewlineByte,  // ends the sentence
  kPeriodByte,   // may end it
  kBangByte,     // '!' and '?': end it once a space follows
  kClosingByte,  // '"' and ')': keep a pending end pending
};

constexpr std::array<AsciiClass, 128> kAsciiClasses = [] {
  std::array<AsciiClass, 128> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = kWordByte;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kWordByte;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kWordByte;
  table[' '] = table['\t'] = kSpaceByte;
  table['\n'] = kNewlineByte;
  table['.'] = kPeriodByte;
  table['!'] = table['?'] = kBangByte;
  table['"'] = table[')'] = kClosingByte;
  return table;
}();

// Folds the run of ASCII letters and digits and Latin-1 letters (U+00C0 to
// U+00FF but × and ÷, two bytes: 0xC3 then 0x80 to 0xBF) that starts at
// `pos` of valid UTF-8 into `*out`, moving it past what it writes; returns
// the end of the run. Most French words are made of nothing else: no
// decoding for them.
size_t FoldLatin1WordRun(const unsigned char* bytes, size_t pos, size_t size,
                         char** out) {
  char* to = *out;  // a local: char stores alias all
  for (;;) {
    char c;
    while (pos < size && (c = kAsciiWordFolded[bytes[pos]]) != 0) {
      *to++ = c;
      ++pos;
    }
    if (pos == size || bytes[pos] != 0xC3) break;
    const std::string_view folded = kLatin1[bytes[pos + 1] - 0x80];
    if (folded.empty()) break;  // × or ÷
    // Two bytes whatever the size (a literal's NUL is readable): no call to
    // memcpy, and the folded text never outgrows the text (they fill at
    // most the two bytes just read).
    std::memcpy(to, folded.data(), 2);
    to += folded.size();
    pos += 2;
  }
  *out = to;
  return pos;
}

constexpr uint64_t kEveryByte = 0x0101010101010101;
constexpr uint64_t kHighBits = 0x8080808080808080;

// UTF-16 units of the code points that start in the 8 bytes of `word`: one
// per lead byte (not 10xxxxxx), two per 4-byte lead (11110xxx). Each byte is
// looked at alone, so the byte order of `word` does not matter.
size_t Utf16UnitsOfWord(uint64_t word) {
  const uint64_t continuation = word & ~(word << 1) & kHighBits;
  const uint64_t four_byte_lead =
      word & (word << 1) & (word << 2) & (word << 3) & kHighBits;
  const uint64_t per_byte =
      kEveryByte - (continuation >> 7) + (four_byte_lead >> 7);
  return (per_byte * kEveryByte) >> 56;  // the sum of its bytes (each <= 2)
}

// UTF-16 units of the code points that start in `size` bytes of valid UTF-8,
// counted eight bytes at a time.
size_t Utf16UnitsOf(const char* bytes, size_t size) {
  size_t units = 0;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    units += Utf16UnitsOfWord(word);
  }
  for (; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (!IsContinuation(byte)) units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace

void AppendUtf8(char32_t cp, std::string* out) {
  char bytes[4];
  out->append(bytes, EncodeUtf8(cp, bytes));
}

int DecodeUtf8(std::string_view text, size_t pos, char32_t* code_point) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[pos + i]);
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  if (lead < 0xE0) {
    *code_point = ((lead & 0x1F) << 6) | (byte(1) & 0x3F);
    return 2;
  }
  if (lead < 0xF0) {
    *code_point =
        ((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    return 3;
  }
  *code_point = ((lead & 0x07) << 18) | ((byte(1) & 0x3F) << 12) |
                ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
  return 4;
}

std::string RepairUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    bool surrogate = false;
    const int length = ValidSequenceLength(text, pos, &surrogate);
    if (length == 0) {
      AppendUtf8(kReplacement, &out);
      ++pos;
    } else if (surrogate) {
      AppendUtf8(kReplacement, &out);
      pos += length;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    // ASCII runs eight bytes at a time.
    uint64_t word;
    while (pos + 8 <= text.size() && (std::memcpy(&word, text.data() + pos, 8),
                                      (word & kHighBits) == 0)) {
      pos += 8;
    }
    if (pos >= text.size()) break;
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    bool surrogate = false;
    const int length = ValidSequenceLength(text, pos, &surrogate);
    if (length == 0 || surrogate) return false;
    pos += length;
  }
  return true;
}

size_t Utf16Length(std::string_view text) {
  return Utf16UnitsOf(text.data(), text.size());
}

size_t TruncateAtCodePoint(std::string_view text, size_t max_bytes) {
  if (max_bytes >= text.size()) return text.size();
  size_t end = max_bytes;
  while (end > 0 && IsContinuation(static_cast<unsigned char>(text[end]))) {
    --end;
  }
  return end;
}

size_t ByteOffsetOfUtf16(std::string_view text, size_t units) {
  size_t seen = 0;
  size_t pos = 0;
  while (pos < text.size() && seen < units) {
    char32_t cp = 0;
    pos += DecodeUtf8(text, pos, &cp);
    seen += cp >= 0x10000 ? 2 : 1;
  }
  return pos;
}

void Utf16Index::Reset(std::string_view text) {
  text_ = text;
  const size_t blocks = text.size() / kBlock + 1;
  block_units_.resize(blocks);
  size_t units = 0;
  for (size_t block = 0; block < blocks; ++block) {
    block_units_[block] = static_cast<uint32_t>(units);
    if (block + 1 < blocks) {
      static_assert(kBlock == sizeof(uint64_t), "a block is one word");
      uint64_t word;
      std::memcpy(&word, text.data() + block * kBlock, kBlock);
      units += Utf16UnitsOfWord(word);
    }
  }
}

size_t Utf16Index::ToUtf16(size_t byte_offset) const {
  size_t pos = byte_offset;
  while (pos > 0 && pos < text_.size() &&
         IsContinuation(static_cast<unsigned char>(text_[pos]))) {
    --pos;
  }
  const size_t block_start = pos / kBlock * kBlock;
  return block_units_[pos / kBlock] +
         Utf16UnitsOf(text_.data() + block_start, pos - block_start);
}

bool IsWordCodePoint(char32_t cp) {
  if (cp < 0x80) return IsAsciiWordByte(static_cast<unsigned char>(cp));
  if (cp >= 0x00C0 && cp <= 0x024F) return cp != 0x00D7 && cp != 0x00F7;
  return IsCombiningMark(cp) || IsIgnorable(cp) ||
         (cp >= 0x0370 && cp <= 0x03FF && cp != 0x037E && cp != 0x0387) ||
         (cp >= 0x0400 && cp <= 0x052F) || (cp >= 0x1E00 && cp <= 0x1EFF);
}

bool IsUpperCodePoint(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0x00C0 && cp <= 0x00DE) return cp != 0x00D7;
  if (cp >= 0x0100 && cp <= 0x0137) return cp % 2 == 0 && cp != 0x0131;
  if (cp >= 0x0139 && cp <= 0x0148) return cp % 2 == 1;
  if (cp >= 0x014A && cp <= 0x0177) return cp % 2 == 0;
  if (cp == 0x0178) return true;
  if (cp >= 0x0179 && cp <= 0x017E) return cp % 2 == 1;
  if (cp >= 0x0391 && cp <= 0x03A9) return true;
  if (cp >= 0x0400 && cp <= 0x042F) return true;
  return false;
}

void AppendFolded(char32_t cp, std::string* out) {
  char folded[4];
  out->append(folded, FoldCodePoint(cp, folded));
}

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    pos += DecodeUtf8(text, pos, &cp);
    AppendFolded(cp, &out);
  }
  return out;
}

std::string FoldAlnum(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    pos += DecodeUtf8(text, pos, &cp);
    if (IsWordCodePoint(cp)) AppendFolded(cp, &out);
  }
  return out;
}

std::vector<std::string> FoldedWords(std::string_view term) {
  // Built packs hold their word lists already folded (vigie pack build): a
  // single folded word is its own answer, which spares the engine tokenizing
  // tens of thousands of names each time it starts.
  const bool folded_word =
      !term.empty() && std::all_of(term.begin(), term.end(), [](char c) {
        return IsAsciiWordByte(static_cast<unsigned char>(c)) &&
               !(c >= 'A' && c <= 'Z');
      });
  if (folded_word) return {std::string(term)};
  const TokenizedText tokenized = Tokenize(term, {});
  std::vector<std::string> words;
  words.reserve(tokenized.tokens.size());
  for (const Token& token : tokenized.tokens) {
    words.emplace_back(tokenized.FoldedWord(token));
  }
  return words;
}

size_t TokenizedText::FirstTokenEndingAfter(size_t byte_offset) const {
  const auto it = std::upper_bound(
      tokens.begin(), tokens.end(), byte_offset,
      [](size_t offset, const Token& token) { return offset < token.end; });
  return static_cast<size_t>(it - tokens.begin());
}

uint32_t TokenizedText::SentenceAt(size_t byte_offset) const {
  const auto it = std::upper_bound(sentence_starts.begin(),
                                   sentence_starts.end(), byte_offset);
  return static_cast<uint32_t>(it - sentence_starts.begin()) - 1;
}

TokenizedText Tokenize(std::string_view text,
                       const std::vector<std::string>& abbreviations) {
  TokenizedText out;
  Tokenize(text, abbreviations, &out);
  return out;
}

void Tokenize(std::string_view text,
              const std::vector<std::string>& abbreviations,
              TokenizedText* out) {
  std::vector<Token>& tokens = out->tokens;
  tokens.clear();
  out->sentence_starts.assign(1, 0);
  // The folded words never take more bytes than the text (FoldCodePoint):
  // they are written in place, then the string is cut to their size.
  out->folded.resize(text.size());
  char* const folded = out->folded.data();
  size_t folded_size = 0;
  bool in_token = false;
  bool end_pending = false;    // saw . ! ? … that may end the sentence
  bool end_confirmed = false;  // ... and a space after it
  size_t pos = 0;

  const auto period_ends_sentence = [&]() {
    // The word just before the period: an initial or an abbreviation keeps
    // the sentence going ("M. Dupont", "Dr. Martin").
    if (tokens.empty() || tokens.back().end != pos) return true;
    const std::string_view word = out->FoldedWord(tokens.back());
    if (word.size() == 1 && !(word[0] >= '0' && word[0] <= '9')) return false;
    return std::find(abbreviations.begin(), abbreviations.end(), word) ==
           abbreviations.end();
  };
  const auto start_sentence = [&](size_t at) {
    out->sentence_starts.push_back(static_cast<uint32_t>(at));
  };

  // Word bytes [pos, end) whose folded form is already written from
  // `folded_from`: they start a token or extend the current one.
  const auto add_word = [&](size_t end, size_t folded_from) {
    if (end_confirmed) start_sentence(pos);
    end_pending = end_confirmed = false;
    if (!in_token) {
      Token token;
      token.begin = static_cast<uint32_t>(pos);
      token.folded_begin = static_cast<uint32_t>(folded_from);
      token.sentence = static_cast<uint32_t>(out->sentence_starts.size() - 1);
      tokens.push_back(token);
      in_token = true;
    }
    Token& token = tokens.back();
    token.end = static_cast<uint32_t>(end);
    token.folded_size = static_cast<uint32_t>(folded_size - token.folded_begin);
  };

  // A code point that is not part of a word.
  const auto separator = [&](char32_t cp, size_t length) {
    in_token = false;
    if (cp == '\n' || cp == 0x2029 || cp == 0x2028) {
      start_sentence(pos + length);
      end_pending = end_confirmed = false;
    } else if (cp == '!' || cp == '?' || cp == 0x2026) {
      end_pending = true;
    } else if (cp == '.') {
      end_pending = end_pending || period_ends_sentence();
    } else if (cp == ' ' || cp == '\t' || cp == 0x00A0 || cp == 0x202F) {
      end_confirmed = end_confirmed || end_pending;
    } else if (cp != '"' && cp != ')' && cp != 0x00BB) {
      // Anything but spaces and closing marks after the punctuation
      // ("3.5", "www.chu") means the sentence goes on.
      end_pending = end_confirmed = false;
    }
  };

  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  while (pos < text.size()) {
    const unsigned char lead = bytes[pos];
    if (lead < 0x80 && kAsciiClasses[lead] != kWordByte) {
      // What `separator` does, for the ASCII bytes it is mostly called with.
      in_token = false;
      switch (kAsciiClasses[lead]) {
        case kSpaceByte:
          end_confirmed = end_confirmed || end_pending;
          break;
        case kNewlineByte:
          start_sentence(pos + 1);
          end_pending = end_confirmed = false;
          break;
        case kPeriodByte:
          end_pending = end_pending || period_ends_sentence();
          break;
        case kBangByte:
          end_pending = true;
          break;
        case kClosingByte:
          break;
        default:
          end_pending = end_confirmed = false;
      }
      ++pos;
      continue;
    }
    // Most French text is ASCII and Latin-1 letters: a whole run in one go.
    char* to = folded + folded_size;
    const size_t end = FoldLatin1WordRun(bytes, pos, text.size(), &to);
    if (end > pos) {
      const size_t folded_from = folded_size;
      folded_size = static_cast<size_t>(to - folded);
      add_word(end, folded_from);
      pos = end;
      continue;
    }
    char32_t cp = 0;
    const size_t length = static_cast<size_t>(DecodeUtf8(text, pos, &cp));
    if (IsWordCodePoint(cp)) {
      const size_t folded_from = folded_size;
      folded_size += FoldCodePoint(cp, folded + folded_size);
      add_word(pos + length, folded_from);
    } else {
      separator(cp, length);
    }
    pos += length;
  }
  out->folded.resize(folded_size);
  // Drop empty trailing sentences so SentenceAt stays meaningful.
  while (out->sentence_starts.size() > 1 &&
         out->sentence_starts.back() >= text.size()) {
    out->sentence_starts.pop_back();
  }
}

}  // namespace vigie
