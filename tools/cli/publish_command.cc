#include "tools/cli/publish_command.h"

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/engine.h"
#include "nlohmann/json.hpp"
#include "tools/cli/cli_io.h"
#include "tools/cli/pack_command.h"
#include "tools/cli/pack_expiry.h"
#include "tools/cli/sign_command.h"

namespace vigie::cli {
namespace {

constexpr char kUsage[] =
    "usage: vigie pack publish PACK --key KEYFILE --to DIR";
constexpr char kManifest[] = "latest.json";
// Browsers refuse larger packs (MAX_PACK_BYTES in
// extension/src/background/pack-verify.ts).
constexpr size_t kMaxPackBytes = size_t{4} * 1024 * 1024;

struct PublishOptions {
  std::string pack;
  std::string key;
  std::string dir;
};

int ParsePublishOptions(const std::vector<std::string>& args,
                        PublishOptions* options) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string* target = arg == "--key"  ? &options->key
                          : arg == "--to" ? &options->dir
                                          : nullptr;
    if (target != nullptr) {
      if (!TakeValue(args, &i, target) || target->empty()) {
        return BadInput(absl::StrCat(arg, " needs a value (", kUsage, ")"));
      }
    } else if (options->pack.empty() && !arg.empty() && arg[0] != '-') {
      options->pack = arg;
    } else {
      return BadInput(
          absl::StrCat("unexpected argument '", arg, "' (", kUsage, ")"));
    }
  }
  if (options->pack.empty() || options->key.empty() || options->dir.empty()) {
    return BadInput(kUsage);
  }
  return kExitOk;
}

// DIR must be a directory; a missing one is created with its parents.
absl::Status EnsureDirectory(const std::string& dir) {
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return absl::OkStatus();
  if (std::filesystem::exists(dir, error)) {
    return absl::InvalidArgumentError(absl::StrCat(dir, ": not a directory"));
  }
  if (!std::filesystem::create_directories(dir, error) || error) {
    return absl::PermissionDeniedError(
        absl::StrCat(dir, ": cannot be created: ", error.message()));
  }
  return absl::OkStatus();
}

// Refuses to replace what DIR already publishes by an older, equal or other
// pack: clients would refuse it anyway (no rollback), after downloading it.
absl::Status CheckNewerThanPublished(const std::string& manifest_path,
                                     const PackInfo& info) {
  struct stat unused;
  if (stat(manifest_path.c_str(), &unused) != 0 && errno == ENOENT) {
    return absl::OkStatus();  // first publication
  }
  absl::StatusOr<std::string> text = ReadFile(manifest_path);
  if (!text.ok()) return text.status();
  const nlohmann::json json =
      nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  const auto id = json.is_object() ? json.find("id") : json.end();
  const auto version = json.is_object() ? json.find("version") : json.end();
  if (json.is_discarded() || !json.is_object() || id == json.end() ||
      !id->is_string() || version == json.end() ||
      !version->is_number_integer()) {
    return absl::InvalidArgumentError(absl::StrCat(
        manifest_path,
        ": not a pack manifest (needs \"id\" and an integer \"version\"); "
        "nothing published"));
  }
  if (id->get<std::string>() != info.id) {
    return absl::InvalidArgumentError(
        absl::StrCat(manifest_path, ": publishes pack ", id->get<std::string>(),
                     ", not ", info.id, "; use another directory"));
  }
  const int64_t published = version->get<int64_t>();
  if (info.version <= published) {
    return absl::InvalidArgumentError(
        absl::StrCat("version ", info.version, " is not greater than version ",
                     published, " already published in ", manifest_path,
                     " (raise \"version\" in pack.json)"));
  }
  return absl::OkStatus();
}

}  // namespace

int RunPublish(const std::vector<std::string>& args) {
  PublishOptions options;
  if (const int status = ParsePublishOptions(args, &options);
      status != kExitOk) {
    return status;
  }
  absl::StatusOr<std::string> pack = ReadFile(options.pack);
  if (!pack.ok()) return BadInput(pack.status().message());
  if (pack->size() > kMaxPackBytes) {
    return BadInput(absl::StrCat(options.pack, ": ", pack->size(),
                                 " bytes; browsers refuse packs over ",
                                 kMaxPackBytes, " bytes"));
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(*pack, options.pack);
  if (!engine.ok()) return BadInput(engine.status().message());
  const PackInfo& info = (*engine)->pack().info;
  const std::string today = LocalToday();
  if (absl::Status fresh = CheckNotExpired(info, options.pack, today);
      !fresh.ok()) {
    return BadInput(absl::StrCat(fresh.message(), "; nothing published"));
  }

  if (const size_t failed = RunAndPrintPackTests(**engine, options.pack);
      failed > 0) {
    std::cerr << "vigie: " << options.pack << ": " << failed
              << " test(s) failed; nothing published\n";
    return kExitFailed;
  }
  absl::StatusOr<SignedPack> signed_pack = SignPackBytes(*pack, options.key);
  if (!signed_pack.ok()) return BadInput(signed_pack.status().message());

  if (absl::Status dir = EnsureDirectory(options.dir); !dir.ok()) {
    return BadInput(dir.message());
  }
  const std::string manifest_path = absl::StrCat(options.dir, "/", kManifest);
  if (absl::Status newer = CheckNewerThanPublished(manifest_path, info);
      !newer.ok()) {
    return BadInput(newer.message());
  }

  // The versioned files first; the manifest that points to them last.
  const std::string pack_name =
      absl::StrCat(info.id, "-", info.version, ".json");
  const std::string sig_name = absl::StrCat(pack_name, ".sig");
  const std::string manifest =
      ManifestJson(info, *pack, pack_name, sig_name, signed_pack->key_id);
  const std::pair<std::string, const std::string*> files[] = {
      {pack_name, &*pack},
      {sig_name, &signed_pack->signature_file},
      {kManifest, &manifest}};
  for (const auto& [name, content] : files) {
    const std::string path = absl::StrCat(options.dir, "/", name);
    if (absl::Status written = ReplaceFile(path, *content); !written.ok()) {
      return BadInput(
          absl::StrCat(written.message(), "; ", manifest_path, " not changed"));
    }
  }
  std::cout << manifest_path << ": published pack " << info.id << " version "
            << info.version << " (" << pack_name << ", signed by key "
            << signed_pack->key_id << ")\n";
  if (std::optional<std::string> soon =
          ExpiryWarning(info, options.pack, today)) {
    std::cerr << "vigie: warning: " << *soon << "\n";
  }
  return kExitOk;
}

}  // namespace vigie::cli
