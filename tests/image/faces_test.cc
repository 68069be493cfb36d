// Face detection on real photos (Debian python3-skimage: astronaut.png and
// hubble_deep_field.jpg NASA public domain, camera.png / coffee.png /
// chelsea.png CC0, rocket.jpg SpaceX public domain, color.png scikit-image's
// BSD-3-Clause) with MediaPipe's BlazeFace models from npm
// @mediapipe/face_detection (Apache-2.0): the full-range one the extension
// ships, at the CHU pack's threshold, and the short-range one. Face regions
// were measured by hand (forehead to chin, ear to ear); a detection matches
// with IoU > 0.5.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/image/faces/blazeface.h"
#include "core/image/faces/decode_pixels.h"
#include "core/image/faces/exposure.h"
#include "core/image/faces/face_findings.h"
#include "core/image/faces/graph.h"
#include "core/image/faces/input_size.h"
#include "core/image/faces/letterbox.h"
#include "core/image/faces/tensor_ops.h"
#include "core/image/image_rules.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/image/test_images.h"

namespace vigie::faces {
namespace {

using image::Bytes;

constexpr char kModelDir[] =
    VIGIE_SOURCE_DIR "/node_modules/@mediapipe/face_detection/";
constexpr char kSkimage[] = "/usr/lib/python3/dist-packages/skimage/data/";

struct Box {
  float x, y, w, h;
};
constexpr Box kAstronautFace = {175, 70, 100, 110};
constexpr Box kCameramanFace = {185, 118, 85, 82};

std::string ReadOrFail(const std::string& path) {
  std::string bytes = image::testing::ReadFileOrEmpty(path);
  EXPECT_FALSE(bytes.empty())
      << path << " is missing (tools/dev/ensure-deps.sh installs it)";
  return bytes;
}

const std::string& ShortRangeModel() {
  static const std::string model =
      ReadOrFail(std::string(kModelDir) + "face_detection_short_range.tflite");
  return model;
}

RgbaImage Photo(const std::string& name) {
  absl::StatusOr<RgbaImage> image = DecodePixels(ReadOrFail(kSkimage + name));
  EXPECT_TRUE(image.ok()) << name << ": " << image.status();
  return image.ok() ? *std::move(image) : RgbaImage();
}

// The CHU pack's face threshold: what users get.
double PackMinScore() {
  const nlohmann::json pack = nlohmann::json::parse(
      image::testing::ReadFileOrEmpty(VIGIE_SOURCE_DIR
                                      "/packs/chu-nantes/image.json"),
      nullptr, false);
  absl::StatusOr<image::ImageRules> rules =
      image::ParseImageSection(pack, "/image");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? LowestFaceMinScore(*rules) : -1;
}

std::unique_ptr<FaceDetector> DetectorOrFail(const std::string& model) {
  auto d = FaceDetector::Create(Bytes(model));
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? *std::move(d) : nullptr;
}

// The model the extension ships (extension/build.mjs) and the CLI's default.
FaceDetector* ShippedDetector() {
  static std::unique_ptr<FaceDetector> detector = DetectorOrFail(
      ReadOrFail(std::string(kModelDir) + "face_detection_full_range.tflite"));
  return detector.get();
}

FaceDetector* ShortRangeDetector() {
  static std::unique_ptr<FaceDetector> detector =
      DetectorOrFail(ShortRangeModel());
  return detector.get();
}

std::vector<Face> Detect(const RgbaImage& image, float min_score,
                         FaceDetector* detector = ShippedDetector()) {
  if (detector == nullptr) return {};
  FaceOptions options;
  options.min_score = min_score;
  absl::StatusOr<std::vector<Face>> faces =
      detector->Detect(Bytes(image.pixels.data(), image.pixels.size()),
                       image.width, image.height, options);
  EXPECT_TRUE(faces.ok()) << faces.status();
  return faces.ok() ? *faces : std::vector<Face>();
}

float Iou(const Face& f, const Box& b) {
  const float x0 = std::max(f.x, b.x);
  const float y0 = std::max(f.y, b.y);
  const float x1 = std::min(f.x + f.width, b.x + b.w);
  const float y1 = std::min(f.y + f.height, b.y + b.h);
  if (x1 <= x0 || y1 <= y0) return 0;
  const float overlap = (x1 - x0) * (y1 - y0);
  return overlap / (f.width * f.height + b.w * b.h - overlap);
}

std::string Describe(const std::vector<Face>& faces) {
  std::string s;
  for (const Face& f : faces) {
    s += " [x=" + std::to_string(f.x) + " y=" + std::to_string(f.y) +
         " w=" + std::to_string(f.width) + " h=" + std::to_string(f.height) +
         " score=" + std::to_string(f.score) + "]";
  }
  return s.empty() ? " none" : s;
}

// `image` pasted on `canvas` at (left, top).
void Paste(const RgbaImage& image, int left, int top, RgbaImage* canvas) {
  for (int y = 0; y < image.height; ++y) {
    std::copy_n(&image.pixels[size_t(y) * image.width * 4], image.width * 4,
                &canvas->pixels[(size_t(y + top) * canvas->width + left) * 4]);
  }
}

// A grey canvas.
RgbaImage Canvas(int width, int height) {
  return {width, height, std::vector<uint8_t>(size_t(width) * height * 4, 128)};
}

// `image` pasted at (left, top) on a grey canvas.
RgbaImage OnCanvas(const RgbaImage& image, int width, int height, int left,
                   int top) {
  RgbaImage out = Canvas(width, height);
  Paste(image, left, top, &out);
  return out;
}

// Halves each side by averaging 2x2 blocks.
RgbaImage Half(const RgbaImage& image) {
  RgbaImage out{image.width / 2, image.height / 2, {}};
  out.pixels.resize(size_t(out.width) * out.height * 4);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      for (int c = 0; c < 4; ++c) {
        int sum = 0;
        for (int k = 0; k < 4; ++k) {
          sum += image.pixels[(size_t(2 * y + k / 2) * image.width + 2 * x +
                               k % 2) *
                                  4 +
                              c];
        }
        out.pixels[(size_t(y) * out.width + x) * 4 + c] =
            uint8_t((sum + 2) / 4);
      }
    }
  }
  return out;
}

