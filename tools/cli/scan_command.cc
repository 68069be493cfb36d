#include "tools/cli/scan_command.h"

#include <iostream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/finding_json.h"
#include "tools/cli/cli_io.h"

namespace vigie::cli {
namespace {

constexpr char kUsage[] =
    R"(Usage: vigie scan [--pack FILE] [--platform facebook|x|linkedin]
                  [--affiliated] [--photo-faces N] [FILE|-]
       vigie scan --jsonl [--pack FILE] [FILE|-]

Prints, as JSON, what in a text breaks the CHU de Nantes social-media guide:
{"pack": {...}, "findings": [...]}, offsets in UTF-16 code units.

With --jsonl, reads one JSON object per line,
  {"id": ..., "text": "...", "platform": "x", "affiliated": true,
   "photo_faces": 0}
(platform, affiliated and photo_faces optional) and writes one line per input,
  {"id": ..., "findings": [...]}
in the same order.

  --pack FILE       rule pack to use (default: the CHU de Nantes pack)
  --platform NAME   where the text is posted: facebook, x or linkedin
  --affiliated      the author's profile shows the CHU affiliation
  --photo-faces N   faces seen in the photos attached to the post (rules
                    with "$photo_face" need at least one)
Exit status: 0 on success (findings or not), 2 on bad input.
)";

struct ScanOptions {
  std::string pack;
  std::string input = "-";
  AnalysisContext context;
  bool jsonl = false;
};

nlohmann::json PackSummary(const Pack& pack) {
  return {{"id", pack.info.id},
          {"version", pack.info.version},
          {"issued", pack.info.issued},
          {"expires", pack.info.expires}};
}

// Reads one --jsonl line into `text` and `context`; returns "" or the fault.
std::string ReadJsonlLine(const nlohmann::json& line, std::string* text,
                          AnalysisContext* context) {
  if (!line.is_object()) return "must be a JSON object";
  if (!line.contains("id")) return "/id: missing required field";
  const auto text_field = line.find("text");
  if (text_field == line.end()) return "/text: missing required field";
  if (!text_field->is_string()) return "/text: must be a string";
  *text = text_field->get<std::string>();
  *context = AnalysisContext();
  if (const auto platform = line.find("platform"); platform != line.end()) {
    const std::optional<Platform> parsed =
        platform->is_string()
            ? PlatformFromName(platform->get_ref<const std::string&>())
            : std::nullopt;
    if (!parsed) return "/platform: must be facebook, x or linkedin";
    context->platform = *parsed;
  }
  if (const auto affiliated = line.find("affiliated");
      affiliated != line.end()) {
    if (!affiliated->is_boolean()) return "/affiliated: must be true or false";
    context->affiliated = affiliated->get<bool>();
  }
  if (const auto faces = line.find("photo_faces"); faces != line.end()) {
    if (!faces->is_number_unsigned() || faces->get<uint64_t>() > 1000) {
      return "/photo_faces: must be an integer from 0 to 1000";
    }
    context->photo_faces = faces->get<int>();
  }
  return "";
}

int ScanJsonl(const Engine& engine, const std::string& input) {
  absl::StatusOr<std::string> content = ReadFile(input);
  if (!content.ok()) return BadInput(content.status().message());
  const std::string name = input == "-" ? "stdin" : input;
  std::istringstream lines(*content);
  std::string raw;
  size_t number = 0;
  while (std::getline(lines, raw)) {
    ++number;
    if (raw.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json line = nlohmann::json::parse(raw, nullptr, false);
    std::string text;
    AnalysisContext context;
    const std::string fault = line.is_discarded()
                                  ? "not valid JSON"
                                  : ReadJsonlLine(line, &text, &context);
    if (!fault.empty()) {
      std::cout.flush();
      return BadInput(absl::StrCat(name, ": line ", number, ": ", fault));
    }
    std::cout << "{\"id\":"
              << line["id"].dump(-1, ' ', false,
                                 nlohmann::json::error_handler_t::replace)
              << ",\"findings\":" << FindingsJson(engine.Analyze(text, context))
              << "}\n";
  }
  return kExitOk;
}

}  // namespace

int RunScanCommand(const std::vector<std::string>& args) {
  ScanOptions options;
  bool input_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    }
    if (arg == "--pack") {
      if (!TakeValue(args, &i, &options.pack)) {
        return BadInput("--pack needs a FILE");
      }
    } else if (arg == "--platform") {
      std::string name;
      const std::optional<Platform> platform =
          TakeValue(args, &i, &name) ? PlatformFromName(name) : std::nullopt;
      if (!platform || name.empty()) {
        return BadInput("--platform must be facebook, x or linkedin");
      }
      options.context.platform = *platform;
    } else if (arg == "--affiliated") {
      options.context.affiliated = true;
    } else if (arg == "--photo-faces") {
      std::string count;
      int faces = 0;
      if (!TakeValue(args, &i, &count) || !absl::SimpleAtoi(count, &faces) ||
          faces < 0 || faces > 1000) {
        return BadInput("--photo-faces needs a number from 0 to 1000");
      }
      options.context.photo_faces = faces;
    } else if (arg == "--jsonl") {
      options.jsonl = true;
    } else if (!input_given && (arg == "-" || arg[0] != '-')) {
      options.input = arg;
      input_given = true;
    } else {
      return BadInput(absl::StrCat("scan: unexpected argument '", arg,
                                   "' (see vigie scan --help)"));
    }
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine = LoadEngine(options.pack);
  if (!engine.ok()) return BadInput(engine.status().message());
  if (options.jsonl) return ScanJsonl(**engine, options.input);

  absl::StatusOr<std::string> text = ReadFile(options.input);
  if (!text.ok()) return BadInput(text.status().message());
  const nlohmann::json out = {
      {"pack", PackSummary((*engine)->pack())},
      {"findings", nlohmann::json::parse(FindingsJson(
                       (*engine)->Analyze(*text, options.context)))}};
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
  return kExitOk;
}

}  // namespace vigie::cli
