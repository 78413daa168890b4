#include "bordermap/scene/style.hpp"

#include <algorithm>

namespace bordermap::scene {

namespace {

constexpr Colour rgb(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) { return {r, g, b, a}; }

// The Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008).
constexpr Colour kOkabeBlack = rgb(0, 0, 0);
constexpr Colour kOkabeOrange = rgb(230, 159, 0);
constexpr Colour kOkabeSky = rgb(86, 180, 233);
constexpr Colour kOkabeGreen = rgb(0, 158, 115);
constexpr Colour kOkabeBlue = rgb(0, 114, 178);
constexpr Colour kOkabeVermillion = rgb(213, 94, 0);
constexpr Colour kOkabePurple = rgb(204, 121, 167);

}  // namespace

Style makeStyle(PaletteKind palette, DurandView durandView) {
    Style s;
    s.palette = palette;
    s.durandView = durandView;
    if (palette == PaletteKind::Standard) {
        s.background = rgb(214, 226, 235);
        s.neighbourFill = rgb(233, 231, 225);
        s.afghanistanFill = rgb(245, 236, 214);
        s.pakistanFill = rgb(226, 238, 219);
        s.provinceLine = rgb(150, 150, 150);
        s.countryLine = rgb(110, 110, 110);
        s.durandLine = durandView == DurandView::International ? rgb(35, 35, 35) : rgb(178, 24, 43);
        s.durandHalo = rgb(255, 255, 255, 200);
        s.disputedLine = rgb(110, 110, 110);
        s.graticule = rgb(190, 205, 216);
        s.river = rgb(76, 138, 199);
        s.text = rgb(40, 40, 40);
        s.textHalo = rgb(255, 255, 255, 220);
        s.countryText = rgb(90, 90, 90);
        s.overlay = rgb(197, 27, 125);
    } else {
        s.scale = 1.5;
        s.background = rgb(255, 255, 255);
        s.neighbourFill = rgb(228, 228, 228);
        s.afghanistanFill = rgb(250, 250, 250);
        s.pakistanFill = rgb(240, 240, 240);
        s.provinceLine = rgb(120, 120, 120);
        s.countryLine = kOkabeBlack;
        s.durandLine = durandView == DurandView::International ? kOkabeBlack : kOkabeVermillion;
        s.durandHalo = rgb(255, 255, 255, 230);
        s.disputedLine = kOkabeBlack;
        s.graticule = rgb(200, 200, 200);
        s.river = kOkabeSky;
        s.text = kOkabeBlack;
        s.textHalo = rgb(255, 255, 255, 240);
        s.countryText = rgb(60, 60, 60);
        s.overlay = kOkabeBlue;
        s.provinceLine_px = 1.0;
        s.countryLine_px = 2.0;
        s.durandLine_px = 4.0;
    }
    return s;
}

Colour Style::eventColour(timeline::EventKind kind) const {
    using timeline::EventKind;
    const bool okabe = palette == PaletteKind::Presenter;
    switch (kind) {
    case EventKind::Airstrike: return okabe ? kOkabeVermillion : rgb(215, 48, 39);
    case EventKind::Clash: return okabe ? kOkabeOrange : rgb(244, 136, 60);
    case EventKind::Attack: return okabe ? kOkabePurple : rgb(123, 50, 148);
    case EventKind::Talks:
    case EventKind::Ceasefire:
    case EventKind::Diplomacy: return okabe ? kOkabeGreen : rgb(26, 152, 80);
    case EventKind::Deportation: return okabe ? kOkabeBlue : rgb(69, 117, 180);
    case EventKind::Political: return okabe ? kOkabeSky : rgb(100, 100, 100);
    case EventKind::Crossing:
    case EventKind::Closure:
    case EventKind::StateUnknown: return okabe ? kOkabeBlack : rgb(60, 60, 60);
    }
    return rgb(0, 0, 0);
}

Colour Style::crossingColour(timeline::CrossingStatus status) const {
    using timeline::CrossingStatus;
    const bool okabe = palette == PaletteKind::Presenter;
    switch (status) {
    case CrossingStatus::Open: return okabe ? kOkabeGreen : rgb(26, 152, 80);
    case CrossingStatus::Closed: return okabe ? kOkabeVermillion : rgb(215, 48, 39);
    case CrossingStatus::Uncertain: return okabe ? kOkabeOrange : rgb(245, 160, 40);
    case CrossingStatus::NotYetOpen: return rgb(150, 150, 150);
    // A dark neutral grey, drawn filled with a white question mark: no hue, so it reads as neither open (green)
    // nor closed (red or vermillion), and darker than not-yet-open's outline so that the white mark stands out.
    case CrossingStatus::Unknown: return okabe ? rgb(80, 80, 80) : rgb(105, 105, 105);
    }
    return rgb(0, 0, 0);
}

double Style::riverWidth_px(int level) const {
    constexpr double kShare[] = {1.0, 1.0, 0.8, 0.65, 0.5};
    return river_px * kShare[std::clamp(level, 0, 4)];
}

std::string durandViewName(DurandView view) {
    return view == DurandView::International ? "international boundary" : "disputed line";
}

std::string durandViewLegendNote(DurandView view) {
    return view == DurandView::International
               ? "Durand Line drawn as the international boundary, as Pakistan and most states treat it. "
                 "Afghanistan does not recognise it."
               : "Durand Line drawn as a disputed line: Afghanistan does not recognise it as a border. "
                 "Pakistan and most states treat it as the international boundary.";
}

}  // namespace bordermap::scene