// Where pixel (x, y) of a picture `width` pixels wide starts in its RGBA bytes.
size_t PixelAt(int x, int y, int width) {
  return (static_cast<size_t>(y) * static_cast<size_t>(width) +
          static_cast<size_t>(x)) *
         4;
}

// `image`'s pixels in [x, x + width) x [y, y + height).
RgbaImage Crop(const RgbaImage& image, int x, int y, int width, int height) {
  RgbaImage out{width, height, std::vector<uint8_t>(PixelAt(0, height, width))};
  for (int row = 0; row < height; ++row) {
    std::copy_n(&image.pixels[PixelAt(x, y + row, image.width)],
                static_cast<size_t>(width) * 4,
                &out.pixels[PixelAt(0, row, width)]);
  }
  return out;
}

TEST(Faces, FindsTheOneFaceOfEachPortrait) {
  const double min_score = PackMinScore();
  ASSERT_GT(min_score, 0);
  for (const auto& [name, face] : {std::pair{"astronaut.png", kAstronautFace},
                                   std::pair{"camera.png", kCameramanFace}}) {
    const std::vector<Face> faces = Detect(Photo(name), min_score);
    ASSERT_EQ(faces.size(), 1u) << name << Describe(faces);
    EXPECT_GT(Iou(faces[0], face), 0.5f) << name << Describe(faces);
  }
}

TEST(Faces, NoFaceOnPhotosWithoutPeople) {
  const double min_score = PackMinScore();
  for (const char* name : {"coffee.png", "rocket.jpg", "chelsea.png",
                           "color.png", "hubble_deep_field.jpg"}) {
    const std::vector<Face> faces = Detect(Photo(name), min_score);
    EXPECT_TRUE(faces.empty()) << name << Describe(faces);
  }
}

TEST(Faces, LetterboxedAndScaledPicturesGiveBoxesInTheirOwnPixels) {
  const RgbaImage astronaut = Photo("astronaut.png");
  const double min_score = PackMinScore();
  struct Case {
    const char* what;
    RgbaImage image;
    Box face;
  };
  const Case cases[] = {
      {"wide canvas",
       OnCanvas(astronaut, 800, 560, 250, 30),
       {kAstronautFace.x + 250, kAstronautFace.y + 30, kAstronautFace.w,
        kAstronautFace.h}},
      {"tall canvas",
       OnCanvas(astronaut, 540, 680, 14, 120),
       {kAstronautFace.x + 14, kAstronautFace.y + 120, kAstronautFace.w,
        kAstronautFace.h}},
      {"half size",
       Half(astronaut),
       {kAstronautFace.x / 2, kAstronautFace.y / 2, kAstronautFace.w / 2,
        kAstronautFace.h / 2}},
  };
  for (const Case& c : cases) {
    const std::vector<Face> faces = Detect(c.image, min_score);
    ASSERT_EQ(faces.size(), 1u) << c.what << Describe(faces);
    EXPECT_GT(Iou(faces[0], c.face), 0.5f) << c.what << Describe(faces);
  }
}

