#include "tools/cli/pack_command.h"

#include <iostream>
#include <optional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "core/pack.h"
#include "core/pack_tests.h"
#include "tools/cli/cli_io.h"
#include "tools/cli/pack_expiry.h"
#include "tools/cli/pack_source.h"
#include "tools/cli/publish_command.h"
#include "tools/cli/sign_command.h"

namespace vigie::cli {
namespace {

constexpr char kUsage[] =
    R"(Usage: vigie pack validate FILE
       vigie pack test FILE
       vigie pack build DIR -o FILE
       vigie pack keygen KEYFILE
       vigie pack sign PACK --key KEYFILE
       vigie pack verify PACK --sig SIG --pub PUB
       vigie pack publish PACK --key KEYFILE --to DIR

  validate  checks a built pack (format 1, docs/pack-format.md); prints its id
            and version, or the file and JSON pointer of the first fault;
            warns when the pack has expired or expires within 30 days
  test      runs the test cases the pack embeds (each rule's match/no_match
            texts and the pack-level tests); exit 1 if any fails
  build     merges a pack source folder (pack.json, rules/*.json,
            lexicons/*.txt, adapters.json, image.json) into one pack, checks
            it, and writes it to FILE; a fault is named in its source file
  keygen    writes a new Ed25519 private key to KEYFILE (mode 0600, never
            printed) and its public key to KEYFILE.pub; never overwrites
  sign      validates PACK (refuses an expired one), writes its detached
            signature PACK.sig and the manifest latest.json next to it
  verify    checks that SIG is a signature of PACK's exact bytes by PUB;
            exit 1 if not
  publish   validates PACK, runs its tests (exit 1 if any fails), signs it,
            and writes DIR/ID-VERSION.json, its .sig, then DIR/latest.json
            (atomically, last; DIR and its parents are created); refuses a
            version not greater than the one DIR/latest.json already
            announces, an expired pack, and a pack over 4 MB; warns when the
            pack expires within 30 days
Exit status: 0 on success, 1 when tests fail or a signature does not match,
2 on bad input.
)";

int Validate(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Engine>> engine = LoadEngine(path);
  if (!engine.ok()) return BadInput(engine.status().message());
  const PackInfo& info = (*engine)->pack().info;
  std::cout << path << ": valid pack " << info.id << " version " << info.version
            << " (" << (*engine)->pack().rules.size() << " rules, expires "
            << info.expires << ")\n";
  // A valid document, but browsers would refuse it.
  const std::string today = LocalToday();
  if (absl::Status fresh = CheckNotExpired(info, path, today); !fresh.ok()) {
    std::cerr << "vigie: warning: " << fresh.message() << "\n";
  } else if (std::optional<std::string> soon =
                 ExpiryWarning(info, path, today)) {
    std::cerr << "vigie: warning: " << *soon << "\n";
  }
  return kExitOk;
}

int Test(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Engine>> engine = LoadEngine(path);
  if (!engine.ok()) return BadInput(engine.status().message());
  return RunAndPrintPackTests(**engine, path) == 0 ? kExitOk : kExitFailed;
}

// A fault of a pack built from `built`, named where the admin wrote it
// rather than in the built file, which is not written.
std::string FaultInSource(const BuiltPack& built, const absl::Status& fault) {
  const std::optional<std::string> pointer = PackFaultPointer(fault);
  std::string_view what = fault.message();
  // The message reads "BUILT_FILE: POINTER: what".
  const size_t after = pointer ? what.find(absl::StrCat(": ", *pointer, ": "))
                               : std::string_view::npos;
  if (after == std::string_view::npos) return std::string(what);
  what.remove_prefix(after + pointer->size() + 4);
  return absl::StrCat(SourceOf(built, *pointer), ": ", what);
}

int Build(const std::vector<std::string>& args) {
  std::string dir;
  std::string output;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "-o") {
      if (!TakeValue(args, &i, &output)) return BadInput("-o needs a FILE");
    } else if (dir.empty()) {
      dir = args[i];
    } else {
      return BadInput(
          absl::StrCat("pack build: unexpected argument '", args[i], "'"));
    }
  }
  if (dir.empty() || output.empty()) {
    return BadInput("usage: vigie pack build DIR -o FILE");
  }
  absl::StatusOr<BuiltPack> built = BuildPackFromSource(dir);
  if (!built.ok()) return BadInput(built.status().message());
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(built->json, output);
  if (!engine.ok()) return BadInput(FaultInSource(*built, engine.status()));
  if (absl::Status written = WriteFile(output, built->json); !written.ok()) {
    return BadInput(written.message());
  }
  std::cout << output << ": built pack " << (*engine)->pack().info.id
            << " version " << (*engine)->pack().info.version << "\n";
  return kExitOk;
}

}  // namespace

size_t RunAndPrintPackTests(const Engine& engine, const std::string& path) {
  const PackTestReport report = RunPackTests(engine);
  for (const PackTestFailure& failure : report.failures) {
    std::cout << "FAIL " << failure.pointer << ": " << failure.problem
              << "\n     text: " << failure.text << "\n";
  }
  const size_t failed = report.failures.size();
  std::cout << path << ": " << report.run - static_cast<int>(failed)
            << " passed, " << failed << " failed\n";
  return failed;
}

int RunPackCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? kExitBadInput : kExitOk;
  }
  const std::string& verb = args[0];
  if (args.size() > 1 && (args[1] == "--help" || args[1] == "-h")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (verb == "validate" || verb == "test") {
    if (args.size() != 2) {
      return BadInput(absl::StrCat("usage: vigie pack ", verb, " FILE"));
    }
    return verb == "validate" ? Validate(args[1]) : Test(args[1]);
  }
  if (verb == "build") return Build(args);
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (verb == "keygen") return RunKeygen(rest);
  if (verb == "sign") return RunSign(rest);
  if (verb == "verify") return RunVerify(rest);
  if (verb == "publish") return RunPublish(rest);
  return BadInput(absl::StrCat("pack: unknown command '", verb,
                               "' (see vigie pack --help)"));
}

}  // namespace vigie::cli
