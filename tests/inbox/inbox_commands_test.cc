// `vigie inbox token add` and `user add`, and what bad command lines get:
// exit status 2 and one line on stderr saying what is wrong.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
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

TEST(InboxCommandsTest, HelpShowsTheCommandShapes) {
  CommandResult help = RunInbox({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(help.out, "serve --db")) << help.out;
  EXPECT_TRUE(absl::StrContains(help.out, "user add NAME --password-stdin"));
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