TEST(Faces, FindingSaysHowManyFacesWithTheirRegions) {
  const nlohmann::json pack = nlohmann::json::parse(
      image::testing::ReadFileOrEmpty(VIGIE_SOURCE_DIR
                                      "/packs/chu-nantes/image.json"),
      nullptr, false);
  absl::StatusOr<image::ImageRules> rules =
      image::ParseImageSection(pack, "/image");
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::vector<Face> one = {{10, 20, 30, 40, 0.9f}};
  std::vector<FaceFinding> findings = FaceFindings(*rules, one);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].finding.category, "droit_image");
  EXPECT_EQ(findings[0].finding.severity, "warning");
  EXPECT_EQ(findings[0].finding.message,
            "1 visage : l'accord écrit de chaque personne est nécessaire (d'un "
            "parent pour un enfant).");
  const nlohmann::json j = FaceFindingToJson(findings[0]);
  EXPECT_EQ(j["regions"][0]["x"], 10);
  EXPECT_EQ(j["regions"][0]["h"], 40);

  const std::vector<Face> three = {{0, 0, 9, 9, 0.9f},
                                   {50, 0, 9, 9, 0.8f},
                                   {90, 0, 9, 9, 0.7f},
                                   {120, 0, 9, 9, 0.1f}};
  findings = FaceFindings(*rules, three);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].regions.size(), 3u);  // the 0.1 face is below min_score
  EXPECT_EQ(findings[0].finding.message.rfind("3 visages : ", 0), 0u)
      << findings[0].finding.message;
  EXPECT_TRUE(FaceFindings(*rules, {{0, 0, 9, 9, 0.2f}}).empty());

  // A crowd (the default pack: 6 faces or more) raises the severity.
  std::vector<Face> crowd;
  for (int i = 0; i < 6; ++i) crowd.push_back({i * 20.0f, 0, 9, 9, 0.9f});
  findings = FaceFindings(*rules, crowd);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].finding.severity, "critical");
  crowd.pop_back();
  EXPECT_EQ(FaceFindings(*rules, crowd)[0].finding.severity, "warning");
}

TEST(Faces, PackFaceSettingsAreValidatedWithTheirPointer) {
  const auto error = [](const std::string& rule) {
    const nlohmann::json section =
        nlohmann::json::parse(R"({"rules": [)" + rule + "]}", nullptr, false);
    const auto parsed = image::ParseImageSection(section, "/image");
    return parsed.ok() ? std::string("ok")
                       : std::string(parsed.status().message());
  };
  const std::string faces =
      R"({"id": "v", "kind": "faces", "category": "droit_image", "severity": "warning",
          "message": "1 visage", "message_many": "{count} visages", "guide": "g")";
  EXPECT_EQ(error(faces + "}"), "ok");
  EXPECT_EQ(error(faces + R"(, "min_score": 1.5})"),
            "/image/rules/0/min_score: out of range [0.000000, 1.000000]");
  EXPECT_EQ(error(R"({"id": "v", "kind": "faces", "category": "droit_image",
                     "severity": "warning", "message": "1", "guide": "g"})"),
            "/image/rules/0/message_many: missing required field");
  EXPECT_EQ(error(R"({"id": "d", "kind": "date", "category": "droit_image",
                     "severity": "info", "message": "m", "guide": "g", "min_score": 0.5})"),
            "/image/rules/0/min_score: only for kind faces");
  EXPECT_EQ(error(faces + R"(, "many_from": 5, "many_severity": "critical"})"),
            "ok");
  EXPECT_EQ(error(faces + R"(, "many_from": 5})"),
            "/image/rules/0/many_severity: many_from and many_severity go "
            "together");
  EXPECT_EQ(error(faces + R"(, "many_from": 2.5, "many_severity": "info"})"),
            "/image/rules/0/many_from: expected a whole number");
  EXPECT_EQ(error(faces + R"(, "many_from": 3, "many_severity": "grave"})"),
            "/image/rules/0/many_severity: expected info, warning or critical");
}

TEST(Faces, AnchorsFollowMediapipeShortRange) {
  const std::vector<Anchor> anchors = SsdAnchors(128, {8, 16, 16, 16}, true);
  ASSERT_EQ(anchors.size(), 896u);
  EXPECT_FLOAT_EQ(anchors[0].x, 0.5f / 16);
  EXPECT_FLOAT_EQ(anchors[1].x, 0.5f / 16);  // two anchors per cell
  EXPECT_FLOAT_EQ(anchors[2].x, 1.5f / 16);
  EXPECT_FLOAT_EQ(anchors[512].x, 0.5f / 8);  // 8x8 grid, six per cell
  EXPECT_FLOAT_EQ(anchors[895].y, 7.5f / 8);
  EXPECT_EQ(SsdAnchors(192, {4}, false).size(), 2304u);
}

TEST(Faces, WeightedNmsMergesOverlapsByScore) {
  const std::vector<Face> merged = WeightedNms(
      {{0, 0, 10, 10, 0.6f}, {100, 100, 10, 10, 0.5f}, {2, 0, 10, 10, 0.9f}},
      0.3f, 10);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_FLOAT_EQ(merged[0].score, 0.9f);  // the best keeps its own score
  EXPECT_NEAR(merged[0].x, (0.6f * 0 + 0.9f * 2) / 1.5f, 1e-5);
  EXPECT_FLOAT_EQ(merged[1].x, 100);
}

