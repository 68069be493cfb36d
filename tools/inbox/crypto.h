// Secrets of the inbox: random tokens, SHA-256 digests of stored secrets, and
// password hashing with scrypt (memory-hard, OpenSSL 3 EVP_KDF).
#ifndef VIGIE_TOOLS_INBOX_CRYPTO_H_
#define VIGIE_TOOLS_INBOX_CRYPTO_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace vigie::inbox {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// `bytes` random bytes from the OpenSSL CSPRNG, base64url without padding.
absl::StatusOr<std::string> RandomToken(size_t bytes);

// "scrypt$N$r$p$SALT$HASH" (base64url), with a fresh random salt.
absl::StatusOr<std::string> HashPassword(std::string_view password);

// Whether `password` matches `encoded` (a HashPassword result), in constant
// time with respect to the hash. False for malformed `encoded`.
bool VerifyPassword(std::string_view password, std::string_view encoded);

// Constant-time comparison of two equally sensitive strings.
bool SecureEquals(std::string_view a, std::string_view b);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_CRYPTO_H_
