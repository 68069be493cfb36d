#include "core/json_document.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/text.h"

namespace vigie {
namespace {

using nlohmann::json;

// Finds where a text stops being JSON, without exceptions.
class SyntaxCheck : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/,
                    const string_t& /*text*/) override {
    return true;
  }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool start_object(std::size_t /*size*/) override { return true; }
  bool key(string_t& /*value*/) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*size*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& /*error*/) override {
    position_ = position;
    last_token_ = last_token;
    return false;
  }

  std::size_t position() const { return position_; }
  const std::string& last_token() const { return last_token_; }

 private:
  std::size_t position_ = 0;
  std::string last_token_;
};

std::string DescribeSyntaxError(std::string_view text, size_t position,
                                const std::string& last_token) {
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i + 1 < position && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string token = last_token.substr(0, 40);
  return absl::StrCat("line ", line, ", column ", column,
                      ": not valid JSON near '", RepairUtf8(token), "'");
}

}  // namespace

absl::StatusOr<json> ParseJsonDocument(std::string_view text,
                                       std::string_view source_name) {
  json document = json::parse(text, nullptr, false);
  if (!document.is_discarded()) return document;
  // Only a broken document pays for the second pass that locates the fault.
  SyntaxCheck check;
  json::sax_parse(text, &check);
  return absl::InvalidArgumentError(absl::StrCat(
      source_name, ": ",
      DescribeSyntaxError(text, check.position(), check.last_token())));
}

}  // namespace vigie