TEST(Faces, DamagedModelsGiveAnErrorNotACrash) {
  const std::string& model = ShortRangeModel();
  ASSERT_FALSE(model.empty());
  for (const std::string& bad :
       {std::string(), std::string("TFL3"), std::string(4096, '\0'),
        std::string("\x10\0\0\0TFL3", 8) + std::string(64, '\xff')}) {
    const auto d = FaceDetector::Create(Bytes(bad));
    ASSERT_FALSE(d.ok());
    EXPECT_NE(d.status().message().find("TensorFlow Lite model"),
              std::string::npos)
        << d.status();
  }
  // Every truncation refuses the file (the weights fill most of it).
  for (size_t length = 0; length < model.size(); length += 1 + length / 8) {
    const auto d =
        FaceDetector::Create(Bytes(std::string_view(model).substr(0, length)));
    EXPECT_FALSE(d.ok()) << "truncated to " << length;
  }
  // Random damage: refused with a message, or (a damaged weight) still runs.
  const RgbaImage tiny{16, 16, std::vector<uint8_t>(16 * 16 * 4, 200)};
  std::mt19937 random(6);
  for (int i = 0; i < 200; ++i) {
    std::string damaged = model;
    for (int k = 0; k < 4; ++k) {
      damaged[random() % damaged.size()] = static_cast<char>(random());
    }
    // Damage the FlatBuffer tables (the first and last kilobytes) more often.
    damaged[random() % 1024] = static_cast<char>(random());
    damaged[damaged.size() - 1 - random() % 4096] = static_cast<char>(random());
    auto d = FaceDetector::Create(Bytes(damaged));
    if (!d.ok()) {
      EXPECT_FALSE(d.status().message().empty());
      continue;
    }
    EXPECT_TRUE(
        (*d)->Detect(Bytes(tiny.pixels.data(), tiny.pixels.size()), 16, 16, {})
            .ok());
  }
}

// Why the extension ships full range: short range (128x128 input) is made
// for faces within ~2 m of the camera and sees no face under ~15% of its
// input side, even at MediaPipe's threshold (0.5); the astronaut's face on a
// wide canvas is 9 pixels at 128x128, 16 at full range's 192x192.
TEST(Faces, FacesOfAWideShotAreFoundThatShortRangeMisses) {
  ASSERT_NE(ShippedDetector(), nullptr);
  EXPECT_EQ(ShippedDetector()->input_size(), 192);
  const RgbaImage wide = OnCanvas(Photo("astronaut.png"), 1400, 600, 700, 40);
  const Box face = {kAstronautFace.x + 700, kAstronautFace.y + 40,
                    kAstronautFace.w, kAstronautFace.h};
  EXPECT_TRUE(Detect(wide, -1, ShortRangeDetector()).empty());
  const std::vector<Face> faces = Detect(wide, PackMinScore());
  ASSERT_EQ(faces.size(), 1u) << Describe(faces);
  EXPECT_GT(Iou(faces[0], face), 0.5f) << Describe(faces);
}

TEST(Faces, TilesOverlapAndCoverTheSide) {
  EXPECT_EQ(TileStarts(500, 563, 102), std::vector<int>{0});
  EXPECT_EQ(TileStarts(1024, 563, 102), (std::vector<int>{0, 461}));
  EXPECT_EQ(TileStarts(768, 563, 102), (std::vector<int>{0, 205}));
  const std::vector<int> long_side = TileStarts(1820, 563, 102);
  ASSERT_EQ(long_side.size(), 4u);
  EXPECT_EQ(long_side.front(), 0);
  EXPECT_EQ(long_side.back() + 563, 1820);
  for (size_t i = 1; i < long_side.size(); ++i) {
    EXPECT_GE(long_side[i - 1] + 563 - long_side[i], 102);
  }
}

// A face 5% of the picture's longer side (the astronaut at half size, far on
// a wide canvas) is ~10 pixels in full range's whole-picture input, too
// small to score; in a tile (0.75 of the longer side, here the whole height)
// it is ~14 pixels, with less around it, and is found.
TEST(Faces, FarFaceOfAWideShotIsFoundInATile) {
  const RgbaImage wide =
      OnCanvas(Half(Photo("astronaut.png")), 1000, 700, 620, 380);
  const Box face = {kAstronautFace.x / 2 + 620, kAstronautFace.y / 2 + 380,
                    kAstronautFace.w / 2, kAstronautFace.h / 2};
  const float min_score = static_cast<float>(PackMinScore());
  FaceOptions whole_only;
  whole_only.min_score = min_score;
  whole_only.tile_side = 0;
  const auto alone =
      ShippedDetector()->Detect(Bytes(wide.pixels.data(), wide.pixels.size()),
                                wide.width, wide.height, whole_only);
  ASSERT_TRUE(alone.ok()) << alone.status();
  EXPECT_TRUE(alone->empty()) << Describe(*alone);
  const std::vector<Face> faces = Detect(wide, min_score);
  ASSERT_EQ(faces.size(), 1u) << Describe(faces);
  EXPECT_GT(Iou(faces[0], face), 0.5f) << Describe(faces);
}

// A real wide shot (OpenCV's basketball1.png, Apache-2.0 AND BSD-3-Clause, see
// tests/fixtures/faces/README.md; the image evaluation's `basketball`): two men
// in a grey corridor, the left one's face 33 pixels in 640, found in a tile.
TEST(Faces, FarFaceInAGreyCorridorIsFound) {
  const std::string bytes = image::testing::ReadFileOrEmpty(
      VIGIE_SOURCE_DIR "/tests/fixtures/faces/basketball1.png");
  ASSERT_FALSE(bytes.empty());
  absl::StatusOr<RgbaImage> photo = DecodePixels(bytes);
  ASSERT_TRUE(photo.ok()) << photo.status();
  const Box left_face = {73, 99, 33, 33};  // measured by hand
  const std::vector<Face> faces =
      Detect(*photo, static_cast<float>(PackMinScore()));
  ASSERT_FALSE(faces.empty());
  float best = 0;
  for (const Face& f : faces) best = std::max(best, Iou(f, left_face));
  EXPECT_GT(best, 0.5f) << Describe(faces);
}

