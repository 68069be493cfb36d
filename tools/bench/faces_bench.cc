// Time per face detection, native: `faces_bench MODEL IMAGE...` prints, per
// picture (PNG or JPEG), its size, the faces found and the median time of
// one Detect() (letterbox + network + decoding + NMS) over repeated runs, as
// thread CPU time (steadier than wall time on a shared, loaded machine) and
// wall time.
// tools/bench/faces-bench.sh runs it beside the wasm build.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/image/faces/blazeface.h"
#include "core/image/faces/decode_pixels.h"

namespace {

std::string Read(const char* path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double Median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: faces_bench MODEL IMAGE...\n");
    return 2;
  }
  const std::string model = Read(argv[1]);
  auto detector =
      vigie::faces::FaceDetector::Create(vigie::image::Bytes(model));
  if (!detector.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(detector.status().message()).c_str());
    return 2;
  }
  std::printf(
      "| picture | pixels | faces | native CPU ms (median) | native wall ms "
      "(median) |\n"
      "|---|---|---|---|---|\n");
  for (int i = 2; i < argc; ++i) {
    auto image = vigie::faces::DecodePixels(Read(argv[i]));
    if (!image.ok()) {
      std::fprintf(stderr, "%s: %s\n", argv[i],
                   std::string(image.status().message()).c_str());
      return 2;
    }
    const vigie::image::Bytes pixels(image->pixels.data(),
                                     image->pixels.size());
    std::vector<double> ms;
    std::vector<double> cpu;
    size_t faces = 0;
    const auto start = std::chrono::steady_clock::now();
    while (ms.size() < 200 &&
           (ms.size() < 10 || std::chrono::steady_clock::now() - start <
                                  std::chrono::seconds(2))) {
      const double c0 = CpuMs();
      const auto t0 = std::chrono::steady_clock::now();
      auto found = (*detector)->Detect(pixels, image->width, image->height, {});
      const auto t1 = std::chrono::steady_clock::now();
      cpu.push_back(CpuMs() - c0);
      faces = found.ok() ? found->size() : 0;
      ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::printf("| %s | %dx%d | %zu | %.2f | %.2f |\n", argv[i], image->width,
                image->height, faces, Median(cpu), Median(ms));
  }
  return 0;
}
