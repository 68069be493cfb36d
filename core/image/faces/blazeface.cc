#include "core/image/faces/blazeface.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "core/image/faces/exposure.h"
#include "core/image/faces/input_size.h"
#include "core/image/faces/letterbox.h"

namespace vigie::faces {
namespace {

// MediaPipe's face_detection_{short,full}_range graph settings, chosen by
// the model's input size.
struct ModelConfig {
  int input_size;
  std::vector<int> strides;
  bool two_per_layer;  // interpolated_scale_aspect_ratio 1.0 (short) or 0
  float min_score;
  float tile_side;  // FaceOptions::tile_side
  int whole_side;   // FaceOptions::whole_side
  int turned_side;  // FaceOptions::turned_side
};

const ModelConfig* ConfigFor(int input_size) {
  static const ModelConfig kConfigs[] = {
      {128, {8, 16, 16, 16}, true, 0.5f, 0, 0, 0},
      {192, {4}, false, 0.6f, 0.75f, 128, 64},
  };
  for (const ModelConfig& c : kConfigs) {
    if (c.input_size == input_size) return &c;
  }
  return nullptr;
}

// A view side on the picture's border: no face is cut there.
constexpr float kNoSide = 1e30f;

// The most model inputs (of the model's own size) one run at the tiles' scale
// takes: its activations' memory grows with it.
constexpr double kMaxRunInputs = 4;
// The most model inputs all runs at the tiles' scale take together: a very
// long strip (20000 x 200 pixels) takes about its aspect ratio in inputs.
constexpr double kMaxWideInputs = 128;

float Iou(const Face& a, const Face& b) {
  const float x0 = std::max(a.x, b.x);
  const float y0 = std::max(a.y, b.y);
  const float x1 = std::min(a.x + a.width, b.x + b.width);
  const float y1 = std::min(a.y + a.height, b.y + b.height);
  if (x1 <= x0 || y1 <= y0) return 0;
  const float overlap = (x1 - x0) * (y1 - y0);
  return overlap / (a.width * a.height + b.width * b.height - overlap);
}

}  // namespace

std::vector<Anchor> SsdAnchors(int input_size, const std::vector<int>& strides,
                               bool two_per_layer) {
  return GridAnchors(input_size, input_size, strides, two_per_layer);
}

std::vector<Anchor> GridAnchors(int height, int width,
                                const std::vector<int>& strides,
                                bool two_per_layer) {
  std::vector<Anchor> anchors;
  size_t layer = 0;
  while (layer < strides.size()) {
    size_t next = layer;
    int per_cell = 0;
    while (next < strides.size() && strides[next] == strides[layer]) {
      per_cell += two_per_layer ? 2 : 1;
      ++next;
    }
    const int rows = (height + strides[layer] - 1) / strides[layer];
    const int columns = (width + strides[layer] - 1) / strides[layer];
    for (int y = 0; y < rows; ++y) {
      for (int x = 0; x < columns; ++x) {
        for (int k = 0; k < per_cell; ++k) {
          anchors.push_back(
              {(static_cast<float>(x) + 0.5f) / static_cast<float>(columns),
               (static_cast<float>(y) + 0.5f) / static_cast<float>(rows)});
        }
      }
    }
    layer = next;
  }
  return anchors;
}

std::vector<Face> WeightedNms(std::vector<Face> boxes, float min_iou,
                              size_t max_faces) {
  std::stable_sort(
      boxes.begin(), boxes.end(),
      [](const Face& a, const Face& b) { return a.score > b.score; });
  std::vector<Face> kept;
  while (!boxes.empty() && kept.size() < max_faces) {
    const Face best = boxes.front();
    std::vector<Face> rest;
    double total = 0;
    double x0 = 0;
    double y0 = 0;
    double x1 = 0;
    double y1 = 0;
    for (const Face& b : boxes) {  // includes `best` itself (IoU 1)
      if (Iou(b, best) > min_iou || &b == &boxes.front()) {
        total += b.score;
        x0 += double{b.score} * b.x;
        y0 += double{b.score} * b.y;
        x1 += double{b.score} * (b.x + b.width);
        y1 += double{b.score} * (b.y + b.height);
      } else {
        rest.push_back(b);
      }
    }
    Face merged = best;
    if (total > 0) {
      merged.x = static_cast<float>(x0 / total);
      merged.y = static_cast<float>(y0 / total);
      merged.width = static_cast<float>(x1 / total) - merged.x;
      merged.height = static_cast<float>(y1 / total) - merged.y;
    }
    kept.push_back(merged);
    boxes = std::move(rest);
  }
  return kept;
}

absl::StatusOr<std::unique_ptr<FaceDetector>> FaceDetector::Create(
    image::Bytes model_file) {
  absl::StatusOr<TfliteModel> model = ReadTfliteModel(model_file);
  if (!model.ok()) return model.status();
  absl::StatusOr<Graph> graph = Graph::Build(*model);
  if (!graph.ok()) return graph.status();
  const Hwc in = graph->input_shape();
  const ModelConfig* config =
      in.h == in.w && in.c == 3 ? ConfigFor(in.h) : nullptr;
  if (config == nullptr) {
    return absl::InvalidArgumentError(
        "unsupported face model: input " + std::to_string(in.h) + "x" +
        std::to_string(in.w) + "x" + std::to_string(in.c) +
        " is neither BlazeFace short range (128x128x3) nor full range "
        "(192x192x3)");
  }
  std::vector<Anchor> anchors =
      SsdAnchors(config->input_size, config->strides, config->two_per_layer);
  // Outputs: boxes [1, anchors, >= 4] and scores [1, anchors, 1], either order.
  size_t boxes = graph->output_count();
  size_t scores = graph->output_count();
  for (size_t i = 0; i < graph->output_count(); ++i) {
    const std::vector<int32_t>& s = graph->output_shape(i);
    if (s.size() != 3 || s[0] != 1 ||
        s[1] != static_cast<int32_t>(anchors.size())) {
      continue;
    }
    if (s[2] == 1) scores = i;
    if (s[2] >= 4) boxes = i;
  }
  if (boxes == graph->output_count() || scores == graph->output_count()) {
    return absl::InvalidArgumentError(
        "unsupported face model: expected outputs [1," +
        std::to_string(anchors.size()) + ",16] and [1," +
        std::to_string(anchors.size()) + ",1]");
  }
  // The network halves its input down to its smallest feature map: other
  // input sides must be multiples of that factor for its branches to meet.
  int smallest = in.h;
  for (const TfliteOperator& op : model->operators) {
    const std::vector<int32_t>& out = model->tensors[op.outputs[0]].shape;
    if ((op.builtin == kOpConv2D || op.builtin == kOpDepthwiseConv2D ||
         op.builtin == kOpMaxPool2D) &&
        out.size() == 4 && out[1] > 0) {
      smallest = std::min(smallest, out[1]);
    }
  }
  const int alignment = in.h % smallest == 0 ? in.h / smallest : in.h;
  Network network{*std::move(graph), in.h, in.w, std::move(anchors)};
  return std::unique_ptr<FaceDetector>(new FaceDetector(
      std::string(reinterpret_cast<const char*>(model_file.data()),
                  model_file.size()),
      std::move(network), config->strides, config->two_per_layer, alignment,
      config->min_score, config->tile_side, config->whole_side,
      config->turned_side, boxes, scores));
}

int FaceDetector::Aligned(int side) const {
  return (side + alignment_ - 1) / alignment_ * alignment_;
}

absl::StatusOr<FaceDetector::Network*> FaceDetector::SizedNetwork(
    std::unique_ptr<Network>* slot, int height, int width) {
  height = Aligned(height);
  width = Aligned(width);
  if (*slot && (*slot)->height == height && (*slot)->width == width) {
    return slot->get();
  }
  slot->reset();  // its memory first
  absl::StatusOr<TfliteModel> model =
      ReadTfliteModel(image::Bytes(model_file_));
  if (!model.ok()) return model.status();
  absl::StatusOr<ResizedModel> resized = WithInputSize(*model, height, width);
  if (!resized.ok()) return resized.status();
  // Its weights are the whole-picture network's.
  absl::StatusOr<Graph> graph = Graph::Build(resized->model, &network_.graph);
  if (!graph.ok()) return graph.status();
  std::vector<Anchor> anchors =
      GridAnchors(height, width, strides_, two_per_layer_);
  for (size_t output : {boxes_output_, scores_output_}) {
    if (graph->output_shape(output).size() != 3 ||
        graph->output_shape(output)[1] !=
            static_cast<int32_t>(anchors.size())) {
      return absl::InvalidArgumentError(
          "face model: its outputs do not follow the input size");
    }
  }
  *slot = std::make_unique<Network>(
      Network{*std::move(graph), height, width, std::move(anchors)});
  return slot->get();
}

void FaceDetector::AddCandidates(Network& net, const uint8_t* rgba, int width,
                                 int height, const View& view, float min_logit,
                                 std::vector<Face>* candidates) {
  const Letterbox box = LetterboxToTensor(
      rgba + (static_cast<size_t>(view.y) * width + view.x) * 4, view.width,
      view.height, static_cast<size_t>(width) * 4, net.height, net.width,
      &input_);
  Decode(net, input_.data(), box, Turn::kNone, width, height, view, min_logit,
         candidates);
}

void FaceDetector::Decode(Network& net, const float* input,
                          const Letterbox& box, Turn turn, int width,
                          int height, const View& view, float min_logit,
                          std::vector<Face>* candidates) {
  net.graph.Run(input, &scratch_);
  const float* scores = net.graph.output(scores_output_);
  const float* regressors = net.graph.output(boxes_output_);
  const std::vector<Anchor>& anchors = net.anchors;
  const size_t coords =
      static_cast<size_t>(net.graph.output_size(boxes_output_)) /
      anchors.size();
  const float size_x = static_cast<float>(net.width);
  const float size_y = static_cast<float>(net.height);
  // Inner sides of the view (a face crossing one is cut), in picture pixels.
  const float left = view.x > 0 ? static_cast<float>(view.x) : -kNoSide;
  const float top = view.y > 0 ? static_cast<float>(view.y) : -kNoSide;
  const float right = view.x + view.width < width
                          ? static_cast<float>(view.x + view.width)
                          : kNoSide;
  const float bottom = view.y + view.height < height
                           ? static_cast<float>(view.y + view.height)
                           : kNoSide;
  for (size_t i = 0; i < anchors.size(); ++i) {
    const float logit = std::min(std::max(scores[i], -100.0f), 100.0f);
    if (!(logit >= min_logit)) continue;  // also drops NaN
    const float* r = &regressors[i * coords];
    // In model pixels: offsets from the anchor centre (x, y), then size.
    float cx = r[0] + anchors[i].x * size_x;
    float cy = r[1] + anchors[i].y * size_y;
    float w = r[2];
    float h = r[3];
    if (!(w > 0 && h > 0)) continue;
    // A turned input: back to the upright one (TurnTensor's mapping), whose
    // height is the turned input's width and the other way round.
    if (turn == Turn::kClockwise) {
      std::tie(cx, cy) = std::make_pair(cy, size_x - cx);
      std::swap(w, h);
    } else if (turn == Turn::kCounterClockwise) {
      std::tie(cx, cy) = std::make_pair(size_y - cy, cx);
      std::swap(w, h);
    }
    // Back to the picture's pixels.
    const float x0 =
        static_cast<float>(view.x) + (cx - w / 2 - box.offset_x) / box.scale;
    const float y0 =
        static_cast<float>(view.y) + (cy - h / 2 - box.offset_y) / box.scale;
    const float x1 =
        static_cast<float>(view.x) + (cx + w / 2 - box.offset_x) / box.scale;
    const float y1 =
        static_cast<float>(view.y) + (cy + h / 2 - box.offset_y) / box.scale;
    if (x0 < left || y0 < top || x1 > right || y1 > bottom) continue;
    candidates->push_back(
        {x0, y0, x1 - x0, y1 - y0, 1.0f / (1.0f + std::exp(-logit))});
  }
}

absl::Status FaceDetector::AddWideCandidates(const uint8_t* rgba, int width,
                                             int height, int tile,
                                             float min_logit,
                                             std::vector<Face>* candidates) {
  const double input_area =
      static_cast<double>(network_.height) * network_.width;
  // The tiles' scale, unless a very long strip would then need more runs
  // than its faces are worth (its faces, a few pixels high, cannot be seen).
  const double scale =
      std::min(static_cast<double>(network_.width) / tile,
               std::sqrt(kMaxWideInputs * input_area / width / height));
  // One run, or for a panorama, whose run would need more memory than 4
  // model inputs, runs on pieces along its longer side, the shorter whole,
  // overlapping by a tile so that a face one piece cuts lies whole in the
  // next.
  const bool along_x = width >= height;
  const int along = along_x ? width : height;
  const int across = along_x ? height : width;
  const double across_input = std::ceil(across * scale);
  int piece = along;
  if (std::ceil(along * scale) * across_input > kMaxRunInputs * input_area) {
    piece = std::max(2 * tile, static_cast<int>(kMaxRunInputs * input_area /
                                                across_input / scale));
    piece = std::min(piece, along);
  }
  for (int start : TileStarts(along, piece, tile)) {
    const View view =
        along_x ? View{start, 0, piece, height} : View{0, start, width, piece};
    absl::StatusOr<Network*> wide =
        SizedNetwork(&wide_, static_cast<int>(std::ceil(view.height * scale)),
                     static_cast<int>(std::ceil(view.width * scale)));
    if (!wide.ok()) return wide.status();
    AddCandidates(**wide, rgba, width, height, view, min_logit, candidates);
  }
  return absl::OkStatus();
}

std::vector<int> TileStarts(int length, int tile, int overlap) {
  if (length <= tile) return {0};
  const int step = std::max(tile - overlap, 1);
  const int count = (length - overlap + step - 1) / step;  // ceil
  std::vector<int> starts;
  starts.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    starts.push_back(count == 1 ? 0
                                : static_cast<int>(std::lround(
                                      static_cast<double>(i) * (length - tile) /
                                      (count - 1))));
  }
  return starts;
}

