#include "bordermap/ui/links.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <algorithm>
#include <cstring>

extern char** environ;

namespace bordermap::ui {

namespace {

constexpr std::string_view kSchemes[] = {"https://", "http://"};

bool startsLink(std::string_view text) {
    for (std::string_view scheme : kSchemes)
        if (text.starts_with(scheme)) return true;
    return false;
}

bool endsSentence(char c) { return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"'; }

}  // namespace

std::vector<std::string> linksIn(std::string_view text) {
    std::vector<std::string> links;
    for (std::size_t at = text.find("http"); at != std::string_view::npos; at = text.find("http", at + 1)) {
        if (!startsLink(text.substr(at))) continue;
        std::size_t end = at;
        while (end < text.size() && static_cast<unsigned char>(text[end]) > ' ') ++end;
        std::string_view link = text.substr(at, end - at);
        // Trailing punctuation belongs to the sentence; a closing bracket to the link only where it opened one
        // (Wikipedia's "Torkham_(village)").
        while (!link.empty()) {
            const char last = link.back();
            const auto count = [&](char c) { return std::count(link.begin(), link.end(), c); };
            if (endsSentence(last) || (last == ')' && count(')') > count('(')) || (last == ']' && count(']') > count('[')))
                link.remove_suffix(1);
            else
                break;
        }
        const std::size_t scheme = link.find("://") + 3;
        if (link.size() > scheme) links.emplace_back(link);
        at = end > at ? end - 1 : at;
    }
    return links;
}

std::string linkHost(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    std::string_view host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    return std::string(host);
}

std::string openLink(const std::string& url) {
    if (!startsLink(url) || url.find_first_of(" \t\r\n") != std::string::npos)
        return "not a web link: '" + url + "'";
    // The shell only starts xdg-open in the background and exits at once; the link reaches xdg-open as "$1", an
    // argument the shell does not read as code, whatever characters it holds.
    const char* script = "command -v xdg-open >/dev/null 2>&1 || exit 127; xdg-open \"$1\" </dev/null >/dev/null 2>&1 &";
    std::string sh = "sh", dashC = "-c", body = script, name = "bordermap-open", link = url;
    char* argv[] = {sh.data(), dashC.data(), body.data(), name.data(), link.data(), nullptr};
    pid_t pid = 0;
    if (const int error = posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv, environ); error != 0)
        return std::string("cannot start a process to open the link: ") + std::strerror(error);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return std::string("cannot open the link: ") + std::strerror(errno);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return "cannot open the link: xdg-open is not installed (package xdg-utils)";
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "cannot open the link: the shell starting xdg-open failed";
    return {};
}

}  // namespace bordermap::ui
