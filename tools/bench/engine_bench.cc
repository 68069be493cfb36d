// Times the native engine on the inputs the Node benchmark also feeds to the
// wasm build and the JS peers (tools/bench/engine-bench.mjs), so all are
// measured on the same texts in the same run.
//
// Usage: engine_bench PACK INPUTS.json
//   INPUTS.json: {"cases": [{"name", "texts": [...], "rounds": N}]}
// Prints one JSON line per case: {"name", "times_us": [...],
// "times_json_us": [...], "bytes"}, each time being one round (every text of
// the case analysed once; then also serialised, as the wasm build does).

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/finding_json.h"
#include "nlohmann/json.hpp"
#include "tools/cli/cli_io.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: engine_bench PACK INPUTS.json\n";
    return 2;
  }
  auto engine = vigie::cli::LoadEngine(argv[1]);
  if (!engine.ok()) return vigie::cli::BadInput(engine.status().message());
  auto inputs_text = vigie::cli::ReadFile(argv[2]);
  if (!inputs_text.ok())
    return vigie::cli::BadInput(inputs_text.status().message());
  const nlohmann::json inputs =
      nlohmann::json::parse(*inputs_text, nullptr, false);
  if (!inputs.is_object() || !inputs["cases"].is_array()) {
    return vigie::cli::BadInput("inputs: expected {\"cases\": [...]}");
  }
  size_t sink = 0;  // keeps the optimiser from dropping the work
  for (const auto& bench_case : inputs["cases"]) {
    std::vector<std::string> texts;
    size_t bytes = 0;
    for (const auto& text : bench_case["texts"]) {
      texts.push_back(text.get<std::string>());
      bytes += texts.back().size();
    }
    const int rounds = bench_case["rounds"].get<int>();
    // Two timings: the analysis alone, and the analysis plus the findings
    // serialised as JSON (what a host receives; the wasm build does that).
    const auto time_rounds = [&](bool serialise) {
      nlohmann::json times = nlohmann::json::array();
      for (int round = -1; round < rounds; ++round) {  // round -1 warms up
        const auto start = std::chrono::steady_clock::now();
        for (const std::string& text : texts) {
          const std::vector<vigie::Finding> findings =
              (*engine)->Analyze(text, {});
          sink += serialise ? vigie::FindingsJson(findings).size()
                            : findings.size();
        }
        const std::chrono::duration<double, std::micro> elapsed =
            std::chrono::steady_clock::now() - start;
        if (round >= 0) times.push_back(elapsed.count());
      }
      return times;
    };
    const nlohmann::json analyse = time_rounds(false);
    const nlohmann::json with_json = time_rounds(true);
    std::cout << nlohmann::json({{"name", bench_case["name"]},
                                 {"times_us", analyse},
                                 {"times_json_us", with_json},
                                 {"bytes", bytes}})
                     .dump()
              << "\n";
  }
  std::cerr << "findings seen: " << sink << "\n";
  return 0;
}
