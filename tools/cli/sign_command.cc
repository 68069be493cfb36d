#include "tools/cli/sign_command.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/engine.h"
#include "nlohmann/json.hpp"
#include "tools/cli/cli_io.h"
#include "tools/cli/pack_expiry.h"

namespace vigie::cli {
namespace {

constexpr char kAlgorithm[] = "ed25519";
constexpr size_t kSignatureBytes = 64;
constexpr size_t kPublicKeyBytes = 32;
constexpr size_t kKeyIdChars = 16;
constexpr size_t kMaxSigFileBytes = 65536;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

// The first OpenSSL error of the queue, as one line; clears the queue.
std::string OpenSslError() {
  const auto code = ERR_peek_error();
  std::string text = "unknown error";
  if (code != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    text = buffer;
  }
  ERR_clear_error();
  return text;
}

// Never prompts for a passphrase: encrypted keys are refused.
int NoPassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*u*/) {
  return -1;
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string SiblingPath(const std::string& path, const std::string& name) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? name : path.substr(0, slash + 1) + name;
}

bool Exists(const std::string& path) {
  struct stat info;
  return lstat(path.c_str(), &info) == 0;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(),
                 nullptr) != 1) {
    return "";
  }
  return absl::BytesToHexString(
      std::string_view(reinterpret_cast<const char*>(digest), size));
}

// The key id: the first 16 hex characters of the sha256 of the raw 32-byte
// public key.
absl::StatusOr<std::string> KeyId(EVP_PKEY* key) {
  unsigned char raw[kPublicKeyBytes];
  size_t size = sizeof(raw);
  if (EVP_PKEY_get_raw_public_key(key, raw, &size) != 1 ||
      size != kPublicKeyBytes) {
    return absl::InternalError(
        absl::StrCat("cannot read the public key: ", OpenSslError()));
  }
  const std::string hex =
      Sha256Hex(std::string_view(reinterpret_cast<const char*>(raw), size));
  if (hex.empty()) return absl::InternalError("sha256 failed");
  return hex.substr(0, kKeyIdChars);
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int size =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  out.resize(size > 0 ? static_cast<size_t>(size) : 0);
  return out;
}

// Decodes canonical, padded base64 (what Base64Encode writes); false
// otherwise.
bool Base64Decode(const std::string& text, std::string* bytes) {
  if (text.empty() || text.size() % 4 != 0 || text.size() > kMaxSigFileBytes) {
    return false;
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int size =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  if (size < 0) return false;
  size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
  out.resize(static_cast<size_t>(size) - padding);
  if (Base64Encode(out) != text) return false;
  *bytes = std::move(out);
  return true;
}

// Creates `path` with `mode`; fails if it exists.
absl::Status WriteNewFile(const std::string& path, std::string_view content,
                          mode_t mode) {
  const int fd =
      open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return absl::PermissionDeniedError(
        errno == EEXIST ? absl::StrCat(path, ": already exists, not replaced")
                        : absl::StrCat(path, ": cannot be created"));
  }
  bool ok = fchmod(fd, mode) == 0;
  size_t done = 0;
  while (ok && done < content.size()) {
    const ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = (close(fd) == 0) && ok;
  if (!ok) {
    unlink(path.c_str());
    return absl::PermissionDeniedError(
        absl::StrCat(path, ": cannot be written"));
  }
  return absl::OkStatus();
}

// Parses OPTION VALUE pairs (and one positional argument) of sign/verify.
struct Options {
  std::string positional;
  std::string key;
  std::string sig;
  std::string pub;
};

int ParseOptions(const std::vector<std::string>& args, bool verify,
                 std::string_view usage, Options* options) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string* target = nullptr;
    if (!verify && arg == "--key") target = &options->key;
    if (verify && arg == "--sig") target = &options->sig;
    if (verify && arg == "--pub") target = &options->pub;
    if (target != nullptr) {
      if (!TakeValue(args, &i, target) || target->empty()) {
        return BadInput(absl::StrCat(arg, " needs a FILE (", usage, ")"));
      }
    } else if (options->positional.empty() && !arg.empty() && arg[0] != '-') {
      options->positional = arg;
    } else {
      return BadInput(
          absl::StrCat("unexpected argument '", arg, "' (", usage, ")"));
    }
  }
  const bool complete = !options->positional.empty() &&
                        (verify ? !options->sig.empty() && !options->pub.empty()
                                : !options->key.empty());
  if (!complete) return BadInput(usage);
  return kExitOk;
}

absl::StatusOr<Pkey> ReadPrivateKey(const std::string& path) {
  absl::StatusOr<std::string> pem = ReadFile(path);
  if (!pem.ok()) return pem.status();
  Bio bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  Pkey key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr)
          : nullptr);
  OPENSSL_cleanse(pem->data(), pem->size());
  if (!key) {
    ERR_clear_error();
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": not an unencrypted PEM private key (vigie pack keygen)"));
  }
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not an Ed25519 private key"));
  }
  return key;
}

