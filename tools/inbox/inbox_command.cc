#include "inbox_command.h"

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "crypto.h"
#include "report_validation.h"
#include "server.h"
#include "store.h"
#include "time_util.h"

namespace vigie::inbox {
namespace {

constexpr char kUsage[] =
    "usage: vigie inbox serve|token add|token list|token revoke|user add|"
    "user list|user passwd|user remove ... (vigie inbox --help)";

constexpr char kHelp[] =
    R"(vigie inbox: the communication service's inbox of flagged comments.

  vigie inbox serve --db DB --listen HOST:PORT [--packs DIR]
      Runs the server (web UI and API). Applies the schema migrations first.
      --db DB             sqlite:PATH (one file) or postgresql://USER@HOST/NAME
      --listen HOST:PORT  address to listen on, e.g. 127.0.0.1:8080 (port 0:
                          any free port; the URL is printed). Put TLS in
                          front of it (see tools/inbox/README.md).
      --packs DIR         also serve the published rule packs of DIR at
                          /packs/ (the policy's packUrl)
      SIGTERM or SIGINT stop it once the requests in progress are done.

  vigie inbox token add NAME --db DB
      Creates a deployment token for the extension's policy and prints it,
      once (only its hash is kept). Refuses a NAME already in use.
  vigie inbox token list --db DB
      Names and creation dates of the tokens (never the tokens).
  vigie inbox token revoke NAME [--all] --db DB
      Deletes the token NAME: browsers sending it are refused from now on.
      If several tokens share NAME (older versions allowed it), --all
      revokes them all.

  vigie inbox user add NAME --password-stdin --db DB
  vigie inbox user passwd NAME --password-stdin --db DB
      Creates an account, or sets a new password (which signs the account
      out everywhere). The password is the first line of stdin, at least 12
      characters.
  vigie inbox user list --db DB
      Account names and creation dates.
  vigie inbox user remove NAME --db DB
      Deletes an account and ends its sessions; its past actions stay in
      the cases' history.

NAME: 1 to 64 letters, digits, '.', '_', '@', '-'.
Exit status: 0 done, 2 bad command line or input (one line on stderr),
1 could not run (database unreachable...).
)";
constexpr size_t kMinPasswordChars = 12;

int BadInput(std::string_view reason) {
  std::cerr << "vigie inbox: " << reason << std::endl;
  return 2;
}

// Positional words and --options of a command line.
struct ParsedArgs {
  std::vector<std::string> words;
  std::map<std::string, std::string> options;  // Flags map to "".
  std::string error;
};

ParsedArgs Parse(const std::vector<std::string>& args) {
  static const std::map<std::string, bool> kKnown = {
      {"--db", true},
      {"--listen", true},
      {"--packs", true},
      {"--password-stdin", false},
      {"--all", false}};
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!absl::StartsWith(arg, "--")) {
      parsed.words.push_back(arg);
      continue;
    }
    std::string name = arg;
    std::optional<std::string> value;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    auto known = kKnown.find(name);
    if (known == kKnown.end()) {
      parsed.error = absl::StrCat("unknown option ", name);
      return parsed;
    }
    if (known->second && !value) {
      if (i + 1 >= args.size()) {
        parsed.error = absl::StrCat(name, " needs a value");
        return parsed;
      }
      value = args[++i];
    }
    if (!known->second && value) {
      parsed.error = absl::StrCat(name, " takes no value");
      return parsed;
    }
    if (parsed.options.count(name) != 0) {
      parsed.error = absl::StrCat(name, " given twice");
      return parsed;
    }
    parsed.options[name] = value.value_or("");
  }
  return parsed;
}

bool Has(const ParsedArgs& args, const std::string& name) {
  return args.options.count(name) != 0;
}

// Account and token names: letters, digits and . _ @ -, 1 to 64 of them.
bool IsValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
           c == '_' || c == '@' || c == '-';
  });
}

// Opens and migrates the store, or prints why not and sets `exit_code`.
std::unique_ptr<Store> OpenMigrated(const std::string& spec, int* exit_code) {
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(spec);
  if (!store.ok()) {
    *exit_code = absl::IsInvalidArgument(store.status()) ? 2 : 1;
    std::cerr << "vigie inbox: cannot open --db: " << store.status().message()
              << std::endl;
    return nullptr;
  }
  absl::StatusOr<MigrationOutcome> migrated = (*store)->Migrate();
  if (!migrated.ok()) {
    *exit_code = absl::IsFailedPrecondition(migrated.status()) ? 2 : 1;
    std::cerr << "vigie inbox: " << migrated.status().message() << std::endl;
    return nullptr;
  }
  return std::move(*store);
}