// The tiles in one run over the whole picture at their scale (the default)
// find what running each tile finds: the far faces of the wide shots above,
// boxes within a few pixels; a panorama, whose run at that scale would need
// more than 4 model inputs, goes tile by tile.
TEST(Faces, TilesInOneRunFindWhatEachTileFinds) {
  const std::string basketball = image::testing::ReadFileOrEmpty(
      VIGIE_SOURCE_DIR "/tests/fixtures/faces/basketball1.png");
  absl::StatusOr<RgbaImage> corridor = DecodePixels(basketball);
  ASSERT_TRUE(corridor.ok()) << corridor.status();
  const RgbaImage panorama =
      OnCanvas(Half(Photo("astronaut.png")), 3000, 300, 1400, 20);
  for (const RgbaImage* picture : {&*std::as_const(corridor), &panorama}) {
    std::vector<Face> found[2];
    for (bool one_run : {false, true}) {
      FaceOptions options;
      options.min_score = static_cast<float>(PackMinScore());
      options.tiles_in_one_run = one_run;
      auto faces = ShippedDetector()->Detect(
          Bytes(picture->pixels.data(), picture->pixels.size()), picture->width,
          picture->height, options);
      ASSERT_TRUE(faces.ok()) << faces.status();
      found[one_run] = *faces;
    }
    ASSERT_FALSE(found[0].empty());
    ASSERT_EQ(found[0].size(), found[1].size()) << Describe(found[1]);
    for (size_t i = 0; i < found[0].size(); ++i) {
      const Face& f = found[0][i];
      EXPECT_GT(Iou(found[1][i], {f.x, f.y, f.width, f.height}), 0.8f)
          << Describe(found[0]) << " vs" << Describe(found[1]);
      EXPECT_NEAR(found[1][i].score, f.score, 0.1f);
    }
  }
}

// A very long strip (a panorama of a row of people, cut tight) goes through
// the model in pieces at the tiles' scale: every face along it is found, in
// its place, including those where two pieces overlap.
TEST(Faces, EveryFaceAlongAVeryLongStripIsFound) {
  const RgbaImage astronaut = Photo("astronaut.png");
  ASSERT_GT(astronaut.width, 0);
  // The head, 130 pixels square, its face at (27, 25) 50 x 55.
  const RgbaImage head = Crop(Half(astronaut), 60, 10, 130, 130);
  constexpr int kHeads = 30;
  constexpr int kStep = 200;
  RgbaImage strip = Canvas(kHeads * kStep, 130);
  for (int i = 0; i < kHeads; ++i) Paste(head, i * kStep + 35, 0, &strip);
  std::vector<Face> faces = Detect(strip, static_cast<float>(PackMinScore()));
  ASSERT_EQ(faces.size(), size_t{kHeads}) << Describe(faces);
  std::sort(faces.begin(), faces.end(),
            [](const Face& a, const Face& b) { return a.x < b.x; });
  for (int i = 0; i < kHeads; ++i) {
    const Box face = {static_cast<float>(i * kStep + 35 + 27), 25, 50, 55};
    EXPECT_GT(Iou(faces[i], face), 0.5f) << i << Describe({faces[i]});
  }
}

// With tiles, the whole picture runs at 128 on its own aspect: it only has
// to find the faces too large for the tiles. A close-up whose face fills
// most of the frame (a selfie) is found, and portraits give the faces the
// model's own square, letterboxed input gives.
TEST(Faces, WholePictureAtItsOwnAspectFindsLargeFaces) {
  const RgbaImage astronaut = Photo("astronaut.png");
  const RgbaImage close_up = Crop(astronaut, 150, 50, 150, 135);
  const std::vector<Face> faces =
      Detect(close_up, static_cast<float>(PackMinScore()));
  ASSERT_EQ(faces.size(), 1u) << Describe(faces);
  EXPECT_GT(Iou(faces[0], {kAstronautFace.x - 150, kAstronautFace.y - 50,
                           kAstronautFace.w, kAstronautFace.h}),
            0.5f)
      << Describe(faces);

  for (const char* name : {"astronaut.png", "camera.png"}) {
    const RgbaImage photo = Photo(name);
    std::vector<Face> found[2];
    for (int whole_side : {0, -1}) {  // the model's square input, the default
      FaceOptions options;
      options.min_score = static_cast<float>(PackMinScore());
      options.whole_side = whole_side;
      auto result = ShippedDetector()->Detect(
          Bytes(photo.pixels.data(), photo.pixels.size()), photo.width,
          photo.height, options);
      ASSERT_TRUE(result.ok()) << result.status();
      found[whole_side == -1] = *result;
    }
    ASSERT_EQ(found[0].size(), 1u) << name << Describe(found[0]);
    ASSERT_EQ(found[1].size(), 1u) << name << Describe(found[1]);
    const Face& f = found[0][0];
    EXPECT_GT(Iou(found[1][0], {f.x, f.y, f.width, f.height}), 0.8f)
        << name << Describe(found[0]) << " vs" << Describe(found[1]);
  }
}