absl::StatusOr<Pkey> ReadPublicKey(const std::string& path) {
  absl::StatusOr<std::string> pem = ReadFile(path);
  if (!pem.ok()) return pem.status();
  Bio bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, NoPassphrase, nullptr)
               : nullptr);
  if (!key) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a PEM public key (KEYFILE.pub)"));
  }
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not an Ed25519 public key"));
  }
  return key;
}

// A parsed PACK.sig.
struct Signature {
  std::string key_id;
  std::string bytes;  // 64 bytes
};

absl::StatusOr<Signature> ReadSignature(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  if (text->size() > kMaxSigFileBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": too large for a signature file"));
  }
  const nlohmann::json json =
      nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a signature file (expected a JSON object)"));
  }
  const auto field = [&](const char* name) -> const nlohmann::json* {
    const auto it = json.find(name);
    return it != json.end() && it->is_string() ? &*it : nullptr;
  };
  const nlohmann::json* algorithm = field("algorithm");
  if (algorithm == nullptr ||
      algorithm->get_ref<const std::string&>() != std::string(kAlgorithm)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": /algorithm: expected \"", kAlgorithm, "\""));
  }
  const nlohmann::json* key_id = field("key_id");
  const auto is_hex = [](const std::string& s) {
    return s.find_first_not_of("0123456789abcdef") == std::string::npos;
  };
  if (key_id == nullptr ||
      key_id->get_ref<const std::string&>().size() != kKeyIdChars ||
      !is_hex(key_id->get_ref<const std::string&>())) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": /key_id: expected ", kKeyIdChars, " lower-case hex digits"));
  }
  const nlohmann::json* signature = field("signature");
  Signature result;
  if (signature == nullptr ||
      !Base64Decode(signature->get_ref<const std::string&>(), &result.bytes) ||
      result.bytes.size() != kSignatureBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": /signature: expected the base64 of ",
                     kSignatureBytes, " bytes"));
  }
  result.key_id = key_id->get_ref<const std::string&>();
  return result;
}

}  // namespace

absl::StatusOr<SignedPack> SignPackBytes(std::string_view pack,
                                         const std::string& key_path) {
  absl::StatusOr<Pkey> key = ReadPrivateKey(key_path);
  if (!key.ok()) return key.status();
  absl::StatusOr<std::string> key_id = KeyId(key->get());
  if (!key_id.ok()) return key_id.status();

  MdCtx ctx(EVP_MD_CTX_new());
  std::string signature(kSignatureBytes, '\0');
  size_t signature_size = signature.size();
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) !=
          1 ||
      EVP_DigestSign(
          ctx.get(), reinterpret_cast<unsigned char*>(signature.data()),
          &signature_size, reinterpret_cast<const unsigned char*>(pack.data()),
          pack.size()) != 1 ||
      signature_size != kSignatureBytes) {
    return absl::InternalError(absl::StrCat("sign: ", OpenSslError()));
  }
  nlohmann::ordered_json sig_json;
  sig_json["algorithm"] = kAlgorithm;
  sig_json["key_id"] = *key_id;
  sig_json["signature"] = Base64Encode(signature);
  return SignedPack{*key_id, sig_json.dump(2) + "\n"};
}

std::string ManifestJson(const PackInfo& info, std::string_view pack,
                         const std::string& pack_name,
                         const std::string& sig_name,
                         const std::string& key_id) {
  nlohmann::ordered_json manifest;
  manifest["id"] = info.id;
  manifest["version"] = info.version;
  manifest["sha256"] = Sha256Hex(pack);
  manifest["size"] = pack.size();
  manifest["signature"] = sig_name;
  manifest["pack"] = pack_name;
  manifest["issued"] = info.issued;
  manifest["expires"] = info.expires;
  manifest["key_id"] = key_id;
  return manifest.dump(2, ' ', false,
                       nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

int RunKeygen(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    return BadInput("usage: vigie pack keygen KEYFILE");
  }
  const std::string& key_path = args[0];
  const std::string pub_path = absl::StrCat(key_path, ".pub");
  for (const std::string* path : {&key_path, &pub_path}) {
    if (Exists(*path)) {
      return BadInput(absl::StrCat(*path, ": already exists, not replaced"));
    }
  }

  PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw_key = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &raw_key) != 1) {
    return BadInput(absl::StrCat("keygen: ", OpenSslError()));
  }
  const Pkey key(raw_key);
  absl::StatusOr<std::string> key_id = KeyId(key.get());
  if (!key_id.ok()) return BadInput(key_id.status().message());

  // The private key only ever lives in secure heap memory and in KEYFILE.
  Bio private_pem(BIO_new(BIO_s_secmem()));
  Bio public_pem(BIO_new(BIO_s_mem()));
  if (!private_pem || !public_pem ||
      PEM_write_bio_PrivateKey(private_pem.get(), key.get(), nullptr, nullptr,
                               0, nullptr, nullptr) != 1 ||
      PEM_write_bio_PUBKEY(public_pem.get(), key.get()) != 1) {
    return BadInput(absl::StrCat("keygen: ", OpenSslError()));
  }
  char* data = nullptr;
  const auto private_size = BIO_get_mem_data(private_pem.get(), &data);
  const absl::Status private_written = WriteNewFile(
      key_path, std::string_view(data, static_cast<size_t>(private_size)),
      0600);
  if (!private_written.ok()) return BadInput(private_written.message());
  const auto public_size = BIO_get_mem_data(public_pem.get(), &data);
  const absl::Status public_written = WriteNewFile(
      pub_path, std::string_view(data, static_cast<size_t>(public_size)), 0644);
  if (!public_written.ok()) {
    unlink(key_path.c_str());
    return BadInput(public_written.message());
  }
  std::cout << key_path << ": new Ed25519 key " << *key_id
            << " (private, mode 0600; keep it secret); public key in "
            << pub_path << "\n";
  return kExitOk;
}

