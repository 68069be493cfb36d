#include "core/pack_tests.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace vigie {
namespace {

std::vector<std::string> RuleIds(const std::vector<Finding>& findings) {
  std::set<std::string> ids;
  for (const Finding& finding : findings) ids.emplace(finding.rule);
  return {ids.begin(), ids.end()};
}

std::string Listed(const std::vector<std::string>& ids) {
  return ids.empty() ? "no finding" : absl::StrJoin(ids, ", ");
}

}  // namespace

PackTestReport RunPackTests(const Engine& engine) {
  PackTestReport report;
  const Pack& pack = engine.pack();
  for (size_t i = 0; i < pack.rules.size(); ++i) {
    const Rule& rule = pack.rules[i];
    for (const bool must_fire : {true, false}) {
      const auto& texts = must_fire ? rule.tests_match : rule.tests_no_match;
      for (size_t t = 0; t < texts.size(); ++t) {
        ++report.run;
        const std::vector<std::string> ids =
            RuleIds(engine.Analyze(texts[t].text, texts[t].context));
        const bool fired =
            std::find(ids.begin(), ids.end(), rule.id) != ids.end();
        if (fired == must_fire) continue;
        report.failures.push_back(
            {absl::StrCat("/rules/", i, "/tests/",
                          must_fire ? "match" : "no_match", "/", t),
             texts[t].text,
             absl::StrCat(must_fire ? "expected " : "did not expect ", rule.id,
                          "; found: ", Listed(ids))});
      }
    }
  }
  for (size_t i = 0; i < pack.tests.size(); ++i) {
    const PackTest& test = pack.tests[i];
    ++report.run;
    const std::vector<std::string> ids =
        RuleIds(engine.Analyze(test.text, test.context));
    if (ids == test.expect) continue;
    report.failures.push_back({absl::StrCat("/tests/", i), test.text,
                               absl::StrCat("expected: ", Listed(test.expect),
                                            "; found: ", Listed(ids))});
  }
  return report;
}

}  // namespace vigie
