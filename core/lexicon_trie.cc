#include "core/lexicon_trie.h"

#include <algorithm>

namespace vigie {

LexiconTrie::LexiconTrie() : node_words_(1) {}

void LexiconTrie::Reserve(size_t words, size_t bytes) {
  // Most words are first words (single-word terms): they go to the root's
  // table.
  size_t slots = root_edges_.slots.size();
  while (slots < 2 * (root_edges_.edges + words)) slots *= 2;
  if (slots > root_edges_.slots.size()) Rehash(slots, &root_edges_);
  node_words_.reserve(node_words_.size() + words);
  words_.reserve(words_.size() + bytes);
  pending_rules_.reserve(pending_rules_.size() + words);
}

void LexiconTrie::Add(const std::vector<std::string_view>& words, int rule) {
  if (words.empty()) return;
  const uint64_t first = HashWord(words.front());
  first_words_[first % kFilterWords] |= FilterBits(first);
  uint32_t node = kRoot;
  for (const std::string_view word : words) {
    const uint64_t hash = HashWord(word);
    const uint32_t child = Child(node, word, hash);
    if (child != kNone) {
      node = child;
      continue;
    }
    const auto added = static_cast<uint32_t>(node_words_.size());
    node_words_.push_back({hash, static_cast<uint32_t>(words_.size()),
                           static_cast<uint32_t>(word.size()), node});
    words_.append(word);
    Insert(added);
    node = added;
  }
  pending_rules_.emplace_back(node, rule);
}

void LexiconTrie::Insert(uint32_t child) {
  const NodeWord& w = node_words_[child];
  Table* table = w.parent == kRoot ? &root_edges_ : &inner_edges_;
  if (2 * (table->edges + 1) > table->slots.size()) {
    Rehash(2 * table->slots.size(), table);
  }
  Put({Tag(w.hash), child, Head(WordOf(w))}, w.hash, w.parent, table);
}

void LexiconTrie::Put(const Slot& slot, uint64_t hash, uint32_t parent,
                      Table* table) {
  size_t i = SlotOf(*table, hash, parent);
  while (table->slots[i].tag != 0) i = (i + 1) & (table->slots.size() - 1);
  table->slots[i] = slot;
  ++table->edges;
}

void LexiconTrie::Rehash(size_t slots, Table* table) const {
  std::vector<Slot> old(slots);
  old.swap(table->slots);
  table->edges = 0;
  for (const Slot& slot : old) {
    if (slot.tag == 0) continue;
    const NodeWord& w = node_words_[slot.child];
    Put(slot, w.hash, w.parent, table);
  }
}

void LexiconTrie::Finish() {
  // The rules of each node, grouped by node in one array (a counting sort).
  const size_t nodes = node_words_.size();
  rules_begin_.assign(nodes + 1, 0);
  for (const auto& [node, rule] : pending_rules_) ++rules_begin_[node + 1];
  for (size_t node = 0; node < nodes; ++node) {
    rules_begin_[node + 1] += rules_begin_[node];
  }
  rules_.resize(pending_rules_.size());
  std::vector<uint32_t> next(rules_begin_.begin(), rules_begin_.end() - 1);
  for (const auto& [node, rule] : pending_rules_) rules_[next[node]++] = rule;
  pending_rules_ = {};
  // Then each node's rules in increasing order, each once (a term may be
  // listed twice, or by two rules).
  uint32_t kept = 0;
  uint32_t begin = 0;
  for (size_t node = 0; node < nodes; ++node) {
    const uint32_t end = rules_begin_[node + 1];
    std::sort(rules_.begin() + begin, rules_.begin() + end);
    rules_begin_[node] = kept;
    for (uint32_t i = begin; i < end; ++i) {
      if (kept == rules_begin_[node] || rules_[kept - 1] != rules_[i]) {
        rules_[kept++] = rules_[i];
      }
    }
    begin = end;
  }
  rules_begin_[nodes] = kept;
  rules_.resize(kept);
  // The tables at their smallest (Reserve counted every word, not just
  // first words): a smaller table is fewer cache misses per word looked up.
  for (Table* table : {&root_edges_, &inner_edges_}) {
    size_t slots = 16;
    while (slots < 2 * table->edges) slots *= 2;
    if (slots < table->slots.size()) Rehash(slots, table);
  }
  // A term can go on past a node only when it has children: most words
  // (first names) have none, and need no look at the next word.
  has_children_.assign(nodes, 0);
  for (size_t node = 1; node < nodes; ++node) {
    has_children_[node_words_[node].parent] = 1;
  }
}

}  // namespace vigie
