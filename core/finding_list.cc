#include "core/finding_list.h"

#include <algorithm>
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

void FindingList::Add(int rule, size_t begin, size_t end, Score score) {
  entries_.push_back({rule, begin, end, std::move(score)});
}

std::vector<Finding> FindingList::Finish(size_t max_findings) {
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) {
              return std::tie(a.rule, a.begin, a.end) <
                     std::tie(b.rule, b.begin, b.end);
            });
  std::vector<Entry> merged;
  for (Entry& entry : entries_) {
    if (!merged.empty() && merged.back().rule == entry.rule &&
        entry.begin < merged.back().end) {
      Entry& last = merged.back();
      last.end = std::max(last.end, entry.end);
      if (entry.score.value > last.score.value) {
        last.score = std::move(entry.score);
      }
      continue;
    }
    merged.push_back(std::move(entry));
  }
  std::vector<Finding> out;
  out.reserve(merged.size());
  for (Entry& entry : merged) {
    const Rule& rule = pack_->rules[entry.rule];
    Finding finding;
    finding.rule = rule.id;
    finding.category = rule.category;
    finding.severity = rule.severity;
    finding.byte_start = entry.begin;
    finding.byte_end = entry.end;
    finding.start = utf16_->ToUtf16(entry.begin);
    finding.end = utf16_->ToUtf16(entry.end);
    finding.score = entry.score.value;
    finding.why = std::move(entry.score.why);
    SetTexts(rule.texts, &finding);
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
