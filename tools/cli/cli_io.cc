#include "tools/cli/cli_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace vigie::cli {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  if (path == "-") {
    std::ostringstream content;
    content << std::cin.rdbuf();
    return content.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot be read: ", std::strerror(errno)));
  }
  return std::string(std::istreambuf_iterator<char>(file), {});
}

absl::Status WriteFile(const std::string& path, std::string_view content) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  // Why it cannot be opened (no such folder, no permission) is the fix.
  const std::string why = file ? "" : std::strerror(errno);
  file.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!file) {
    return absl::PermissionDeniedError(absl::StrCat(
        path, ": cannot be written", why.empty() ? "" : ": ", why));
  }
  return absl::OkStatus();
}

absl::Status ReplaceFile(const std::string& path, std::string_view content) {
  const std::string temporary = absl::StrCat(path, ".tmp");
  if (absl::Status written = WriteFile(temporary, content); !written.ok()) {
    return written;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(temporary.c_str());
    return absl::PermissionDeniedError(
        absl::StrCat(path, ": cannot be written: ", why));
  }
  return absl::OkStatus();
}

std::string DefaultPackPath() {
  if (const char* env = std::getenv("VIGIE_DEFAULT_PACK"); env && *env) {
    return env;
  }
  std::string exe(4096, '\0');
  const ssize_t size = readlink("/proc/self/exe", exe.data(), exe.size());
  if (size <= 0) return "pack/chu-nantes.json";
  exe.resize(static_cast<size_t>(size));
  const std::string dir = exe.substr(0, exe.rfind('/'));
  return dir + "/../pack/chu-nantes.json";
}

absl::StatusOr<std::unique_ptr<Engine>> LoadEngine(const std::string& path) {
  const std::string resolved = path.empty() ? DefaultPackPath() : path;
  absl::StatusOr<std::string> json = ReadFile(resolved);
  if (!json.ok()) return json.status();
  return Engine::Create(*json, resolved);
}

int BadInput(std::string_view reason) {
  std::cerr << "vigie: " << reason << "\n";
  return kExitBadInput;
}

bool TakeValue(const std::vector<std::string>& args, size_t* i,
               std::string* value) {
  if (*i + 1 >= args.size()) return false;
  *value = args[++*i];
  return true;
}

}  // namespace vigie::cli