int RunSign(const std::vector<std::string>& args) {
  Options options;
  if (const int status =
          ParseOptions(args, /*verify=*/false,
                       "usage: vigie pack sign PACK --key KEYFILE", &options);
      status != kExitOk) {
    return status;
  }
  const std::string& pack_path = options.positional;

  // Validate and sign the very same bytes.
  absl::StatusOr<std::string> pack = ReadFile(pack_path);
  if (!pack.ok()) return BadInput(pack.status().message());
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(*pack, pack_path);
  if (!engine.ok()) return BadInput(engine.status().message());
  const PackInfo& info = (*engine)->pack().info;
  // The manifest would announce a pack every browser refuses.
  if (absl::Status fresh = CheckNotExpired(info, pack_path, LocalToday());
      !fresh.ok()) {
    return BadInput(fresh.message());
  }

  absl::StatusOr<SignedPack> signed_pack = SignPackBytes(*pack, options.key);
  if (!signed_pack.ok()) return BadInput(signed_pack.status().message());
  const std::string sig_path = absl::StrCat(pack_path, ".sig");
  if (absl::Status written = ReplaceFile(sig_path, signed_pack->signature_file);
      !written.ok()) {
    return BadInput(written.message());
  }
  const std::string manifest_path = SiblingPath(pack_path, "latest.json");
  if (absl::Status written = ReplaceFile(
          manifest_path, ManifestJson(info, *pack, BaseName(pack_path),
                                      BaseName(sig_path), signed_pack->key_id));
      !written.ok()) {
    return BadInput(written.message());
  }
  std::cout << sig_path << ": signed pack " << info.id << " version "
            << info.version << " with key " << signed_pack->key_id
            << "; manifest " << manifest_path << "\n";
  return kExitOk;
}

int RunVerify(const std::vector<std::string>& args) {
  Options options;
  if (const int status = ParseOptions(
          args, /*verify=*/true,
          "usage: vigie pack verify PACK --sig SIG --pub PUB", &options);
      status != kExitOk) {
    return status;
  }
  const std::string& pack_path = options.positional;
  absl::StatusOr<std::string> pack = ReadFile(pack_path);
  if (!pack.ok()) return BadInput(pack.status().message());
  absl::StatusOr<Signature> signature = ReadSignature(options.sig);
  if (!signature.ok()) return BadInput(signature.status().message());
  absl::StatusOr<Pkey> key = ReadPublicKey(options.pub);
  if (!key.ok()) return BadInput(key.status().message());
  absl::StatusOr<std::string> key_id = KeyId(key->get());
  if (!key_id.ok()) return BadInput(key_id.status().message());

  if (signature->key_id != *key_id) {
    std::cerr << "vigie: " << options.sig << ": signed by key "
              << signature->key_id << ", not by " << options.pub << " (key "
              << *key_id << ")\n";
    return kExitFailed;
  }
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr,
                                   key->get()) != 1) {
    return BadInput(absl::StrCat("verify: ", OpenSslError()));
  }
  const int verified = EVP_DigestVerify(
      ctx.get(),
      reinterpret_cast<const unsigned char*>(signature->bytes.data()),
      signature->bytes.size(),
      reinterpret_cast<const unsigned char*>(pack->data()), pack->size());
  ERR_clear_error();
  if (verified != 1) {
    std::cerr << "vigie: " << pack_path << ": signature does not match (the "
              << "pack or " << options.sig << " changed after signing, or "
              << "another key signed it)\n";
    return kExitFailed;
  }
  std::cout << pack_path << ": valid signature by key " << *key_id << " ("
            << options.pub << ")\n";
  return kExitOk;
}

}  // namespace vigie::cli
