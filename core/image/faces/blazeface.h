// Face detection with MediaPipe's BlazeFace models (npm
// @mediapipe/face_detection, Apache-2.0): face_detection_short_range.tflite
// (128x128 input, 896 SSD anchors on strides 8,16,16,16) and
// face_detection_full_range.tflite (192x192, 2304 anchors on stride 4),
// run by graph.h without any ML runtime. Post-processing follows MediaPipe's
// face_detection graphs: sigmoid scores, box decoding against fixed-size
// anchors, weighted non-maximum suppression, letterbox removal.
//
//   auto detector = FaceDetector::Create(model_bytes);   // once
//   auto faces = (*detector)->Detect(rgba, width, height, {});
#ifndef VIGIE_CORE_IMAGE_FACES_BLAZEFACE_H_
#define VIGIE_CORE_IMAGE_FACES_BLAZEFACE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/image/bytes.h"
#include "core/image/faces/graph.h"
#include "core/image/faces/letterbox.h"

namespace vigie::faces {

// Largest picture accepted (pixels), far above any camera.
inline constexpr int64_t kMaxDetectPixels = int64_t{1} << 28;

// A face in the picture's pixels (clamped to the picture) and its score in
// [0, 1].
struct Face {
  float x = 0;
  float y = 0;
  float width = 0;
  float height = 0;
  float score = 0;
};

struct FaceOptions {
  // Minimum score; below 0 uses MediaPipe's default for the model (0.5 short
  // range, 0.6 full range).
  float min_score = -1;
  float min_suppression_iou = 0.3f;  // MediaPipe's value
  size_t max_faces = 100;
  // Square tiles whose side is this fraction of the picture's longer side
  // (at most the shorter side) also go through the model; 0: the whole
  // picture only; below 0: the model's default (full range 0.75: the two
  // largest squares of a 4:3 photo; short range none: its false alarms rise
  // on tiles). Squeezed whole into full range's input, a face under ~10% of
  // the longer side is under ~19 model pixels, where the model often scores
  // it poorly (the far faces of a wide shot); a tile shows it larger, with
  // less around it.
  float tile_side = -1;
  // Tiles overlap by at least this fraction of the longer side (at most
  // half a tile), so that a face of that size lies whole in one tile; a face
  // a tile cuts is left to the tile that holds it, or to the whole picture.
  float tile_overlap = 0.1f;
  // true: the tiles go through the model in one run over the whole picture
  // shrunk as much as a tile is (the network is fully convolutional: it
  // computes what each tile would give, without the zero padding at the
  // tiles' sides), 1.3 runs' work on a 4:3 photo instead of 2, 1.8 on a
  // square one instead of 4; a panorama, whose run would need more than 4
  // model inputs, in runs on pieces of it overlapping by a tile (a 20000 x
  // 200 strip: 33 runs of 4 inputs instead of 199 tiles); false: one run per
  // tile.
  bool tiles_in_one_run = true;
  // The whole picture goes through the model at this longer side, its
  // shorter side following the picture's aspect (the network is fully
  // convolutional: no letterbox borders to compute); 0: the model's own
  // square input, letterboxed; below 0: the model's default (full range
  // 128: with tiles, the whole picture only has to find the faces too large
  // for them, over ~25% of the longer side, 32 model pixels or more there).
  int whole_side = -1;
  // A photo whose mean luma (0-1) is under dark_mean is brightened to a mean
  // of brightened_mean first (exposure.h); 0: never. An under-exposed face
  // scores lower than the same face well lit.
  float dark_mean = 0.3f;
  float brightened_mean = 0.4f;
  // The picture also goes through the model at this longer side, turned a
  // quarter each way: BlazeFace finds upright faces, and a patient lying in
  // bed photographed from the side has a face on its side. A turned box only
  // adds a face no upright run saw. 0: not looked for; below 0: the model's
  // default (full range with tiles 64: a face of a quarter of the longer
  // side, as a close-up of a patient in bed, is 16 model pixels there; none
  // without tiles).
  int turned_side = -1;
};

// An SSD anchor centre in the model input, in [0, 1].
struct Anchor {
  float x = 0;
  float y = 0;
};

// MediaPipe's SsdAnchorsCalculator with fixed_anchor_size: layers sharing a
// stride share a grid; each layer adds two anchors per cell (aspect ratio 1
// and the interpolated scale) when `two_per_layer`, else one.
std::vector<Anchor> SsdAnchors(int input_size, const std::vector<int>& strides,
                               bool two_per_layer);
// The same on an input of height x width (the grids' cells cover it).
std::vector<Anchor> GridAnchors(int height, int width,
                                const std::vector<int>& strides,
                                bool two_per_layer);

// Weighted non-maximum suppression (MediaPipe's WEIGHTED algorithm): the best
// box absorbs the boxes that overlap it by more than `min_iou`; its
// coordinates become their score-weighted mean, its score stays its own.
// Boxes are in any common unit; the result is sorted by score.
std::vector<Face> WeightedNms(std::vector<Face> boxes, float min_iou,
                              size_t max_faces);

// Where tiles of `tile` pixels start along a side of `length` pixels so that
// consecutive tiles overlap by at least `overlap` pixels, spread evenly from
// 0 to length - tile ({0} when one tile covers the side).
std::vector<int> TileStarts(int length, int tile, int overlap);

class FaceDetector {
 public:
  // Reads and checks the model; `model_file` may be released afterwards.
  static absl::StatusOr<std::unique_ptr<FaceDetector>> Create(
      image::Bytes model_file);

