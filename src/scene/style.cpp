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

}  // namespace

Style makeStyle(PaletteKind palette, DurandView durandView) {
    Style s;
    s.palette = palette;
    s.durandView = durandView;
    if (palette == PaletteKind::Standard) {
        s.background = rgb(214, 226, 235);
        s.neighbourFill = rgb(233, 231, 225);
        // The two countries differ in lightness too (CIE L* 94 and 87), so that grey print keeps them apart.
        s.afghanistanFill = rgb(247, 238, 212);
        s.pakistanFill = rgb(205, 226, 194);
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
        s.provinceText = rgb(88, 88, 100);
        s.overlay = rgb(197, 27, 125);
    } else {
        s.scale = 1.5;
        // Land, sea and the two countries apart on a projector: the sea a clear pale blue, the neighbours the
        // darkest land, Afghanistan white, Pakistan a light grey.
        s.background = rgb(200, 222, 242);
        s.neighbourFill = rgb(214, 214, 214);
        s.afghanistanFill = rgb(255, 255, 255);
        s.pakistanFill = rgb(234, 234, 234);
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
        s.provinceText = rgb(70, 70, 70);
        s.overlay = kOkabeBlue;
        s.provinceLine_px = 1.0;
        s.countryLine_px = 2.0;
        s.durandLine_px = 4.0;
    }
    return s;
}

// Every kind of event its own colour and (shapeFor) its own shape, in both palettes: the Okabe-Ito colours, which
// stay apart for readers with the common colour-vision deficiencies, with a brown and a grey for the eighth and
// ninth; none is the green of an open crossing or the crimson of a closed one.
Colour Style::eventColour(timeline::EventKind kind) const {
    using timeline::EventKind;
    switch (kind) {
    case EventKind::Airstrike: return kOkabeVermillion;
    case EventKind::Clash: return kOkabeOrange;
    case EventKind::Attack: return rgb(170, 51, 119);  // Tol's purple: Okabe-Ito's reddish purple is pale on the land tints
    case EventKind::Talks: return kOkabeBlue;
    case EventKind::Ceasefire: return kOkabeGreen;
    case EventKind::Diplomacy: return kOkabeSky;
    case EventKind::Deportation: return rgb(140, 81, 10);
    case EventKind::Political: return rgb(136, 136, 136);
    case EventKind::Crossing:
    case EventKind::Closure:
    case EventKind::StateUnknown: return palette == PaletteKind::Presenter ? kOkabeBlack : rgb(60, 60, 60);
    }
    return rgb(0, 0, 0);
}

// A crossing's state: open a green and closed a dark crimson, chosen apart from every event colour and from each
// other for readers with deuteranopia too (tests/unit/scene/style_test.cpp); possibly closed a pale crimson; unknown
// a dark neutral grey with a white question mark, no hue at all.
Colour Style::crossingColour(timeline::CrossingStatus status) const {
    using timeline::CrossingStatus;
    switch (status) {
    case CrossingStatus::Open: return rgb(0, 160, 64);
    case CrossingStatus::Closed: return rgb(120, 0, 40);
    case CrossingStatus::Uncertain: return rgb(200, 110, 140);
    case CrossingStatus::NotYetOpen: return rgb(150, 150, 150);
    case CrossingStatus::Unknown: return rgb(70, 70, 70);
    }
    return rgb(0, 0, 0);
}

double Style::riverWidth_px(int level) const {
    constexpr double kShare[] = {1.0, 1.0, 0.8, 0.65, 0.5};
    return river_px * kShare[std::clamp(level, 0, 4)];
}

std::string labelLanguageName(LabelLanguage language) {
    return language == LabelLanguage::English ? "english" : "bilingual";
}

std::optional<LabelLanguage> parseLabelLanguage(std::string_view text) {
    if (text == "english") return LabelLanguage::English;
    if (text == "bilingual") return LabelLanguage::Bilingual;
    return std::nullopt;
}

std::string labelText(const Style& style, const std::string& english, const std::string& local) {
    if (style.labelLanguage == LabelLanguage::English || local.empty()) return english;
    return english + " \xC2\xB7 " + local;  // a middle dot, with the spaces the eye needs between the scripts
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
