#include "bordermap/core/error.hpp"

#include "bordermap/core/text.hpp"

namespace bordermap {

namespace {

// Built with append(): GCC 12 warns falsely (-Wrestrict, its bug 105329) on some string + literal chains.
std::string fullMessage(const Location& where, const std::string& reason) {
    std::string out = describe(where);
    if (!out.empty()) out.append(": ");
    out.append(reason);
    // One line on any terminal: an id with a line break or an escape sequence in it is shown, not obeyed.
    return printable(out);
}

}  // namespace

Error::Error(Location where, const std::string& reason)
    : std::runtime_error(fullMessage(where, reason)), m_where(std::move(where)), m_reason(reason) {}

std::string describe(const Location& where) {
    std::string out;
    const auto add = [&out](std::string_view prefix, const std::string& part, std::string_view suffix) {
        if (part.empty()) return;
        if (!out.empty()) out.append(": ");
        out.append(prefix).append(part).append(suffix);
    };
    add("", where.file, "");
    add("layer '", where.layer, "'");
    add("feature ", where.feature, "");
    add("field '", where.field, "'");
    return out;
}

}  // namespace bordermap
