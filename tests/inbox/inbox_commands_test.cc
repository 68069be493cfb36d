// `vigie inbox token add|list|revoke` and `user add|list|passwd|remove`, their
// effect on a running server, and what bad command lines get: exit status 2
// and one line on stderr saying what is wrong.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "inbox_api_fixture.h"
#include "inbox_test_support.h"

namespace vigie::inbox::testing {
namespace {

TEST(InboxCommandsTest, TokenAddPrintsANewTokenEachTime) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.path() + "/inbox.db";
  CommandResult first = RunInbox({"token", "add", "chu-nantes", "--db", db});
  CommandResult second = RunInbox({"token", "add", "chu-angers", "--db", db});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(absl::StartsWith(first.out, "vgi_")) << first.out;
  EXPECT_GE(first.out.size(), 40u);
  EXPECT_NE(first.out, second.out);
}

TEST(InboxCommandsTest, UserAddReadsThePasswordFromStdin) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.path() + "/inbox.db";
  CommandResult added =
      RunInbox({"user", "add", "alice", "--password-stdin", "--db", db},
               "un mot de passe assez long\n");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  CommandResult again =
      RunInbox({"user", "add", "alice", "--password-stdin", "--db", db},
               "un autre mot de passe long\n");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(again.err, "already exists")) << again.err;
  CommandResult short_password = RunInbox(
      {"user", "add", "bob", "--password-stdin", "--db", db}, "court\n");
  EXPECT_EQ(short_password.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(short_password.err, "at least"));
}

TEST(InboxCommandsTest, HelpDescribesEveryCommandAndOption) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, {"serve", "--help"}}) {
    CommandResult help = RunInbox(args);
    EXPECT_EQ(help.exit_code, 0) << help.err;
    for (const char* expected :
         {"serve --db DB --listen HOST:PORT [--packs DIR]", "--db DB",
          "--listen HOST:PORT", "--packs DIR", "token add NAME", "token list",
          "token revoke NAME [--all]", "--all",
          "user add NAME --password-stdin", "user passwd NAME", "user list",
          "user remove NAME", "Exit status"}) {
      EXPECT_TRUE(absl::StrContains(help.out, expected))
          << absl::StrJoin(args, " ") << ": " << expected;
    }
  }
}

TEST(InboxCommandsTest, TokensAreListedWithoutTheSecretAndNamesAreUnique) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.path() + "/inbox.db";
  CommandResult token = RunInbox({"token", "add", "parc-chu", "--db", db});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  CommandResult again = RunInbox({"token", "add", "parc-chu", "--db", db});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(again.err, "already exists")) << again.err;
  ASSERT_EQ(RunInbox({"token", "add", "test", "--db", db}).exit_code, 0);
  CommandResult list = RunInbox({"token", "list", "--db", db});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(absl::StrContains(list.out, "parc-chu\tcreated 20")) << list.out;
  EXPECT_TRUE(absl::StrContains(list.out, "test\tcreated 20")) << list.out;
  EXPECT_FALSE(absl::StrContains(list.out, "vgi_")) << list.out;

  // A database from before names were unique may hold two "parc-chu".
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() + "/inbox.db").c_str(), &handle),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(handle,
                         "INSERT INTO deployment_tokens (name, token_hash, "
                         "created_at) VALUES ('parc-chu', 'x', "
                         "'2026-01-01T00:00:00.000Z')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(handle);
  CommandResult ambiguous =
      RunInbox({"token", "revoke", "parc-chu", "--db", db});
  EXPECT_EQ(ambiguous.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(ambiguous.err, "2 tokens")) << ambiguous.err;
  CommandResult all =
      RunInbox({"token", "revoke", "parc-chu", "--all", "--db", db});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  CommandResult after = RunInbox({"token", "list", "--db", db});
  EXPECT_FALSE(absl::StrContains(after.out, "parc-chu")) << after.out;
  EXPECT_EQ(RunInbox({"token", "revoke", "parc-chu", "--db", db}).exit_code, 2);
}

TEST_P(InboxApiTest, RevokedTokenAndChangedAccountsTakeEffectAtOnce) {
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  CommandResult revoked =
      RunInbox({"token", "revoke", "chu-nantes", "--db", db_});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(PostReport(ValidReport())->status, 401);

  // A forgotten password: the admin sets a new one; old sessions end.
  const SignedIn before = SignIn();
  CommandResult passwd =
      RunInbox({"user", "passwd", "alice", "--password-stdin", "--db", db_},
               "un nouveau mot de passe\n");
  ASSERT_EQ(passwd.exit_code, 0) << passwd.err;
  EXPECT_EQ(Get("/api/v1/cases", before)->status, 401);
  EXPECT_TRUE(SignIn("alice", kPassword).cookie.empty());
  const SignedIn after = SignIn("alice", "un nouveau mot de passe");
  ASSERT_FALSE(after.cookie.empty());
  EXPECT_TRUE(absl::StrContains(RunInbox({"user", "list", "--db", db_}).out,
                                "alice\tcreated"));

  CommandResult removed = RunInbox({"user", "remove", "alice", "--db", db_});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(Get("/api/v1/cases", after)->status, 401);
  EXPECT_TRUE(SignIn("alice", "un nouveau mot de passe").cookie.empty());
  // Removing her again: no such account, exit 2.
  EXPECT_EQ(RunInbox({"user", "remove", "alice", "--db", db_}).exit_code, 2);
}

TEST(InboxCommandsTest, BadCommandLinesExit2WithOneLineReason) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.path() + "/inbox.db";
  const std::vector<std::vector<std::string>> bad = {
      {},
      {"frobnicate"},
      {"serve", "--listen", "127.0.0.1:0"},
      {"serve", "--db", db},
      {"serve", "--db", db, "--listen", "nowhere"},
      {"serve", "--db", db, "--listen", "127.0.0.1:70000"},
      {"serve", "--db", "mysql://x", "--listen", "127.0.0.1:0"},
      {"serve", "--db", db, "--listen", "127.0.0.1:0", "--verbose"},
      {"token", "add", "--db", db},
      {"token", "add", "nom avec espaces", "--db", db},
      {"user", "add", "alice", "--db", db},
      {"user", "passwd", "alice", "--db", db},
      {"user", "remove", "--db", db},
      {"user", "remove", "alice", "--password-stdin", "--db", db},
      {"user", "passwd", "nobody", "--password-stdin", "--db", db},
      {"token", "revoke", "--db", db},
      {"token", "list", "extra", "--db", db},
      {"token", "add", "x", "--all", "--db", db},
  };
  for (const std::vector<std::string>& args : bad) {
    CommandResult result = RunInbox(args, "un mot de passe assez long\n");
    const std::string line = absl::StrJoin(args, " ");
    EXPECT_EQ(result.exit_code, 2) << line;
    EXPECT_TRUE(absl::StartsWith(result.err, "vigie inbox: ")) << line;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1)
        << line << ": " << result.err;
  }
}

}  // namespace
}  // namespace vigie::inbox::testing