  int input_size() const { return network_.width; }

  // `rgba` holds width * height * 4 bytes, as a browser's ImageData.
  absl::StatusOr<std::vector<Face>> Detect(image::Bytes rgba, int width,
                                           int height,
                                           const FaceOptions& options);

 private:
  // A part of the picture the model looks at: the whole picture or a tile.
  struct View {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
  };
  // The model for one input size and its anchors.
  struct Network {
    Graph graph;
    int height = 0;
    int width = 0;
    std::vector<Anchor> anchors;
  };
  // Runs `net` on `view` of the picture (`width` pixels per row) and
  // appends the boxes scoring at least `min_logit`, in picture pixels. Boxes
  // crossing a side of the view that is inside the picture are dropped: the
  // face is cut there.
  void AddCandidates(Network& net, const uint8_t* rgba, int width, int height,
                     const View& view, float min_logit,
                     std::vector<Face>* candidates);
  // The tiles' view of the picture: the picture at the tiles' scale through
  // `wide_`, in one run or, for a panorama, in pieces.
  absl::Status AddWideCandidates(const uint8_t* rgba, int width, int height,
                                 int tile, float min_logit,
                                 std::vector<Face>* candidates);
  // Runs `net` on `input`, the view letterboxed as `box` says and turned by
  // `turn`, and appends its boxes as AddCandidates does.
  void Decode(Network& net, const float* input, const Letterbox& box, Turn turn,
              int width, int height, const View& view, float min_logit,
              std::vector<Face>* candidates);
  // The model on an input of at least height x width (rounded up to what its
  // strides divide), built in `slot` on first use and kept there for the
  // next picture of that size.
  absl::StatusOr<Network*> SizedNetwork(std::unique_ptr<Network>* slot,
                                        int height, int width);
  // `side` rounded up to what the network's strides divide.
  int Aligned(int side) const;

  FaceDetector(std::string model_file, Network network,
               std::vector<int> strides, bool two_per_layer, int alignment,
               float default_min_score, float default_tile_side,
               int default_whole_side, int default_turned_side,
               size_t boxes_output, size_t scores_output)
      : model_file_(std::move(model_file)),
        network_(std::move(network)),
        strides_(std::move(strides)),
        two_per_layer_(two_per_layer),
        alignment_(alignment),
        default_min_score_(default_min_score),
        default_tile_side_(default_tile_side),
        default_whole_side_(default_whole_side),
        default_turned_side_(default_turned_side),
        boxes_output_(boxes_output),
        scores_output_(scores_output) {}

  std::string model_file_;           // for SizedNetwork()
  Network network_;                  // the model's own input size
  std::unique_ptr<Network> whole_;   // the whole picture at whole_side
  std::unique_ptr<Network> turned_;  // at turned_side, its sides swapped
  std::unique_ptr<Network> wide_;    // the whole picture at the tiles' scale
  std::vector<int> strides_;
  bool two_per_layer_;
  int alignment_;  // input sides must be multiples of it
  float default_min_score_;
  float default_tile_side_;
  int default_whole_side_;
  int default_turned_side_;
  size_t boxes_output_;
  size_t scores_output_;
  std::vector<float> input_;         // reused between calls
  std::vector<float> turned_input_;  // input_ turned a quarter
  std::vector<float> scratch_;       // activations of both networks
};

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_BLAZEFACE_H_
