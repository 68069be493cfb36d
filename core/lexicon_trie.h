// All lexicon rules of a pack in one trie of folded words: each word of the
// text costs one hash and a look in a small filter, and at most one probe of
// a table per trie level, however many terms the pack has (a list of 50,000
// first names costs what a list of 50 does).
//
// The trie is flat so that building it allocates almost nothing per term
// (the engine is rebuilt each time a browser restarts its worker): the words
// live in one string, the edges in one open-addressing table keyed by
// (parent node, word), the rules of each node in one array.

#ifndef VIGIE_CORE_LEXICON_TRIE_H_
#define VIGIE_CORE_LEXICON_TRIE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"

namespace vigie {

class LexiconTrie {
 public:
  LexiconTrie();

  // Makes room for terms of `words` words and `bytes` bytes in all.
  void Reserve(size_t words, size_t bytes);
  // Adds a term (its folded words, in order) for rule `rule`.
  void Add(const std::vector<std::string_view>& words, int rule);
  // Call once all terms are added, before FindAll.
  void Finish();

  // Calls on_match(first_token, end_token, rule) for every term found in
  // `text`, for each rule that lists it (in increasing rule order); the term
  // covers tokens [first_token, end_token).
  template <typename OnMatch>
  void FindAll(const TokenizedText& text, OnMatch on_match) const {
    const size_t count = text.tokens.size();
    for (size_t first = 0; first < count; ++first) {
      const std::string_view word = text.FoldedWord(text.tokens[first]);
      const uint64_t hash = HashWord(word);
      if (!MayStartTerm(hash)) continue;
      uint32_t node = Child(kRoot, word, hash);
      size_t end = first;
      while (node != kNone) {
        for (uint32_t i = rules_begin_[node]; i < rules_begin_[node + 1]; ++i) {
          on_match(first, end + 1, rules_[i]);
        }
        if (++end == count) break;
        const std::string_view next = text.FoldedWord(text.tokens[end]);
        node = Child(node, next, HashWord(next));
      }
    }
  }

 private:
  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = UINT32_MAX;

  // An edge of the trie; tag 0 marks a free slot.
  struct Slot {
    uint32_t tag = 0;
    uint32_t parent = 0;
    uint32_t child = 0;
  };
  // The word that leads to a node.
  struct NodeWord {
    uint64_t hash = 0;
    uint32_t begin = 0;  // into words_
    uint32_t size = 0;
  };

  static uint64_t HashWord(std::string_view word) {
    constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15;
    uint64_t hash = word.size() * kMultiplier;
    size_t i = 0;
    for (; i + 8 <= word.size(); i += 8) {
      uint64_t chunk;
      std::memcpy(&chunk, word.data() + i, 8);
      hash = (hash ^ chunk) * kMultiplier;
      hash ^= hash >> 29;
    }
    uint64_t tail = 0;  // the last 0 to 7 bytes
    if (i < word.size()) std::memcpy(&tail, word.data() + i, word.size() - i);
    hash = (hash ^ tail) * kMultiplier;  // then MurmurHash3's finalizer
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCD;
    return hash ^ (hash >> 33);
  }
  static uint32_t Tag(uint64_t hash) {
    return static_cast<uint32_t>(hash >> 32) | 1;
  }
  size_t SlotOf(uint64_t hash, uint32_t parent) const {
    return (hash + parent * uint64_t{0x9E3779B97F4A7C15}) & (slots_.size() - 1);
  }
  // The child of `parent` through `word`, or kNone.
  uint32_t Child(uint32_t parent, std::string_view word, uint64_t hash) const {
    const uint32_t tag = Tag(hash);
    for (size_t i = SlotOf(hash, parent);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[i];
      if (slot.tag == 0) return kNone;
      if (slot.tag == tag && slot.parent == parent &&
          WordOf(slot.child) == word) {
        return slot.child;
      }
    }
  }
  std::string_view WordOf(uint32_t node) const {
    const NodeWord& w = node_words_[node];
    return std::string_view(words_).substr(w.begin, w.size);
  }
  void Insert(uint32_t parent, uint32_t child);
  void Rehash(size_t slots);  // a power of two

  // Most words of a text start no term, yet probing the table (tens of
  // thousands of first words) costs a cache miss per word. A Bloom filter of
  // the first words, small enough to stay in cache, answers most of them.
  static constexpr size_t kFilterBits = size_t{1} << 19;  // 64 KB
  bool MayStartTerm(uint64_t hash) const {
    const size_t a = hash % kFilterBits;
    const size_t b = (hash >> 40) % kFilterBits;
    return (first_words_[a / 64] >> (a % 64) & 1) != 0 &&
           (first_words_[b / 64] >> (b % 64) & 1) != 0;
  }

  std::string words_;                 // every node's word, back to back
  std::vector<NodeWord> node_words_;  // by node; the root's is empty
  std::vector<Slot> slots_;           // a power of two, at most half full
  size_t edges_ = 0;
  std::vector<std::pair<uint32_t, int>> pending_rules_;  // (node, rule)
  std::vector<uint32_t> rules_begin_;  // by node: its rules in rules_
  std::vector<int> rules_;
  std::vector<uint64_t> first_words_ = std::vector<uint64_t>(kFilterBits / 64);
};

}  // namespace vigie

#endif  // VIGIE_CORE_LEXICON_TRIE_H_
