// French labels of the inbox's ids, for exports (the web UI has its own copy).
#ifndef VIGIE_TOOLS_INBOX_LABELS_H_
#define VIGIE_TOOLS_INBOX_LABELS_H_

#include <string_view>

namespace vigie::inbox {

// Each returns the id itself when it has no label.
std::string_view StateLabel(std::string_view state);
std::string_view ReasonLabel(std::string_view reason);
std::string_view PlatformLabel(std::string_view platform);
std::string_view DestinationLabel(std::string_view destination);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_LABELS_H_
