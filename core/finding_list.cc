#include "core/finding_list.h"

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <utility>

#include "core/engine.h"

namespace vigie {
namespace {

void SetTexts(const RuleTexts& texts, Finding* finding) {
  finding->message = texts.message;
  finding->message_en = texts.message_en;
  finding->guide = texts.guide;
  finding->guide_url = texts.guide_url;
  finding->suggestion = texts.suggestion;
  finding->suggestion_en = texts.suggestion_en;
}

}  // namespace

Finding RuleFinding(const Rule& rule) {
  Finding finding;
  finding.rule = rule.id;
  finding.category = rule.category;
  finding.severity = rule.severity;
  SetTexts(rule.texts, &finding);
  return finding;
}

void FindingList::Reset(const Pack* pack, const Utf16Index* utf16) {
  pack_ = pack;
  utf16_ = utf16;
  entries_.clear();
}

void FindingList::Add(int rule, size_t begin, size_t end, Score score) {
  entries_.push_back({rule, begin, end, std::move(score)});
}

std::vector<Finding> FindingList::Finish(size_t max_findings) {
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) {
              return std::tie(a.rule, a.begin, a.end) <
                     std::tie(b.rule, b.begin, b.end);
            });
  // Merged in place: entries_[0, kept) are the merged entries.
  size_t kept = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    Entry& entry = entries_[i];
    if (kept > 0 && entries_[kept - 1].rule == entry.rule &&
        entry.begin < entries_[kept - 1].end) {
      Entry& last = entries_[kept - 1];
      last.end = std::max(last.end, entry.end);
      if (entry.score.value > last.score.value) {
        last.score = std::move(entry.score);
      }
      continue;
    }
    if (kept != i) entries_[kept] = std::move(entry);
    ++kept;
  }
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(kept),
                 entries_.end());
  std::vector<Finding> out;
  out.reserve(entries_.size());
  for (Entry& entry : entries_) {
    Finding finding = RuleFinding(pack_->rules[entry.rule]);
    finding.byte_start = entry.begin;
    finding.byte_end = entry.end;
    finding.start = utf16_->ToUtf16(entry.begin);
    finding.end = utf16_->ToUtf16(entry.end);
    finding.score = entry.score.value;
    finding.why = std::move(entry.score.why);
    out.push_back(std::move(finding));
  }
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.start, a.end, a.rule) < std::tie(b.start, b.end, b.rule);
  });
  if (out.size() > max_findings) out.resize(max_findings);
  return out;
}

Finding TruncationNotice(const Pack& pack, std::string_view text, size_t cap) {
  Finding notice;
  notice.rule = kTruncationRule;
  notice.category = pack.settings.truncation_category;
  notice.severity = Severity::kInfo;
  notice.byte_start = cap;
  notice.byte_end = text.size();
  notice.start = Utf16Length(text.substr(0, cap));
  notice.end = notice.start + Utf16Length(text.substr(cap));
  notice.score = 1.0;
  notice.why = "text longer than settings.max_text_chars";
  SetTexts(pack.settings.truncation, &notice);
  return notice;
}

}  // namespace vigie
