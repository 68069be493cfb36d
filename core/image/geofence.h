// Named polygons (CHU sites) and whether a GPS position falls inside one,
// within a margin. The polygons come from the rule pack, never from code.
#ifndef VIGIE_CORE_IMAGE_GEOFENCE_H_
#define VIGIE_CORE_IMAGE_GEOFENCE_H_

#include <optional>
#include <string>
#include <vector>

namespace vigie::image {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

struct Geofence {
  std::string id;
  std::string name;             // "Hôtel-Dieu"
  std::string at;               // "à l'Hôtel-Dieu": the name after "prise"
  std::vector<LatLon> polygon;  // at least 3 vertices, not closed
  double margin_m = 0;
};

struct GeofenceHit {
  const Geofence* fence = nullptr;
  double distance_m = 0;  // 0 inside the polygon, else to its edge
};

// Distance in metres from `p` to the polygon (0 when inside). The polygon is
// projected on a plane tangent at `p` (equirectangular), which is accurate
// to well under a metre at the scale of a hospital site.
double DistanceToPolygonM(const LatLon& p, const std::vector<LatLon>& polygon);

// The geofence that contains `p` (within its margin); the closest one when
// several do. nullopt when none does.
std::optional<GeofenceHit> FindGeofence(const LatLon& p,
                                        const std::vector<Geofence>& fences);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_GEOFENCE_H_
