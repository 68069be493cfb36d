// The web UI's files, compiled into the binary (generated from ui/).
#ifndef VIGIE_TOOLS_INBOX_UI_ASSETS_H_
#define VIGIE_TOOLS_INBOX_UI_ASSETS_H_

#include <string_view>

namespace vigie::inbox {

struct UiAsset {
  std::string_view path;  // "/", "/app.js"...
  std::string_view content_type;
  std::string_view body;
};

// nullptr when there is no such file.
const UiAsset* FindUiAsset(std::string_view path);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_UI_ASSETS_H_
