// A small, bounded DEFLATE/zlib decoder for compressed metadata text (PNG
// zTXt, iTXt). Self-contained so that the native and wasm builds agree.
#ifndef VIGIE_CORE_IMAGE_INFLATE_H_
#define VIGIE_CORE_IMAGE_INFLATE_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "core/image/bytes.h"

namespace vigie::image {

struct Inflated {
  std::string data;
  bool cut = false;  // output reached max_output and the rest was skipped
};

// Decodes a zlib stream (RFC 1950 header + RFC 1951 data; the Adler-32
// check is not verified). Time is linear in input + output; output is at
// most max_output bytes. Malformed data gives InvalidArgument.
absl::StatusOr<Inflated> InflateZlib(Bytes zlib, size_t max_output);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_INFLATE_H_