// A patient lying in bed photographed from the side: the face lies on its
// side, which BlazeFace does not see upright; the picture turned a quarter
// each way (at 64 pixels) finds it, boxed where it is.
TEST(Faces, FaceLyingOnItsSideIsFound) {
  const RgbaImage close_up = Crop(Photo("astronaut.png"), 150, 50, 150, 135);
  const Box face = {kAstronautFace.x - 150, kAstronautFace.y - 50,
                    kAstronautFace.w, kAstronautFace.h};
  for (bool clockwise : {true, false}) {
    // EXIF orientations 6 and 8 turn a picture a quarter clockwise and back.
    const RgbaImage lying = Upright(close_up, clockwise ? 6 : 8);
    const Box lying_face =
        clockwise
            ? Box{static_cast<float>(close_up.height) - face.y - face.h, face.x,
                  face.h, face.w}
            : Box{face.y, static_cast<float>(close_up.width) - face.x - face.w,
                  face.h, face.w};
    FaceOptions options;
    options.min_score = static_cast<float>(PackMinScore());
    const Bytes pixels(lying.pixels.data(), lying.pixels.size());
    auto found =
        ShippedDetector()->Detect(pixels, lying.width, lying.height, options);
    ASSERT_TRUE(found.ok()) << found.status();
    ASSERT_EQ(found->size(), 1u) << clockwise << Describe(*found);
    EXPECT_GT(Iou((*found)[0], lying_face), 0.5f) << Describe(*found);

    options.turned_side = 0;
    auto upright_only =
        ShippedDetector()->Detect(pixels, lying.width, lying.height, options);
    ASSERT_TRUE(upright_only.ok()) << upright_only.status();
    EXPECT_TRUE(upright_only->empty()) << clockwise << Describe(*upright_only);
  }
}

// A night photo: the basketball fixture at 8% of its light (mean luma about
// 0.04). Its far face, lost as the photo is, is found once the photo is
// brightened, where the well-lit photo has it.
TEST(Faces, UnderExposedPhotoIsBrightenedBeforeDetection) {
  absl::StatusOr<RgbaImage> lit = DecodePixels(image::testing::ReadFileOrEmpty(
      VIGIE_SOURCE_DIR "/tests/fixtures/faces/basketball1.png"));
  ASSERT_TRUE(lit.ok()) << lit.status();
  const float min_score = static_cast<float>(PackMinScore());
  const std::vector<Face> in_light = Detect(*lit, min_score);
  ASSERT_FALSE(in_light.empty());

  RgbaImage night = *lit;
  for (size_t i = 0; i < night.pixels.size(); ++i) {
    if (i % 4 != 3) {
      night.pixels[i] = static_cast<uint8_t>(night.pixels[i] * 0.08);
    }
  }
  const Bytes pixels(night.pixels.data(), night.pixels.size());
  EXPECT_LT(MeanLuma(pixels, night.width, night.height), 0.05f);
  std::vector<uint8_t> brightened;
  ASSERT_TRUE(BrightenIfDark(pixels, night.width, night.height, 0.3f, 0.4f,
                             &brightened));
  EXPECT_NEAR(MeanLuma(Bytes(brightened.data(), brightened.size()), night.width,
                       night.height),
              0.4f, 0.1f);

  FaceOptions as_taken;
  as_taken.min_score = min_score;
  as_taken.dark_mean = 0;
  auto unseen =
      ShippedDetector()->Detect(pixels, night.width, night.height, as_taken);
  ASSERT_TRUE(unseen.ok()) << unseen.status();
  EXPECT_TRUE(unseen->empty()) << Describe(*unseen);

  const std::vector<Face> found = Detect(night, min_score);
  ASSERT_FALSE(found.empty());
  const Face& f = in_light[0];
  EXPECT_GT(Iou(found[0], {f.x, f.y, f.width, f.height}), 0.5f)
      << Describe(in_light) << " vs" << Describe(found);
}

// Well-lit and black pictures are left as they are.
TEST(Faces, OnlyDarkPicturesAreBrightened) {
  const RgbaImage astronaut = Photo("astronaut.png");
  std::vector<uint8_t> out;
  EXPECT_FALSE(
      BrightenIfDark(Bytes(astronaut.pixels.data(), astronaut.pixels.size()),
                     astronaut.width, astronaut.height, 0.3f, 0.4f, &out));
  const std::vector<uint8_t> black(size_t{64} * 64 * 4, 0);
  EXPECT_FALSE(BrightenIfDark(Bytes(black.data(), black.size()), 64, 64, 0.3f,
                              0.4f, &out));
  EXPECT_TRUE(out.empty());
}

