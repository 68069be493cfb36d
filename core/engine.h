// The Vigie engine: a compiled rule pack that finds, in a post, what breaks
// the CHU de Nantes social-media guide.
//
//   auto engine = vigie::Engine::Create(pack_json, "chu-nantes.json");
//   if (!engine.ok()) { /* engine.status().message() names file + pointer */ }
//   std::vector<vigie::Finding> findings =
//       (*engine)->Analyze("Mme Durand, chambre 12, va mieux", {});
//
// Guarantees:
//  - Create() validates the whole pack first; a faulty pack yields an error
//    and nothing else. It never throws and never aborts.
//  - Analyze() runs in time linear in the text (RE2 for every pattern, one
//    trie for every lexicon), with memory proportional to the text, not to
//    the pack. Texts longer than the pack's max_text_chars are analysed up
//    to that cap, and an `info` finding says so. Invalid UTF-8 is read as
//    U+FFFD. Results are deterministic and sorted by start, end, rule id.
//  - An Engine is immutable once created: Analyze() may run concurrently.

#ifndef VIGIE_CORE_ENGINE_H_
#define VIGIE_CORE_ENGINE_H_

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/finding.h"
#include "core/pack.h"

namespace vigie {

// The engine's version, as printed by `vigie --version`.
std::string_view EngineVersion();

// The rule id of the notice added when a text is longer than the cap.
inline constexpr std::string_view kTruncationRule = "vigie.text_truncated";

class Engine {
 public:
  // Parses, validates and compiles `pack_json`. `source_name` (the file name)
  // is quoted in errors.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(
      std::string_view pack_json, std::string_view source_name);

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Finds what in `text` (UTF-8) breaks the guide. The findings refer to the
  // engine's pack (see Finding): they must not outlive the engine.
  std::vector<Finding> Analyze(std::string_view text,
                               const AnalysisContext& context) const;

  const Pack& pack() const;

 private:
  struct Compiled;
  explicit Engine(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace vigie

#endif  // VIGIE_CORE_ENGINE_H_
