// The presenter's console in the real window: `bordermap --briefing FILE --console` opens a second window for the
// presenter. It must show the scene's notes (read back off the screen by OCR, tesseract, as a person would read
// them), and a clicker's Page Down pressed while the console has the keyboard must step the briefing on the map's
// window too (to the scene's date, its picture changed), the console then showing the next scene's notes. The notes' words are taken from the briefing file
// through the briefing library, not written here.
// Usage (under xvfb-run): console_test BORDERMAP BRIEFING OUTPUT_DIR

#include <bordermap/briefing/briefing.hpp>  // before X11's macros (None, Status) reach our headers

#include "x_driver.hpp"

#include <X11/keysym.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

using namespace bordermap::test;

namespace {

constexpr const char* kConsoleTitle = "bordermap: presenter console";

// Lower-case letters and digits only: OCR's spacing and punctuation do not count.
std::string letters(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The words of `text` of six letters or more: enough to tell one scene's notes from another's.
std::vector<std::string> longWords(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text + ' ') {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += c;
        } else {
            if (word.size() >= 6) words.push_back(letters(word));
            word.clear();
        }
    }
    return words;
}

// What tesseract reads in the window's pixels (written as a PPM in `dir`), as letters().
std::string readWindow(Display* d, Window w, const std::string& dir, const std::string& name) {
    const Pixels p = grab(d, w);
    const std::string image = dir + "/" + name + ".ppm";
    savePpm(p, image);
    const std::string text = dir + "/" + name;
    std::system(("tesseract '" + image + "' '" + text + "' >/dev/null 2>&1").c_str());
    return letters(slurp(text + ".txt"));
}

// How many of `words` the text holds.
std::size_t found(const std::string& text, const std::vector<std::string>& words) {
    return static_cast<std::size_t>(std::count_if(words.begin(), words.end(), [&](const std::string& w) { return text.find(w) != std::string::npos; }));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: console_test BORDERMAP BRIEFING OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], briefingFile = argv[2], dir = argv[3], log = dir + "/console_test_viewer.log";
    if (std::system("command -v tesseract >/dev/null") != 0) return fail("tesseract is not installed (Debian: tesseract-ocr)", 0);
    const bordermap::briefing::Briefing briefing = bordermap::briefing::readBriefing(briefingFile);
    if (briefing.scenes.size() < 2) return fail(briefingFile + " has fewer than two scenes", 0);
    const std::string scenes = std::to_string(briefing.scenes.size());

    const pid_t viewer = startViewer("'" + bordermap + "' --size 1024x768 --console --briefing '" + briefingFile + "'", log);
    Display* d = XOpenDisplay(nullptr);
    if (d == nullptr) return fail("no X display (run under xvfb-run)", viewer);
    const Window map = waitForWindow(d);
    if (map == 0) return fail("the map's window did not appear", viewer);
    Window console = 0;
    for (const auto until = Clock::now() + std::chrono::seconds(30); console == 0 && Clock::now() < until;
         std::this_thread::sleep_for(std::chrono::milliseconds(200)))
        console = findWindow(d, DefaultRootWindow(d), kConsoleTitle);
    if (console == 0) return fail("the console window did not appear", viewer);
    XRaiseWindow(d, console);
    moveToOrigin(d, console);
    XMoveWindow(d, map, 920, 0);  // beside the console, wholly on the screen: its pixels are read too
    XFlush(d);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    std::cout << "ok:     the map's window and the console are open\n";

    const std::vector<std::string> first = longWords(briefing.scenes[0].notes), second = longWords(briefing.scenes[1].notes);
    const std::string before = readWindow(d, console, dir, "console_scene1");
    if (before.find("scene1of" + scenes) == std::string::npos) return fail("the console does not say 'Scene 1 of " + scenes + "': read '" + before + "'", viewer);
    if (found(before, first) * 4 < first.size() * 3)
        return fail("the console shows " + std::to_string(found(before, first)) + " of scene 1's " + std::to_string(first.size()) +
                        " long words of notes: read '" + before + "'", viewer);
    std::cout << "ok:     the console shows scene 1's notes (" << found(before, first) << " of " << first.size() << " words read back)\n";

    // The clicker's key, pressed while the console has the keyboard: the map's window steps too, to the scene's
    // date, and its picture changes.
    const Pixels mapBefore = grab(d, map);
    sendKey(d, console, XK_Next);
    const std::string expected = "bordermap: showing scene 2 of " + scenes + " on " + bordermap::timeline::isoDay(briefing.scenes[1].date);
    const std::optional<std::string> stepped = waitForLine(log, "bordermap: showing scene 2 of ", 10);
    if (!stepped) return fail("Page Down in the console did not step the map:\n" + slurp(log), viewer);
    if (*stepped != expected) return fail("the map stepped to '" + *stepped + "', not '" + expected + "'", viewer);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    const Pixels mapAfter = grab(d, map);
    std::size_t changed = 0;
    for (std::size_t i = 0; i < mapAfter.rgb.size() && i < mapBefore.rgb.size(); ++i) changed += mapAfter.rgb[i] != mapBefore.rgb[i];
    if (changed < mapAfter.rgb.size() / 10) return fail("the map's picture hardly changed with the scene (" + std::to_string(changed) + " pixels)", viewer);
    std::cout << "ok:     the map's window flew to scene 2's view and date (" << changed * 100 / mapAfter.rgb.size() << " % of its pixels changed)\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // the console drawn again
    const std::string after = readWindow(d, console, dir, "console_scene2");
    if (after.find("scene2of" + scenes) == std::string::npos) return fail("after Page Down the console does not say 'Scene 2 of " + scenes + "': read '" + after + "'", viewer);
    if (found(after, second) * 4 < second.size() * 3)
        return fail("after Page Down the console shows " + std::to_string(found(after, second)) + " of scene 2's " + std::to_string(second.size()) +
                        " long words of notes: read '" + after + "'", viewer);
    std::cout << "ok:     Page Down in the console stepped the map to scene 2, and the console shows its notes\n";
    stopViewer(viewer);
    XCloseDisplay(d);
    std::cout << "4 passed, 0 failed\n";
    return 0;
}
