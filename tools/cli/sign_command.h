// `vigie pack keygen|sign|verify`: Ed25519 signatures of built rule packs
// (issue 7). Each function takes the arguments after its verb and returns
// the exit status (cli_io.h).

#ifndef VIGIE_TOOLS_CLI_SIGN_COMMAND_H_
#define VIGIE_TOOLS_CLI_SIGN_COMMAND_H_

#include <string>
#include <vector>

namespace vigie::cli {

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