// A 2x3 input (pixels a b c over d e f, 3 channels each) turned a quarter:
// clockwise d a / e b / f c, counter-clockwise c f / b e / a d.
TEST(FaceOps, TurnTensorTurnsTheInputAQuarter) {
  std::vector<float> in;
  for (float pixel : {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f}) {  // a..f
    for (int channel = 0; channel < 3; ++channel) {
      in.push_back(pixel * 10 + static_cast<float>(channel));
    }
  }
  const auto pixels = [](const std::vector<float>& tensor) {
    std::vector<float> first_channel;
    for (size_t i = 0; i < tensor.size(); i += 3) {
      EXPECT_EQ(tensor[i + 2], tensor[i] + 2);  // channels travel together
      first_channel.push_back(tensor[i] / 10);
    }
    return first_channel;
  };
  std::vector<float> out;
  TurnTensor(in, 2, 3, Turn::kClockwise, &out);
  EXPECT_EQ(pixels(out), (std::vector<float>{3, 0, 4, 1, 5, 2}));
  TurnTensor(in, 2, 3, Turn::kCounterClockwise, &out);
  EXPECT_EQ(pixels(out), (std::vector<float>{2, 5, 1, 4, 0, 3}));
}

// The operators' vector paths against plain loops: a pointwise convolution
// with a skip connection of fewer channels (BlazeFace's PAD + ADD, fused),
// leftover pixels and channels; 3x3 depthwise convolutions, strided,
// dilated, padded, whose inner columns take the register-held weights.
std::vector<float> Noise(size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> value(-1, 1);
  std::vector<float> v(n);
  for (float& x : v) x = value(random);
  return v;
}

