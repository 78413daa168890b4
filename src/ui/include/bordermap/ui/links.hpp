#pragma once
// Web links in an event's sources, and opening one in the desktop's browser.

#include <string>
#include <string_view>
#include <vector>

namespace bordermap::ui {

// The http:// and https:// links in `text`, in order: each up to the next space or end of text, less the
// punctuation that ends a sentence or closes a bracket the link did not open ("(see https://x.org/a)." gives
// "https://x.org/a"). Nothing for a bare "https://".
std::vector<std::string> linksIn(std::string_view text);

// "www.dawn.com" for "https://www.dawn.com/news/1952698": what a button opening the link says.
std::string linkHost(std::string_view url);

// Starts `xdg-open url` without waiting for the browser, the link handed over as an argument (never read by a
// shell). Empty on success, else one line saying why not: not an http(s) link, no xdg-open (xdg-utils), no process.
std::string openLink(const std::string& url);

}  // namespace bordermap::ui
