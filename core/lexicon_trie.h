// All lexicon rules of a pack in one trie of folded words: each word of the
// text costs one hash lookup per trie level, however many terms the pack has
// (a list of 50,000 first names costs what a list of 50 does).

#ifndef VIGIE_CORE_LEXICON_TRIE_H_
#define VIGIE_CORE_LEXICON_TRIE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/text.h"

namespace vigie {

class LexiconTrie {
 public:
  LexiconTrie() : nodes_(1) {}

  // Makes room for `count` first words at once (one table, not a dozen
  // regrowths, when a pack lists tens of thousands of names).
  void ReserveFirstWords(size_t count) { nodes_[0].next.reserve(count); }

  // Adds a term (its folded words, in order) for rule `rule`.
  void Add(const std::vector<std::string>& words, int rule);

  // Calls on_match(first_token, end_token, rule) for every term found in
  // `text`, for each rule that lists it; the term covers tokens
  // [first_token, end_token).
  template <typename OnMatch>
  void FindAll(const TokenizedText& text, OnMatch on_match) const {
    const size_t count = text.tokens.size();
    for (size_t first = 0; first < count; ++first) {
      if (!MayStartTerm(text.FoldedWord(text.tokens[first]))) continue;
      uint32_t node = 0;
      for (size_t end = first; end < count; ++end) {
        const auto& next = nodes_[node].next;
        const auto it = next.find(text.FoldedWord(text.tokens[end]));
        if (it == next.end()) break;
        node = it->second;
        for (int rule : nodes_[node].rules) on_match(first, end + 1, rule);
      }
    }
  }

 private:
  struct Node {
    absl::flat_hash_map<std::string, uint32_t> next;
    std::vector<int> rules;
  };
  // Most words of a text start no term, yet asking the root's table (tens of
  // thousands of first words) costs a cache miss per word. A Bloom filter of
  // the first words, small enough to stay in cache, answers most of them.
  static constexpr size_t kFilterBits = size_t{1} << 19;  // 64 KB
  static std::pair<size_t, size_t> FilterBits(std::string_view word);
  bool MayStartTerm(std::string_view word) const {
    const auto [a, b] = FilterBits(word);
    return (first_words_[a / 64] >> (a % 64) & 1) != 0 &&
           (first_words_[b / 64] >> (b % 64) & 1) != 0;
  }

  std::vector<Node> nodes_;
  std::vector<uint64_t> first_words_ = std::vector<uint64_t>(kFilterBits / 64);
};

}  // namespace vigie

#endif  // VIGIE_CORE_LEXICON_TRIE_H_