int RunServe(const ParsedArgs& args) {
  if (args.words.size() != 1) {
    return BadInput("serve takes no argument");
  }
  if (Has(args, "--password-stdin") || Has(args, "--all")) {
    return BadInput("serve takes only --db, --listen and --packs");
  }
  if (!Has(args, "--db")) {
    return BadInput("serve needs --db");
  }
  if (!Has(args, "--listen")) {
    return BadInput("serve needs --listen HOST:PORT");
  }
  ServeOptions options;
  options.db = args.options.at("--db");
  const std::string& listen = args.options.at("--listen");
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &options.port) ||
      options.port < 0 || options.port > 65535) {
    return BadInput("--listen must be HOST:PORT (e.g. 127.0.0.1:8080)");
  }
  options.host = listen.substr(0, colon);
  if (options.host.size() > 2 && options.host.front() == '[' &&
      options.host.back() == ']') {
    options.host = options.host.substr(1, options.host.size() - 2);
  }
  if (Has(args, "--packs")) {
    options.packs_dir = args.options.at("--packs");
    if (options.packs_dir.empty()) {
      return BadInput("--packs needs a folder");
    }
    std::error_code error;
    if (!std::filesystem::is_directory(options.packs_dir, error)) {
      // Not fatal: the admins may publish the first pack later.
      std::cerr << "vigie inbox: warning: --packs folder " << options.packs_dir
                << " does not exist yet; /packs/ answers 404 until it does"
                << std::endl;
    }
  }
  return Serve(options);
}

// Checks a `token ...` or `user ...` command line: 3 words (2 without a
// NAME), --db, and no option but `allowed` ones. Empty when it is fine.
std::string CheckAdminArgs(const ParsedArgs& args, bool with_name,
                           const std::vector<std::string>& allowed,
                           std::string_view shape) {
  std::string usage = absl::StrCat("usage: ", shape);
  if (args.words.size() != (with_name ? 3u : 2u)) {
    return usage;
  }
  if (!Has(args, "--db")) {
    return absl::StrCat(args.words[0], " ", args.words[1], " needs --db");
  }
  for (const auto& [option, value] : args.options) {
    if (option != "--db" &&
        std::find(allowed.begin(), allowed.end(), option) == allowed.end()) {
      return absl::StrCat(args.words[0], " ", args.words[1], " does not take ",
                          option, " (", usage, ")");
    }
  }
  if (with_name && !IsValidName(args.words[2])) {
    return absl::StrCat(args.words[0],
                        " NAME: 1 to 64 letters, digits, '.', '_', '@', '-'");
  }
  return "";
}

// Prints a storage failure; exit status 1.
int CouldNotRun(const absl::Status& status) {
  std::cerr << "vigie inbox: " << status.message() << std::endl;
  return 1;
}

// Prints "NAME  created YYYY-MM-DD HH:MM (Paris)" lines, or `none`.
int PrintNamed(const absl::StatusOr<std::vector<NamedEntry>>& entries,
               std::string_view none) {
  if (!entries.ok()) {
    return CouldNotRun(entries.status());
  }
  if (entries->empty()) {
    std::cout << none << std::endl;
  }
  for (const NamedEntry& entry : *entries) {
    std::cout << entry.name << "\tcreated " << ParisLocalTime(entry.created_at)
              << " (Paris)" << std::endl;
  }
  return 0;
}

// Reads a password on the first line of stdin, or prints why it is refused.
std::optional<std::string> ReadPassword() {
  std::string password;
  std::getline(std::cin, password);
  while (!password.empty() &&
         (password.back() == '\r' || password.back() == '\n')) {
    password.pop_back();
  }
  if (CodePoints(password) < kMinPasswordChars) {
    BadInput(absl::StrCat("password on stdin: at least ", kMinPasswordChars,
                          " characters"));
    return std::nullopt;
  }
  if (password.size() > 1024) {
    BadInput("password on stdin: too long");
    return std::nullopt;
  }
  return password;
}

