#include "core/image/geofence.h"

#include <algorithm>
#include <cmath>

namespace vigie::image {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthRadiusM = 6371008.8;

struct Xy {
  double x;
  double y;
};

double SegmentDistance(Xy a, Xy b) {  // from the origin to segment ab
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? -(a.x * dx + a.y * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(a.x + t * dx, a.y + t * dy);
}

}  // namespace

double DistanceToPolygonM(const LatLon& p, const std::vector<LatLon>& polygon) {
  if (polygon.size() < 3) return INFINITY;
  const double k = kPi / 180 * kEarthRadiusM;
  const double cos_lat = std::cos(p.lat * kPi / 180);
  const auto project = [&](const LatLon& q) {
    return Xy{(q.lon - p.lon) * k * cos_lat, (q.lat - p.lat) * k};
  };
  bool inside = false;
  double nearest = INFINITY;
  for (size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
    const Xy a = project(polygon[i]);
    const Xy b = project(polygon[j]);
    // Ray cast along +x from the origin.
    if ((a.y > 0) != (b.y > 0)) {
      const double x = a.x + (0 - a.y) * (b.x - a.x) / (b.y - a.y);
      if (x > 0) inside = !inside;
    }
    nearest = std::min(nearest, SegmentDistance(a, b));
  }
  return inside ? 0 : nearest;
}

std::optional<GeofenceHit> FindGeofence(const LatLon& p,
                                        const std::vector<Geofence>& fences) {
  std::optional<GeofenceHit> best;
  for (const Geofence& fence : fences) {
    const double d = DistanceToPolygonM(p, fence.polygon);
    if (d <= fence.margin_m && (!best || d < best->distance_m)) {
      best = GeofenceHit{&fence, d};
    }
  }
  return best;
}

}  // namespace vigie::image
