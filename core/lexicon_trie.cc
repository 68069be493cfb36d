#include "core/lexicon_trie.h"

#include <algorithm>

namespace vigie {

void LexiconTrie::Add(const std::vector<std::string>& words, int rule) {
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
