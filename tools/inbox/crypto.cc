#include "crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdint>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace vigie::inbox {
namespace {

// scrypt with N=2^15, r=8, p=1: 32 MiB and tens of milliseconds per attempt.
constexpr uint64_t kScryptN = uint64_t{1} << 15;
constexpr uint32_t kScryptR = 8;
constexpr uint32_t kScryptP = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
// Largest cost accepted from a stored hash (bounds memory on verify).
constexpr uint64_t kMaxScryptN = uint64_t{1} << 20;
constexpr uint64_t kScryptMaxMem = uint64_t{1} << 30;

bool Scrypt(std::string_view password, std::string_view salt, uint64_t n,
            uint32_t r, uint32_t p, unsigned char* out, size_t out_len) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_SCRYPT, nullptr);
  if (kdf == nullptr) {
    return false;
  }
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  EVP_KDF_free(kdf);
  if (ctx == nullptr) {
    return false;
  }
  uint64_t maxmem = kScryptMaxMem;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                        const_cast<char*>(password.data()),
                                        password.size()),
      OSSL_PARAM_construct_octet_string(
          OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end()};
  const bool ok = EVP_KDF_derive(ctx, out, out_len, params) == 1;
  EVP_KDF_CTX_free(ctx);
  return ok;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  EVP_Digest(data.data(), data.size(), digest, nullptr, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      std::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::StatusOr<std::string> RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()),
                 static_cast<int>(raw.size())) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()),
                 static_cast<int>(salt.size())) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  unsigned char hash[kHashBytes];
  if (!Scrypt(password, salt, kScryptN, kScryptR, kScryptP, hash,
              sizeof(hash))) {
    return absl::InternalError("scrypt failed");
  }
  return absl::StrCat("scrypt$", kScryptN, "$", kScryptR, "$", kScryptP, "$",
                      absl::WebSafeBase64Escape(salt), "$",
                      absl::WebSafeBase64Escape(std::string_view(
                          reinterpret_cast<const char*>(hash), sizeof(hash))));
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  std::vector<std::string_view> parts = absl::StrSplit(encoded, '$');
  if (parts.size() != 6 || parts[0] != "scrypt") {
    return false;
  }
  uint64_t n = 0;
  uint32_t r = 0;
  uint32_t p = 0;
  if (!absl::SimpleAtoi(parts[1], &n) || !absl::SimpleAtoi(parts[2], &r) ||
      !absl::SimpleAtoi(parts[3], &p) || n < 2 || n > kMaxScryptN ||
      (n & (n - 1)) != 0 || r == 0 || r > 32 || p == 0 || p > 16) {
    return false;
  }
  std::string salt;
  std::string expected;
  if (!absl::WebSafeBase64Unescape(parts[4], &salt) ||
      !absl::WebSafeBase64Unescape(parts[5], &expected) || expected.empty() ||
      expected.size() > 64) {
    return false;
  }
  std::string actual(expected.size(), '\0');
  if (!Scrypt(password, salt, n, r, p,
              reinterpret_cast<unsigned char*>(actual.data()), actual.size())) {
    return false;
  }
  return SecureEquals(actual, expected);
}

bool SecureEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace vigie::inbox
