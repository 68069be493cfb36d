#include "core/lexicon_trie.h"

#include <algorithm>

#include "absl/hash/hash.h"

namespace vigie {

std::pair<size_t, size_t> LexiconTrie::FilterBits(std::string_view word) {
  const uint64_t hash = absl::HashOf(word);
  return {hash % kFilterBits, (hash >> 32) % kFilterBits};
}

void LexiconTrie::Add(const std::vector<std::string>& words, int rule) {
  if (words.empty()) return;
  const auto [a, b] = FilterBits(words.front());
  first_words_[a / 64] |= uint64_t{1} << (a % 64);
  first_words_[b / 64] |= uint64_t{1} << (b % 64);
  uint32_t node = 0;
  for (const std::string& word : words) {
    const auto it = nodes_[node].next.find(word);
    if (it != nodes_[node].next.end()) {
      node = it->second;
      continue;
    }
    const auto child = static_cast<uint32_t>(nodes_.size());
    nodes_[node].next.emplace(word, child);
    nodes_.emplace_back();
    node = child;
  }
  std::vector<int>& rules = nodes_[node].rules;
  if (std::find(rules.begin(), rules.end(), rule) == rules.end()) {
    rules.push_back(rule);
  }
}

}  // namespace vigie
