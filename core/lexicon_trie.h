// All lexicon rules of a pack in one trie of folded words: each word of the
// text costs one hash and a look in a small filter, and at most one probe of
// a table per trie level, however many terms the pack has (a list of 50,000
// first names costs what a list of 50 does).
//
// The trie is flat so that building it allocates almost nothing per term
// (the engine is rebuilt each time a browser restarts its worker): the words
// live in one string, the edges in open-addressing tables keyed by (parent
// node, word), the rules of each node in one array.
//
// Lookups are cache misses more than work: the edges from the root (tens of
// thousands of first words) are in one table, the few edges deeper in the
// trie in another, small enough to stay in cache, which answers the common
// "does this word go on a term?" after "la", "de", "en"... And each slot
// holds the first 8 bytes of its word, which decide most comparisons
// without reading the word.

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
        if (++end == count || !has_children_[node]) break;
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
    uint32_t child = 0;
    uint64_t head = 0;  // the first 8 bytes of the child's word (see Head)
  };
  // An open-addressing table of edges, a power of two slots, at most half
  // full.
  struct Table {
    std::vector<Slot> slots = std::vector<Slot>(16);
    size_t edges = 0;
  };
  // The word that leads to a node.
  struct NodeWord {
    uint64_t hash = 0;
    uint32_t begin = 0;  // into words_
    uint32_t size = 0;
    uint32_t parent = 0;
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
    // The last 0 to 7 bytes.
    const uint64_t tail = LoadShort(word.data() + i, word.size() - i);
    hash = (hash ^ tail) * kMultiplier;  // then MurmurHash3's finalizer
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCD;
    return hash ^ (hash >> 33);
  }
  // The first 8 bytes of `word`, zero padded. Folded words hold no zero
  // byte: for a word shorter than 8 bytes, equal heads mean equal words.
  static uint64_t Head(std::string_view word) {
    return LoadShort(word.data(), word.size() < 8 ? word.size() : 8);
  }
  // The `size` <= 8 bytes at `bytes` as a number, zero padded (little
  // endian): loads of fixed size rather than a call to memcpy per word.
  static uint64_t LoadShort(const char* bytes, size_t size) {
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
                  "overlapping loads assume little endian");
    if (size >= 4) {  // two 4-byte loads that overlap when size < 8
      uint32_t low;
      uint32_t high;
      std::memcpy(&low, bytes, 4);
      std::memcpy(&high, bytes + size - 4, 4);
      return low | uint64_t{high} << (8 * (size - 4));
    }
    if (size == 0) return 0;
    const auto byte = [&](size_t i) {
      return uint64_t{static_cast<unsigned char>(bytes[i])};
    };
    return byte(0) | byte(size / 2) << (8 * (size / 2)) |
           byte(size - 1) << (8 * (size - 1));
  }
  static uint32_t Tag(uint64_t hash) {
    return static_cast<uint32_t>(hash >> 32) | 1;
  }
  static size_t SlotOf(const Table& table, uint64_t hash, uint32_t parent) {
    return (hash + parent * uint64_t{0x9E3779B97F4A7C15}) &
           (table.slots.size() - 1);
  }
  const Table& TableOf(uint32_t parent) const {
    return parent == kRoot ? root_edges_ : inner_edges_;
  }
  // The child of `parent` through `word`, or kNone.
  uint32_t Child(uint32_t parent, std::string_view word, uint64_t hash) const {
    const Table& table = TableOf(parent);
    const uint32_t tag = Tag(hash);
    const uint64_t head = Head(word);
    const size_t mask = table.slots.size() - 1;
    for (size_t i = SlotOf(table, hash, parent);; i = (i + 1) & mask) {
      const Slot& slot = table.slots[i];
      if (slot.tag == 0) return kNone;
      if (slot.tag != tag || slot.head != head) continue;
      // The root's table holds the root's edges only: a short word found
      // there needs no look at the node (one cache miss less per word).
      if (parent == kRoot && word.size() < 8) return slot.child;
      const NodeWord& child = node_words_[slot.child];
      if (child.parent == parent &&
          (word.size() < 8 || WordOf(child) == word)) {
        return slot.child;
      }
    }
  }
  std::string_view WordOf(const NodeWord& w) const {
    return std::string_view(words_).substr(w.begin, w.size);
  }
  void Insert(uint32_t child);
  void Rehash(size_t slots, Table* table) const;  // a power of two
  static void Put(const Slot& slot, uint64_t hash, uint32_t parent,
                  Table* table);

  // Most words of a text start no term, yet probing the table (tens of
  // thousands of first words) costs a cache miss per word. A Bloom filter of
  // the first words, small enough to stay in cache, answers most of them,
  // with both its bits in one 64-bit word: one read.
  static constexpr size_t kFilterWords = size_t{1} << 13;  // 64 KB
  static uint64_t FilterBits(uint64_t hash) {
    return uint64_t{1} << (hash >> 40 & 63) | uint64_t{1} << (hash >> 46 & 63);
  }
  bool MayStartTerm(uint64_t hash) const {
    const uint64_t bits = FilterBits(hash);
    return (first_words_[hash % kFilterWords] & bits) == bits;
  }

  std::string words_;                 // every node's word, back to back
  std::vector<NodeWord> node_words_;  // by node; the root's is empty
  Table root_edges_;                  // from the root
  Table inner_edges_;                 // from every other node
  std::vector<char> has_children_;    // by node, once Finish()ed
  std::vector<std::pair<uint32_t, int>> pending_rules_;  // (node, rule)
  std::vector<uint32_t> rules_begin_;  // by node: its rules in rules_
  std::vector<int> rules_;
  std::vector<uint64_t> first_words_ = std::vector<uint64_t>(kFilterWords);
};

}  // namespace vigie

#endif  // VIGIE_CORE_LEXICON_TRIE_H_
