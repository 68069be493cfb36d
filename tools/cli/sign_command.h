// `vigie pack keygen|sign|verify`: Ed25519 signatures of built rule packs
// (issue 7). Each function takes the arguments after its verb and returns
// the exit status (cli_io.h).

#ifndef VIGIE_TOOLS_CLI_SIGN_COMMAND_H_
#define VIGIE_TOOLS_CLI_SIGN_COMMAND_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/pack.h"

namespace vigie::cli {

// A detached signature made in memory.
struct SignedPack {
  std::string key_id;          // 16 hex digits
  std::string signature_file;  // the content of PACK.sig
};

// Signs the exact bytes `pack` with the Ed25519 private key at `key_path`.
absl::StatusOr<SignedPack> SignPackBytes(std::string_view pack,
                                         const std::string& key_path);

// The manifest latest.json for `pack`: `pack_name` and `sig_name` are the
// pack's and signature's URLs relative to the manifest.
std::string ManifestJson(const PackInfo& info, std::string_view pack,
                         const std::string& pack_name,
                         const std::string& sig_name,
                         const std::string& key_id);

// `vigie pack keygen KEYFILE`: writes a new Ed25519 private key to KEYFILE
// (PKCS#8 PEM, mode 0600, never printed) and its public key to KEYFILE.pub
// (SubjectPublicKeyInfo PEM). Refuses to overwrite either file (exit 2).
int RunKeygen(const std::vector<std::string>& args);

// `vigie pack sign PACK --key KEYFILE`: validates PACK, then writes the
// detached signature PACK.sig over its exact bytes
// ({"algorithm":"ed25519","key_id","signature"}) and the manifest
// latest.json next to PACK.
int RunSign(const std::vector<std::string>& args);

// `vigie pack verify PACK --sig SIG --pub PUB`: exit 0 when SIG is a valid
// signature of PACK by PUB, 1 when it is not (changed pack, other key, key
// id mismatch), 2 when an input is unreadable or malformed.
int RunVerify(const std::vector<std::string>& args);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_SIGN_COMMAND_H_
