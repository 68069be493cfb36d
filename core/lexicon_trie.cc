#include "core/lexicon_trie.h"

#include <algorithm>

namespace vigie {

LexiconTrie::LexiconTrie() : node_words_(1), slots_(16) {}

void LexiconTrie::Reserve(size_t words, size_t bytes) {
  size_t slots = slots_.size();
  while (slots < 2 * (edges_ + words)) slots *= 2;
  if (slots > slots_.size()) Rehash(slots);
  node_words_.reserve(node_words_.size() + words);
  words_.reserve(words_.size() + bytes);
  pending_rules_.reserve(pending_rules_.size() + words);
}

void LexiconTrie::Add(const std::vector<std::string_view>& words, int rule) {
  if (words.empty()) return;
  const uint64_t first = HashWord(words.front());
  for (const size_t bit : {first % kFilterBits, (first >> 40) % kFilterBits}) {
    first_words_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
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
                           static_cast<uint32_t>(word.size())});
    words_.append(word);
    Insert(node, added);
    node = added;
  }
  pending_rules_.emplace_back(node, rule);
}

void LexiconTrie::Insert(uint32_t parent, uint32_t child) {
  if (2 * (edges_ + 1) > slots_.size()) Rehash(2 * slots_.size());
  const uint64_t hash = node_words_[child].hash;
  size_t i = SlotOf(hash, parent);
  while (slots_[i].tag != 0) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = {Tag(hash), parent, child};
  ++edges_;
}

void LexiconTrie::Rehash(size_t slots) {
  std::vector<Slot> old(slots);
  old.swap(slots_);
  edges_ = 0;
  for (const Slot& slot : old) {
    if (slot.tag != 0) Insert(slot.parent, slot.child);
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
}

}  // namespace vigie