int RunTokenCommand(const ParsedArgs& args) {
  const std::string& verb = args.words[1];
  std::string error;
  if (verb == "add") {
    error = CheckAdminArgs(args, true, {}, "token add NAME --db ...");
  } else if (verb == "list") {
    error = CheckAdminArgs(args, false, {}, "token list --db ...");
  } else {
    error = CheckAdminArgs(args, true, {"--all"},
                           "token revoke NAME [--all] --db ...");
  }
  if (!error.empty()) {
    return BadInput(error);
  }
  int exit_code = 0;
  std::unique_ptr<Store> store =
      OpenMigrated(args.options.at("--db"), &exit_code);
  if (store == nullptr) {
    return exit_code;
  }
  if (verb == "list") {
    return PrintNamed(store->ListTokens(), "no deployment token");
  }
  const std::string& name = args.words[2];
  if (verb == "revoke") {
    absl::StatusOr<int64_t> revoked =
        store->RevokeToken(name, Has(args, "--all"));
    if (absl::IsNotFound(revoked.status())) {
      return BadInput(absl::StrCat("no token named ", name,
                                   " (vigie inbox token list shows them)"));
    }
    if (absl::IsFailedPrecondition(revoked.status())) {
      return BadInput(
          absl::StrCat(revoked.status().message(), " ", name,
                       "; nothing revoked (--all revokes them all)"));
    }
    if (!revoked.ok()) {
      return CouldNotRun(revoked.status());
    }
    std::cout << "Jeton « " << name << " » révoqué"
              << (*revoked > 1 ? absl::StrCat(" (", *revoked, " jetons)") : "")
              << " : les navigateurs qui l’envoient sont refusés." << std::endl;
    return 0;
  }
  absl::StatusOr<std::string> random = RandomToken(32);
  if (!random.ok()) {
    return CouldNotRun(random.status());
  }
  const std::string token = absl::StrCat("vgi_", *random);
  absl::Status added = store->AddToken(name, Sha256Hex(token), NowUtc());
  if (absl::IsAlreadyExists(added)) {
    return BadInput(absl::StrCat("a token named ", name,
                                 " already exists; choose another name or "
                                 "revoke it first"));
  }
  if (!added.ok()) {
    return CouldNotRun(added);
  }
  std::cout << token << std::endl;
  return 0;
}

int RunUserCommand(const ParsedArgs& args) {
  const std::string& verb = args.words[1];
  const bool sets_password = verb == "add" || verb == "passwd";
  std::string error;
  if (sets_password) {
    error = CheckAdminArgs(
        args, true, {"--password-stdin"},
        absl::StrCat("user ", verb, " NAME --password-stdin --db ..."));
    if (error.empty() && !Has(args, "--password-stdin")) {
      error = absl::StrCat("user ", verb,
                           " needs --password-stdin (password on stdin)");
    }
  } else if (verb == "list") {
    error = CheckAdminArgs(args, false, {}, "user list --db ...");
  } else {
    error = CheckAdminArgs(args, true, {}, "user remove NAME --db ...");
  }
  if (!error.empty()) {
    return BadInput(error);
  }
  std::optional<std::string> password;
  if (sets_password && !(password = ReadPassword())) {
    return 2;
  }
  int exit_code = 0;
  std::unique_ptr<Store> store =
      OpenMigrated(args.options.at("--db"), &exit_code);
  if (store == nullptr) {
    return exit_code;
  }
  if (verb == "list") {
    return PrintNamed(store->ListUsers(), "no account");
  }
  const std::string& name = args.words[2];
  absl::Status done;
  std::string said;
  if (sets_password) {
    absl::StatusOr<std::string> hash = HashPassword(*password);
    if (!hash.ok()) {
      return CouldNotRun(hash.status());
    }
    if (verb == "add") {
      done = store->AddUser(name, *hash, NowUtc());
      said = absl::StrCat("Compte « ", name, " » créé.");
    } else {
      done = store->SetPassword(name, *hash);
      said = absl::StrCat("Mot de passe de « ", name,
                          " » changé ; ses sessions sont fermées.");
    }
  } else {
    done = store->RemoveUser(name);
    said = absl::StrCat("Compte « ", name, " » supprimé.");
  }
  if (absl::IsAlreadyExists(done)) {
    return BadInput(absl::StrCat("user ", name,
                                 " already exists (vigie inbox "
                                 "user passwd sets a new password)"));
  }
  if (absl::IsNotFound(done)) {
    return BadInput(absl::StrCat("no user named ", name,
                                 " (vigie inbox user list shows them)"));
  }
  if (!done.ok()) {
    return CouldNotRun(done);
  }
  std::cout << said << std::endl;
  return 0;
}

}  // namespace

int RunInboxCommand(const std::vector<std::string>& args) {
  if ((args.size() == 1 && args[0] == "help") ||
      std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kHelp;
    return 0;
  }
  const ParsedArgs parsed = Parse(args);
  if (!parsed.error.empty()) {
    return BadInput(parsed.error);
  }
  const std::vector<std::string>& words = parsed.words;
  if (words.empty()) {
    return BadInput(kUsage);
  }
  if (words[0] == "serve") {
    return RunServe(parsed);
  }
  const auto is = [&](std::string_view noun,
                      std::initializer_list<std::string_view> verbs) {
    return words[0] == noun && words.size() >= 2 &&
           std::find(verbs.begin(), verbs.end(), words[1]) != verbs.end();
  };
  if (is("token", {"add", "list", "revoke"})) {
    return RunTokenCommand(parsed);
  }
  if (is("user", {"add", "list", "passwd", "remove"})) {
    return RunUserCommand(parsed);
  }
  return BadInput(kUsage);
}

}  // namespace vigie::inbox
