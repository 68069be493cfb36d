#include "wasm/js_values.h"

#include <cstdint>

namespace vigie::js {

val Error(std::string_view message) {
  val out = val::object();
  out.set("error", std::string(message));
  return out;
}

val ParseJson(const std::string& text) {
  static const val kJson = val::global("JSON");
  static const val kDecoder = val::global("TextDecoder").new_();
  const val utf8(emscripten::typed_memory_view(
      text.size(), reinterpret_cast<const uint8_t*>(text.data())));
  return kJson.call<val>("parse", kDecoder.call<val>("decode", utf8));
}

val ToJs(const nlohmann::json& json) {
  return ParseJson(
      json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string CopyBytes(const val& bytes) {
  std::string out(bytes["length"].as<size_t>(), '\0');
  val(emscripten::typed_memory_view(out.size(),
                                    reinterpret_cast<uint8_t*>(out.data())))
      .call<void>("set", bytes);
  return out;
}

}  // namespace vigie::js
