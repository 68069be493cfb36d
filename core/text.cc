#include "core/text.h"

#include <algorithm>

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

}  // namespace

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
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
  size_t units = 0;
  for (unsigned char byte : text) {
    if (!IsContinuation(byte)) units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
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

Utf16Index::Utf16Index(std::string_view text) : units_(text.size() + 1) {
  // A lead byte starts a code point: one UTF-16 unit, two from 4-byte
  // sequences on. Continuation bytes share their lead's offset.
  uint32_t units = 0;
  uint32_t lead_units = 0;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (!IsContinuation(byte)) {
      lead_units = units;
      units += byte >= 0xF0 ? 2 : 1;
    }
    units_[pos] = lead_units;
  }
  units_[text.size()] = units;
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
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
  } else if (cp >= 0x00C0 && cp <= 0x00FF) {
    out->append(kLatin1[cp - 0x00C0]);
  } else if (cp >= 0x0100 && cp <= 0x017F) {
    const char base = kLatinExtendedA[cp - 0x0100];
    if (base == '1') {
      out->append("ij");
    } else if (base == '2') {
      out->append("oe");
    } else {
      out->push_back(base);
    }
  } else if (IsCombiningMark(cp) || IsIgnorable(cp)) {
    // Folds to nothing: "e" + U+0301 reads as "e".
  } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x0060) {
    out->push_back('\'');
  } else if ((cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) ||
             (cp >= 0x0410 && cp <= 0x042F)) {
    AppendUtf8(cp + 0x20, out);  // Greek and Cyrillic capitals
  } else if (cp >= 0x0400 && cp <= 0x040F) {
    AppendUtf8(cp + 0x50, out);
  } else {
    AppendUtf8(cp, out);
  }
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
  out.sentence_starts.push_back(0);
  bool in_token = false;
  bool end_pending = false;    // saw . ! ? … that may end the sentence
  bool end_confirmed = false;  // ... and a space after it
  size_t pos = 0;

  const auto period_ends_sentence = [&]() {
    // The word just before the period: an initial or an abbreviation keeps
    // the sentence going ("M. Dupont", "Dr. Martin").
    if (out.tokens.empty() || out.tokens.back().end != pos) return true;
    const std::string_view word = out.FoldedWord(out.tokens.back());
    if (word.size() == 1 && !(word[0] >= '0' && word[0] <= '9')) return false;
    return std::find(abbreviations.begin(), abbreviations.end(), word) ==
           abbreviations.end();
  };
  const auto start_sentence = [&](size_t at) {
    out.sentence_starts.push_back(static_cast<uint32_t>(at));
  };

  // Word bytes [pos, end) whose folded form is already appended from
  // `folded_from`: they start a token or extend the current one.
  const auto add_word = [&](size_t end, size_t folded_from) {
    if (end_confirmed) start_sentence(pos);
    end_pending = end_confirmed = false;
    if (!in_token) {
      Token token;
      token.begin = static_cast<uint32_t>(pos);
      token.folded_begin = static_cast<uint32_t>(folded_from);
      token.sentence = static_cast<uint32_t>(out.sentence_starts.size() - 1);
      out.tokens.push_back(token);
      in_token = true;
    }
    Token& token = out.tokens.back();
    token.end = static_cast<uint32_t>(end);
    token.folded_size =
        static_cast<uint32_t>(out.folded.size() - token.folded_begin);
  };

  out.tokens.reserve(text.size() / 5);
  out.folded.reserve(text.size());
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (IsAsciiWordByte(lead)) {
      // Most French text is ASCII letters: a whole run in one append.
      size_t end = pos + 1;
      while (end < text.size() &&
             IsAsciiWordByte(static_cast<unsigned char>(text[end]))) {
        ++end;
      }
      const size_t folded_from = out.folded.size();
      out.folded.append(text, pos, end - pos);
      for (size_t i = folded_from; i < out.folded.size(); ++i) {
        char& c = out.folded[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
      }
      add_word(end, folded_from);
      pos = end;
      continue;
    }
    char32_t cp = lead;
    const int length = lead < 0x80 ? 1 : DecodeUtf8(text, pos, &cp);
    if (lead >= 0x80 && IsWordCodePoint(cp)) {
      const size_t folded_from = out.folded.size();
      AppendFolded(cp, &out.folded);
      add_word(pos + static_cast<size_t>(length), folded_from);
    } else {
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
    }
    pos += length;
  }
  // Drop empty trailing sentences so SentenceAt stays meaningful.
  while (out.sentence_starts.size() > 1 &&
         out.sentence_starts.back() >= text.size()) {
    out.sentence_starts.pop_back();
  }
  return out;
}

}  // namespace vigie