absl::StatusOr<std::vector<Face>> FaceDetector::Detect(
    image::Bytes rgba, int width, int height, const FaceOptions& options) {
  if (width <= 0 || height <= 0 || int64_t{width} * height > kMaxDetectPixels ||
      rgba.size() !=
          static_cast<size_t>(width) * static_cast<size_t>(height) * 4) {
    return absl::InvalidArgumentError(
        "face detection needs width * height * 4 bytes of RGBA pixels");
  }
  std::vector<uint8_t> brightened;
  const uint8_t* pixels = BrightenIfDark(rgba, width, height, options.dark_mean,
                                         options.brightened_mean, &brightened)
                              ? brightened.data()
                              : rgba.data();
  const float min_score =
      options.min_score >= 0 ? options.min_score : default_min_score_;
  // Compare logits rather than taking every sigmoid (MediaPipe clips at 100).
  const float min_logit = min_score <= 0 ? -100.0f
                          : min_score >= 1
                              ? 100.0f
                              : std::log(min_score / (1 - min_score));
  const int longer = std::max(width, height);
  const float tile_side =
      options.tile_side >= 0 ? options.tile_side : default_tile_side_;
  const int tile =
      std::min(static_cast<int>(std::lround(double{tile_side} * longer)),
               std::min(width, height));
  const bool tiled = tile_side > 0 && tile > 0 && tile < longer;
  // Without tiles the whole picture must find the small faces too: the
  // model's own input then.
  const int whole_side = options.whole_side >= 0 ? options.whole_side
                         : tiled                 ? default_whole_side_
                                                 : 0;
  Network* whole = &network_;
  if (whole_side > 0) {
    const double scale = static_cast<double>(whole_side) / longer;
    absl::StatusOr<Network*> sized =
        SizedNetwork(&whole_, static_cast<int>(std::ceil(height * scale)),
                     static_cast<int>(std::ceil(width * scale)));
    if (!sized.ok()) return sized.status();
    whole = *sized;
  }
  std::vector<Face> candidates;
  const View picture{0, 0, width, height};
  AddCandidates(*whole, pixels, width, height, picture, min_logit, &candidates);
  // Faces on their side: the picture at turned_side, turned a quarter each
  // way (the network's sides swap).
  const int turned_side = options.turned_side >= 0 ? options.turned_side
                          : tiled                  ? default_turned_side_
                                                   : 0;
  std::vector<Face> turned_faces;
  if (turned_side > 0) {
    const double scale = static_cast<double>(turned_side) / longer;
    const int upright_height =
        Aligned(static_cast<int>(std::ceil(height * scale)));
    const int upright_width =
        Aligned(static_cast<int>(std::ceil(width * scale)));
    absl::StatusOr<Network*> turned =
        SizedNetwork(&turned_, upright_width, upright_height);
    if (!turned.ok()) return turned.status();
    const Letterbox box =
        LetterboxToTensor(pixels, width, height, static_cast<size_t>(width) * 4,
                          upright_height, upright_width, &input_);
    for (Turn turn : {Turn::kClockwise, Turn::kCounterClockwise}) {
      TurnTensor(input_, upright_height, upright_width, turn, &turned_input_);
      Decode(**turned, turned_input_.data(), box, turn, width, height, picture,
             min_logit, &turned_faces);
    }
  }
  if (tiled && options.tiles_in_one_run) {
    absl::Status wide =
        AddWideCandidates(pixels, width, height, tile, min_logit, &candidates);
    if (!wide.ok()) return wide;
  } else if (tiled) {
    // At most half a tile: a panorama's tiles (its shorter side) stay few.
    const int overlap = std::min(
        static_cast<int>(std::lround(double{options.tile_overlap} * longer)),
        tile / 2);
    for (int y : TileStarts(height, tile, overlap)) {
      for (int x : TileStarts(width, tile, overlap)) {
        AddCandidates(network_, pixels, width, height, {x, y, tile, tile},
                      min_logit, &candidates);
      }
    }
  }
  // A turned box only adds a face the upright runs did not see: an upright
  // face seen on its side scores lower and is boxed worse.
  const auto upright = static_cast<std::ptrdiff_t>(candidates.size());
  for (const Face& t : turned_faces) {
    if (std::none_of(candidates.begin(), candidates.begin() + upright,
                     [&](const Face& c) {
                       return Iou(c, t) > options.min_suppression_iou;
                     })) {
      candidates.push_back(t);
    }
  }
  std::vector<Face> faces = WeightedNms(
      std::move(candidates), options.min_suppression_iou, options.max_faces);

  // Clamped to the picture.
  std::vector<Face> out;
  for (const Face& f : faces) {
    const float x0 = std::clamp(f.x, 0.0f, static_cast<float>(width));
    const float y0 = std::clamp(f.y, 0.0f, static_cast<float>(height));
    const float x1 = std::clamp(f.x + f.width, 0.0f, static_cast<float>(width));
    const float y1 =
        std::clamp(f.y + f.height, 0.0f, static_cast<float>(height));
    if (x1 > x0 && y1 > y0) out.push_back({x0, y0, x1 - x0, y1 - y0, f.score});
  }
  return out;
}

}  // namespace vigie::faces
