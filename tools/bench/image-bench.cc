// Benchmark of vigie_image on real files: metadata analysis (parse only, and
// parse + image rules + text engine on names and captions) and lossless
// strip. Prints one JSON line per file and a Markdown table.
//   vigie_image_bench [--pack PACK.json] [--runs N] FILE...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/image/engine_text_analyzer.h"
#include "core/image/image_analysis.h"
#include "core/image/image_metadata.h"
#include "core/image/image_rules.h"
#include "nlohmann/json.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string ReadAll(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

struct Stats {
  double median_ms = 0;
  double p95_ms = 0;
};

template <typename F>
Stats Measure(int runs, F&& body) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    body();
    times.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return Stats{times[times.size() / 2], times[times.size() * 95 / 100]};
}

}  // namespace

int main(int argc, char** argv) {
  std::string pack_path;
  int runs = 200;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--pack" && i + 1 < argc) {
      pack_path = argv[++i];
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::cerr
        << "usage: vigie_image_bench [--pack PACK.json] [--runs N] FILE...\n";
    return 2;
  }
  std::unique_ptr<vigie::Engine> engine;
  vigie::image::ImageRules rules;
  if (!pack_path.empty()) {
    const std::string text = ReadAll(pack_path);
    auto created = vigie::Engine::Create(text, pack_path);
    if (!created.ok()) {
      std::cerr << created.status().message() << "\n";
      return 2;
    }
    engine = *std::move(created);
    const nlohmann::json pack = nlohmann::json::parse(text, nullptr, false);
    if (pack.is_object() && pack.contains("image")) {
      auto parsed = vigie::image::ParseImageSection(pack["image"], "/image");
      if (!parsed.ok()) {
        std::cerr << parsed.status().message() << "\n";
        return 2;
      }
      rules = *std::move(parsed);
    }
  }
  const vigie::image::TextAnalyzer analyzer =
      engine ? vigie::image::EngineTextAnalyzer(*engine, {})
             : vigie::image::TextAnalyzer();
  std::printf(
      "| file | size | parse (median / p95) | analyse (median / p95) "
      "| strip (median / p95) | findings |\n|---|---|---|---|---|---|\n");
  for (const std::string& path : files) {
    const std::string bytes = ReadAll(path);
    const vigie::image::Bytes view(bytes);
    size_t findings = 0;
    const Stats parse = Measure(runs, [&] {
      auto meta = vigie::image::ReadMetadata(view);
      if (!meta.ok()) std::abort();
    });
    const Stats analyse = Measure(runs, [&] {
      auto result = vigie::image::AnalyzeImage(view, rules, analyzer);
      if (!result.ok()) std::abort();
      findings = result->findings.size();
    });
    size_t clean_size = 0;
    const Stats strip = Measure(std::max(5, runs / 4), [&] {
      auto clean = vigie::image::StripMetadata(view);
      clean_size = clean.ok() ? clean->size() : 0;
    });
    std::printf(
        "| %s | %.1f MB | %.3f / %.3f ms | %.3f / %.3f ms | %.2f / %.2f ms | "
        "%zu |\n",
        path.c_str(), bytes.size() / 1e6, parse.median_ms, parse.p95_ms,
        analyse.median_ms, analyse.p95_ms, strip.median_ms, strip.p95_ms,
        findings);
    std::cerr << nlohmann::json{{"file", path},
                                {"bytes", bytes.size()},
                                {"clean_bytes", clean_size},
                                {"parse_median_ms", parse.median_ms},
                                {"analyse_median_ms", analyse.median_ms},
                                {"strip_median_ms", strip.median_ms},
                                {"findings", findings}}
                     .dump()
              << "\n";
  }
  return 0;
}
