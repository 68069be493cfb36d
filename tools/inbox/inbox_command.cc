#include "inbox_command.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>

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
    "usage: vigie inbox serve --db sqlite:PATH|postgresql://... --listen "
    "HOST:PORT [--packs DIR] | token add NAME --db ... | user add NAME "
    "--password-stdin --db ...";
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
      {"--password-stdin", false}};
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
  if (Has(args, "--password-stdin")) {
    return BadInput("serve does not take --password-stdin");
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

int RunTokenAdd(const ParsedArgs& args) {
  if (args.words.size() != 3) {
    return BadInput("usage: token add NAME --db ...");
  }
  if (!Has(args, "--db")) {
    return BadInput("token add needs --db");
  }
  if (Has(args, "--listen") || Has(args, "--packs") ||
      Has(args, "--password-stdin")) {
    return BadInput("token add takes only NAME and --db");
  }
  const std::string& name = args.words[2];
  if (!IsValidName(name)) {
    return BadInput("token NAME: 1 to 64 letters, digits, '.', '_', '@', '-'");
  }
  int exit_code = 0;
  std::unique_ptr<Store> store =
      OpenMigrated(args.options.at("--db"), &exit_code);
  if (store == nullptr) {
    return exit_code;
  }
  absl::StatusOr<std::string> random = RandomToken(32);
  if (!random.ok()) {
    std::cerr << "vigie inbox: " << random.status().message() << std::endl;
    return 1;
  }
  const std::string token = absl::StrCat("vgi_", *random);
  absl::Status added = store->AddToken(name, Sha256Hex(token), NowUtc());
  if (!added.ok()) {
    std::cerr << "vigie inbox: " << added.message() << std::endl;
    return 1;
  }
  std::cout << token << std::endl;
  return 0;
}

int RunUserAdd(const ParsedArgs& args) {
  if (args.words.size() != 3) {
    return BadInput("usage: user add NAME --password-stdin --db ...");
  }
  if (!Has(args, "--db")) {
    return BadInput("user add needs --db");
  }
  if (!Has(args, "--password-stdin")) {
    return BadInput("user add needs --password-stdin (password on stdin)");
  }
  if (Has(args, "--listen") || Has(args, "--packs")) {
    return BadInput("user add takes only NAME, --password-stdin and --db");
  }
  const std::string& name = args.words[2];
  if (!IsValidName(name)) {
    return BadInput("user NAME: 1 to 64 letters, digits, '.', '_', '@', '-'");
  }
  std::string password;
  std::getline(std::cin, password);
  while (!password.empty() &&
         (password.back() == '\r' || password.back() == '\n')) {
    password.pop_back();
  }
  if (CodePoints(password) < kMinPasswordChars) {
    return BadInput(absl::StrCat("password on stdin: at least ",
                                 kMinPasswordChars, " characters"));
  }
  if (password.size() > 1024) {
    return BadInput("password on stdin: too long");
  }
  int exit_code = 0;
  std::unique_ptr<Store> store =
      OpenMigrated(args.options.at("--db"), &exit_code);
  if (store == nullptr) {
    return exit_code;
  }
  absl::StatusOr<std::string> hash = HashPassword(password);
  if (!hash.ok()) {
    std::cerr << "vigie inbox: " << hash.status().message() << std::endl;
    return 1;
  }
  absl::Status added = store->AddUser(name, *hash, NowUtc());
  if (absl::IsAlreadyExists(added)) {
    return BadInput(absl::StrCat("user ", name, " already exists"));
  }
  if (!added.ok()) {
    std::cerr << "vigie inbox: " << added.message() << std::endl;
    return 1;
  }
  std::cout << "Compte « " << name << " » créé." << std::endl;
  return 0;
}

}  // namespace

int RunInboxCommand(const std::vector<std::string>& args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "help")) {
    std::cout << kUsage << std::endl;
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
  if (words[0] == "token" && words.size() >= 2 && words[1] == "add") {
    return RunTokenAdd(parsed);
  }
  if (words[0] == "user" && words.size() >= 2 && words[1] == "add") {
    return RunUserAdd(parsed);
  }
  return BadInput(kUsage);
}

}  // namespace vigie::inbox
