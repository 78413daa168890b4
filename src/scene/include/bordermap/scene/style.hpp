#pragma once
// How the map looks: colours and sizes, in two palettes. The standard palette is a muted cartographic one; the
// presenter palette has high contrast and uses only the Okabe-Ito colours, which stay distinct to the common
// forms of colour blindness, with larger lines, markers and labels for a briefing room.

#include <bordermap/core/coords.hpp>
#include <bordermap/timeline/event.hpp>
#include <bordermap/timeline/state.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

namespace bordermap::scene {

struct Colour {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Colour&, const Colour&) = default;
};

// How the Durand Line is drawn: as the international boundary Pakistan and most states recognise, or as the
// disputed line Afghanistan does not recognise.
enum class DurandView { International, Disputed };

enum class PaletteKind { Standard, Presenter };

// What the labels of provinces, cities and crossings say: the English name alone, or the English name and the local
// one (Dari, Pashto or Urdu, in Arabic script).
enum class LabelLanguage { English, Bilingual };

// How one of the user's own map layers is drawn (the viewer's "Your layers" list changes it).
struct UserLayerStyle {
    bool visible = true;
    std::optional<Colour> colour;  // none: the palette's Style::overlay
    double width_px = 1.8;         // a line's width; a point's disc is 3.5 px across per 1.8 of it (pointRadius_px)
    std::string labelField;        // the attribute its features are labelled with; empty: none
    double pointRadius_px() const { return 3.5 * width_px / 1.8; }
    friend bool operator==(const UserLayerStyle&, const UserLayerStyle&) = default;
};

struct Style {
    PaletteKind palette = PaletteKind::Standard;
    DurandView durandView = DurandView::International;
    LabelLanguage labelLanguage = LabelLanguage::English;
    double scale = 1.0;  // multiplies every size: 1 on a desk, about 1.5 in presenter mode
    // The event the reader picked (its id), or empty: it is drawn last with a ring, the other markers dimmed.
    std::string highlightEventId;
    // A briefing scene's events, ringed like the picked one (the others dimmed likewise).
    std::vector<std::string> highlightEventIds;
    // The window draws the date, the time mode and the filter over the map's top left (an export has them in its
    // title band): the scene measures that block (Decorations::dateBlock) and labels keep clear of it.
    bool dateOnMap = false;
    // The area an inset magnifies (degrees), outlined on the map: labels keep off its edges as off the Durand Line.
    std::optional<GeoBox> insetArea;
    // The user's layers' styles, by index in ProjectedMap::overlays; a layer past the end has the defaults.
    std::vector<UserLayerStyle> userLayers;
    // The distance tool's path (lon/lat, in the order clicked): drawn on the map, legs and total labelled, where it
    // has a point (scene::MeasurePath); an export of the view shows it too.
    std::vector<LonLat> measurePath;

    Colour background;        // the sea and the world beyond the data
    Colour neighbourFill;
    Colour afghanistanFill;
    Colour pakistanFill;
    Colour provinceLine;
    Colour countryLine;
    Colour durandLine;
    Colour durandHalo;
    Colour disputedLine;
    Colour graticule;
    Colour river;             // thin blue lines, under the borders
    Colour text;
    Colour textHalo;
    Colour countryText;
    Colour provinceText;
    Colour overlay;           // the user's own map layers

    double provinceLine_px = 0.8;
    double countryLine_px = 1.4;
    double durandLine_px = 3.0;
    double disputedLine_px = 1.3;
    double graticule_px = 0.6;
    double river_px = 1.2;    // a major river's width; lesser ones are thinner (riverWidth_px)
    // The type hierarchy: countries 1.6 times a city (a neighbour 0.8 of that), provinces smaller than any city;
    // cities of rank 1 1.15 times this, rank 3 0.88.
    double labelCountry_px = 20.0;
    double labelProvince_px = 10.5;
    double labelCity_px = 12.5;
    double labelCrossing_px = 11.5;
    double markerMin_px = 5.0;
    double markerMax_px = 24.0;

    Colour eventColour(timeline::EventKind kind) const;
    UserLayerStyle userLayer(std::size_t index) const { return index < userLayers.size() ? userLayers[index] : UserLayerStyle{}; }
    Colour userLayerColour(std::size_t index) const { return userLayer(index).colour.value_or(overlay); }
    Colour crossingColour(timeline::CrossingStatus status) const;
    // The width of a river of GSHHG's `level` (0 and 1 the major rivers, 2 the other major ones, 3 rivers, 4 the
    // minor ones), before `scale`; a level outside 0 to 4 is taken as the nearest.
    double riverWidth_px(int level) const;
};

Style makeStyle(PaletteKind palette, DurandView durandView);

std::string labelLanguageName(LabelLanguage language);  // "english" / "bilingual"
// "english" or "bilingual"; nothing for any other text.
std::optional<LabelLanguage> parseLabelLanguage(std::string_view text);
// A place's label: `english` alone, or, when bilingual and `local` is not empty, "English · local" on one line. One
// line, not the local name on a second: the label placer boxes one line of the measured width, the backends draw one
// line from the box's top, and Pango sets the Arabic run right to left inside the left-to-right line, English first.
std::string labelText(const Style& style, const std::string& english, const std::string& local);

std::string durandViewName(DurandView view);       // "international boundary" / "disputed line"
std::string durandViewLegendNote(DurandView view);  // what the chosen drawing means, and why it matters

}  // namespace bordermap::scene
