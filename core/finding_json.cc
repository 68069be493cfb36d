#include "core/finding_json.h"

#include <string>

namespace vigie {

nlohmann::json FindingToJson(const Finding& finding) {
  nlohmann::json out = {
      {"rule", std::string(finding.rule)},
      {"category", std::string(finding.category)},
      {"severity", std::string(SeverityName(finding.severity))},
      {"start", finding.start},
      {"end", finding.end},
      {"message", std::string(finding.message)},
      {"guide", std::string(finding.guide)},
      {"score", finding.score},
      {"why", finding.why},
  };
  const auto optional = [&](const char* key, std::string_view value) {
    if (!value.empty()) out[key] = std::string(value);
  };
  optional("message_en", finding.message_en);
  optional("guide_url", finding.guide_url);
  optional("suggestion", finding.suggestion);
  optional("suggestion_en", finding.suggestion_en);
  return out;
}

nlohmann::json FindingsToJson(const std::vector<Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const Finding& finding : findings) out.push_back(FindingToJson(finding));
  return out;
}

}  // namespace vigie