// The wide network (another input size) takes the whole-picture network's
// weights instead of copying them: it must compute exactly what a network
// built alone computes, before and after the other one runs.
TEST(Faces, WideNetworkSharingWeightsRunsAsOneBuiltAlone) {
  const std::string file =
      ReadOrFail(std::string(kModelDir) + "face_detection_full_range.tflite");
  absl::StatusOr<TfliteModel> model = ReadTfliteModel(Bytes(file));
  ASSERT_TRUE(model.ok()) << model.status();
  absl::StatusOr<Graph> base = Graph::Build(*model);
  ASSERT_TRUE(base.ok()) << base.status();
  absl::StatusOr<ResizedModel> wide = WithInputSize(*model, 256, 192);
  ASSERT_TRUE(wide.ok()) << wide.status();
  absl::StatusOr<Graph> alone = Graph::Build(wide->model);
  absl::StatusOr<Graph> sharing = Graph::Build(wide->model, &*base);
  ASSERT_TRUE(alone.ok()) << alone.status();
  ASSERT_TRUE(sharing.ok()) << sharing.status();

  const std::vector<float> input = Noise(256 * 192 * 3, 7);
  std::vector<float> scratch;
  alone->Run(input.data(), &scratch);
  std::vector<std::vector<float>> expected;
  for (size_t i = 0; i < alone->output_count(); ++i) {
    expected.emplace_back(alone->output(i),
                          alone->output(i) + alone->output_size(i));
  }
  const std::vector<float> base_input = Noise(192 * 192 * 3, 8);
  for (int round = 0; round < 2; ++round) {
    base->Run(base_input.data(), &scratch);  // shares weights and scratch
    sharing->Run(input.data(), &scratch);
    ASSERT_EQ(sharing->output_count(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      const std::vector<float> got(
          sharing->output(i), sharing->output(i) + sharing->output_size(i));
      EXPECT_EQ(got, expected[i]) << "output " << i << ", round " << round;
    }
  }
}

TEST(FaceOps, PointwiseConvolutionWithResidualMatchesAPlainLoop) {
  for (const auto& [in_c, out_c, residual_c] :
       {std::tuple{12, 24, 16}, std::tuple{8, 13, 12}, std::tuple{5, 8, 0}}) {
    const int pixels = 7;
    const std::vector<float> in = Noise(pixels * in_c, 1);
    const std::vector<float> weights = Noise(in_c * out_c, 2);  // [in][out]
    const std::vector<float> bias = Noise(out_c, 3);
    const std::vector<float> residual = Noise(pixels * residual_c, 4);
    const Clamp relu = {0.0f, Clamp().hi};
    std::vector<float> out(pixels * out_c);
    PointwiseConv2D(in.data(), pixels, in_c, weights.data(), bias.data(), out_c,
                    residual_c ? residual.data() : nullptr, residual_c, relu,
                    out.data());
    for (int p = 0; p < pixels; ++p) {
      for (int o = 0; o < out_c; ++o) {
        float sum = bias[o];
        for (int c = 0; c < in_c; ++c) {
          sum += in[p * in_c + c] * weights[c * out_c + o];
        }
        if (o < residual_c) sum += residual[p * residual_c + o];
        EXPECT_FLOAT_EQ(out[p * out_c + o], std::max(sum, 0.0f))
            << in_c << "->" << out_c << " pixel " << p << " channel " << o;
      }
    }
  }
}

TEST(FaceOps, DepthwiseConvolutionMatchesAPlainLoop) {
  struct Case {
    Hwc in;
    int stride, dilation, pad;
  };
  for (const Case& k : {Case{{9, 11, 8}, 1, 1, 1}, Case{{10, 12, 12}, 2, 1, 0},
                        Case{{9, 9, 4}, 1, 2, 2}, Case{{7, 8, 6}, 1, 1, 1}}) {
    Window w;
    w.kh = w.kw = 3;
    w.stride_h = w.stride_w = k.stride;
    w.dilation_h = w.dilation_w = k.dilation;
    w.pad_top = w.pad_left = k.pad;
    const int span = 2 * k.dilation + 1;
    const Hwc out{(k.in.h + 2 * k.pad - span) / k.stride + 1,
                  (k.in.w + 2 * k.pad - span) / k.stride + 1, k.in.c};
    const std::vector<float> in = Noise(k.in.size(), 5);
    const std::vector<float> weights = Noise(9 * k.in.c, 6);
    const std::vector<float> bias = Noise(k.in.c, 7);
    std::vector<float> got(out.size());
    DepthwiseConv2D(in.data(), k.in, weights.data(), bias.data(), w, Clamp(),
                    got.data(), out);
    for (int y = 0; y < out.h; ++y) {
      for (int x = 0; x < out.w; ++x) {
        for (int c = 0; c < out.c; ++c) {
          float sum = bias[c];
          for (int ky = 0; ky < 3; ++ky) {
            for (int kx = 0; kx < 3; ++kx) {
              const int iy = y * k.stride - k.pad + ky * k.dilation;
              const int ix = x * k.stride - k.pad + kx * k.dilation;
              if (iy < 0 || iy >= k.in.h || ix < 0 || ix >= k.in.w) continue;
              sum += in[(iy * k.in.w + ix) * k.in.c + c] *
                     weights[(ky * 3 + kx) * k.in.c + c];
            }
          }
          EXPECT_FLOAT_EQ(got[(y * out.w + x) * out.c + c], sum)
              << "stride " << k.stride << " dilation " << k.dilation << " at "
              << y << "," << x << "," << c;
        }
      }
    }
  }
}

// Short range still works (the CLI's --face-model) at its own threshold.
TEST(Faces, ShortRangeModelFindsThePortraits) {
  for (const auto& [name, face] : {std::pair{"astronaut.png", kAstronautFace},
                                   std::pair{"camera.png", kCameramanFace}}) {
    const std::vector<Face> faces =
        Detect(Photo(name), -1, ShortRangeDetector());
    ASSERT_EQ(faces.size(), 1u) << name << Describe(faces);
    EXPECT_GT(Iou(faces[0], face), 0.5f) << name << Describe(faces);
  }
}

TEST(Faces, WrongPixelBufferIsRefused) {
  auto d = FaceDetector::Create(Bytes(ShortRangeModel()));
  ASSERT_TRUE(d.ok()) << d.status();
  const std::vector<uint8_t> pixels(10 * 10 * 4);
  EXPECT_FALSE(
      (*d)->Detect(Bytes(pixels.data(), pixels.size()), 10, 11, {}).ok());
  EXPECT_FALSE(
      (*d)->Detect(Bytes(pixels.data(), pixels.size()), 0, 0, {}).ok());
  EXPECT_TRUE(
      (*d)->Detect(Bytes(pixels.data(), pixels.size()), 10, 10, {}).ok());
}

TEST(Faces, PicturesAreTurnedUprightAsBrowsersShowThem) {
  // Stored 3x2: A B C / D E F.
  const RgbaImage stored{3, 2, {'A', 0, 0, 0, 'B', 0, 0, 0, 'C', 0, 0, 0,
                                'D', 0, 0, 0, 'E', 0, 0, 0, 'F', 0, 0, 0}};
  const auto shown = [&stored](int orientation) {
    const RgbaImage up = Upright(stored, orientation);
    std::string rows;
    for (int y = 0; y < up.height; ++y) {
      for (int x = 0; x < up.width; ++x)
        rows += char(up.pixels[(y * up.width + x) * 4]);
      rows += '/';
    }
    return rows;
  };
  EXPECT_EQ(shown(1), "ABC/DEF/");
  EXPECT_EQ(shown(2), "CBA/FED/");
  EXPECT_EQ(shown(3), "FED/CBA/");
  EXPECT_EQ(shown(4), "DEF/ABC/");
  EXPECT_EQ(shown(5), "AD/BE/CF/");
  EXPECT_EQ(shown(6), "DA/EB/FC/");  // a quarter turn clockwise
  EXPECT_EQ(shown(7), "FC/EB/DA/");
  EXPECT_EQ(shown(8), "CF/BE/AD/");  // a quarter turn anticlockwise
  EXPECT_EQ(shown(0), "ABC/DEF/");
}

TEST(Faces, UnreadablePicturesAreRefused) {
  EXPECT_FALSE(DecodePixels("GIF89a").ok());
  EXPECT_FALSE(DecodePixels("\x89PNG\r\n\x1a\nbroken").ok());
  EXPECT_FALSE(DecodePixels("\xff\xd8\xff\xe0 broken").ok());
}

}  // namespace
}  // namespace vigie::faces
