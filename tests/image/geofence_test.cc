#include "core/image/geofence.h"

#include <string>

#include "core/image/image_rules.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

// A 0.01° square near Nantes (about 750 m by 1110 m).
const std::vector<LatLon> kSquare = {
    {47.20, -1.56}, {47.21, -1.56}, {47.21, -1.55}, {47.20, -1.55}};

TEST(GeofenceTest, InsideIsZero) {
  EXPECT_EQ(DistanceToPolygonM({47.205, -1.555}, kSquare), 0);
}

TEST(GeofenceTest, OutsideIsTheDistanceToTheEdge) {
  // 0.001° of latitude north of the top edge: about 111 m.
  EXPECT_NEAR(DistanceToPolygonM({47.211, -1.555}, kSquare), 111.2, 0.5);
  // West of the west edge by 0.001° of longitude: 111 km * cos(47.2°) / 1000.
  EXPECT_NEAR(DistanceToPolygonM({47.205, -1.561}, kSquare), 75.5, 0.5);
}

TEST(GeofenceTest, MarginAndClosestFence) {
  std::vector<Geofence> fences(2);
  fences[0] = Geofence{"a", "A", "à A", kSquare, 50};
  fences[1] = Geofence{"b", "B", "à B", kSquare, 200};
  std::optional<GeofenceHit> hit = FindGeofence({47.211, -1.555}, fences);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->fence->id, "b");  // only B's margin reaches 111 m
  EXPECT_FALSE(FindGeofence({47.22, -1.555}, fences).has_value());
}

TEST(GeofenceTest, DegeneratePolygonsNeverMatch) {
  EXPECT_TRUE(std::isinf(DistanceToPolygonM({0, 0}, {})));
  std::vector<Geofence> fences(1);
  fences[0] = Geofence{"a", "A", "à A", {{0, 0}, {0, 0}}, 5000};
  EXPECT_FALSE(FindGeofence({0, 0}, fences).has_value());
}

// The pack's approximate CHU sites: a point in each, and points elsewhere.
TEST(GeofenceTest, ChuNantesSites) {
  const nlohmann::json section = nlohmann::json::parse(
      testing::ReadFileOrEmpty(VIGIE_SOURCE_DIR "/packs/chu-nantes/image.json"),
      nullptr, false);
  absl::StatusOr<ImageRules> rules = ParseImageSection(section, "/image");
  ASSERT_TRUE(rules.ok()) << rules.status();
  const struct {
    LatLon where;
    const char* site;
  } cases[] = {
      {{47.2120, -1.5540}, "hotel-dieu"},
      {{47.2389, -1.6359}, "hopital-nord-laennec"},
      {{47.1975, -1.5365}, "hopital-saint-jacques"},
      {{47.2265, -1.5470}, "hopital-bellier"},
      {{47.2612, -1.4450}, "la-seilleraye"},
      {{47.2184, -1.5536}, nullptr},  // Place Royale, Nantes
      {{48.8566, 2.3522}, nullptr},   // Paris
      {{0, 0}, nullptr},
  };
  for (const auto& c : cases) {
    std::optional<GeofenceHit> hit = FindGeofence(c.where, rules->geofences);
    if (c.site == nullptr) {
      EXPECT_FALSE(hit.has_value()) << c.where.lat << "," << c.where.lon;
    } else {
      ASSERT_TRUE(hit.has_value()) << c.site;
      EXPECT_EQ(hit->fence->id, c.site);
    }
  }
}

}  // namespace
}  // namespace vigie::image
