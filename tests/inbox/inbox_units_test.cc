// The inbox's building blocks on their own: report validation, time stamps,
// password hashing, CSV cells, state transitions, sign-in throttling.
#include <string>

#include "crypto.h"
#include "csv_export.h"
#include "gtest/gtest.h"
#include "model.h"
#include "report_validation.h"
#include "sign_in_throttle.h"
#include "time_util.h"

namespace vigie::inbox {
namespace {

constexpr char kReport[] = R"({
  "id": "0B7E1C9A-3F2D-4C1E-9A8B-123456789ABC",
  "platform": "linkedin",
  "url": "https://www.linkedin.com/feed/update/urn:li:activity:1",
  "author": "Jeanne Petit",
  "text": "Elle était au bloc 4 hier, chambre 212…",
  "reason": "secret_medical",
  "reported_at": "2026-11-28T23:30:00.5+01:00"
})";

TEST(ReportValidationTest, ValidReportIsNormalised) {
  Report report;
  FieldError error;
  ASSERT_TRUE(ParseReport(kReport, &report, &error)) << error.field;
  EXPECT_EQ(report.id, "0b7e1c9a-3f2d-4c1e-9a8b-123456789abc");
  EXPECT_EQ(report.reported_at, "2026-11-28T22:30:00.500Z");
  EXPECT_EQ(report.note, "");
  EXPECT_FALSE(report.reporter.has_value());
}

TEST(ReportValidationTest, DeepNestingIsRefusedBeforeParsing) {
  Report report;
  FieldError error;
  const std::string deep = std::string(50000, '[') + std::string(50000, ']');
  EXPECT_FALSE(ParseReport(deep, &report, &error));
  EXPECT_FALSE(error.message.empty());
}

TEST(TimeTest, Iso8601IsCheckedAndConvertedToUtc) {
  EXPECT_EQ(NormalizeIso8601("2026-11-28T00:15:00-02:30"),
            "2026-11-28T02:45:00.000Z");
  EXPECT_EQ(NormalizeIso8601("2024-02-29T12:00:00Z"),
            "2024-02-29T12:00:00.000Z");
  EXPECT_FALSE(NormalizeIso8601("2025-02-29T12:00:00Z"));
  EXPECT_FALSE(NormalizeIso8601("2026-11-28 12:00:00Z"));
  EXPECT_FALSE(NormalizeIso8601("2026-11-28T12:00:00"));
  EXPECT_FALSE(NormalizeIso8601("2026-11-28T25:00:00Z"));
}

TEST(CryptoTest, PasswordHashesAreSaltedAndVerified) {
  auto first = HashPassword("correct horse battery staple");
  auto second = HashPassword("correct horse battery staple");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_EQ(first->rfind("scrypt$32768$8$1$", 0), 0u) << *first;
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *first));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapler", *first));
  EXPECT_FALSE(VerifyPassword("x", "scrypt$1099511627776$8$1$AA$AA"));
  EXPECT_FALSE(VerifyPassword("x", "plain"));
}

TEST(CsvTest, FormulasAreDefusedAndSeparatorsQuoted) {
  EXPECT_EQ(CsvField("=1+1"), "'=1+1");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("a;b"), "\"a;b\"");
  EXPECT_EQ(CsvField("il a dit \"non\""), "\"il a dit \"\"non\"\"\"");
  EXPECT_EQ(CsvField("ligne\nsuivante"), "\"ligne\nsuivante\"");
  EXPECT_EQ(CsvField("simple"), "simple");
}

TEST(StatesTest, OnlyTheWorkflowsTransitionsAreAllowed) {
  EXPECT_TRUE(IsAllowedTransition("nouveau", "en_cours"));
  EXPECT_TRUE(IsAllowedTransition("en_cours", "transmis"));
  EXPECT_TRUE(IsAllowedTransition("rejete", "en_cours"));
  EXPECT_FALSE(IsAllowedTransition("nouveau", "traite"));
  EXPECT_FALSE(IsAllowedTransition("traite", "traite"));
  EXPECT_FALSE(IsAllowedTransition("nouveau", "supprime"));
}

TEST(SignInThrottleTest, BlocksAfterFailuresAndForgetsOnSuccess) {
  SignInThrottle throttle;
  const auto now = SignInThrottle::Clock::now();
  for (int i = 0; i < 4; ++i) {
    throttle.RecordFailure("alice", "10.0.0.1", now);
  }
  EXPECT_EQ(throttle.RetryAfter("alice", "10.0.0.1", now).count(), 0);
  throttle.RecordFailure("alice", "10.0.0.1", now);
  EXPECT_GT(throttle.RetryAfter("alice", "10.0.0.1", now).count(), 0);
  EXPECT_EQ(throttle.RetryAfter("bob", "10.0.0.2", now).count(), 0);
  // The block ends; a success clears the account's record.
  const auto later = now + std::chrono::hours(1);
  EXPECT_EQ(throttle.RetryAfter("alice", "10.0.0.1", later).count(), 0);
  throttle.RecordSuccess("alice", "10.0.0.1");
  throttle.RecordFailure("alice", "10.0.0.1", later);
  EXPECT_EQ(throttle.RetryAfter("alice", "10.0.0.1", later).count(), 0);
}

}  // namespace
}  // namespace vigie::inbox
