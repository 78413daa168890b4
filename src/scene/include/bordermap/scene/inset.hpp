#pragma once
// The map's two companions: an inset (a named area magnified in a framed box, with an outline of it on the main
// map) and a locator (a small map of the whole region with the main map's extent as a box). Both backends draw them
// from these, so the window and the files agree on what they show and when.

#include <bordermap/scene/scene.hpp>
#include <bordermap/scene/view.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace bordermap::scene {

struct ProjectedMap;

// An area to magnify, in degrees (west, south, east, north), and the name its box carries.
struct InsetArea {
    std::string name;
    GeoBox box;
};

// Khyber-Kurram-Waziristan: 69.0-71.8 E, 32.2-34.5 N, which holds Torkham, Kharlachi, Ghulam Khan and Angoor Adda,
// four of the seven crossings (Arandu lies north of it in Chitral, Chaman and Badini far south-west).
InsetArea khyberInset();

// "khyber", "none" (nullopt) or "LON0,LAT0,LON1,LAT1" in degrees, west to east and south to north. Throws
// InputError (field "inset") for anything else, naming what is accepted.
std::optional<InsetArea> parseInsetArea(std::string_view text);

// When the locator shows: Auto when the main map shows less than a third of the region (a map of the whole region
// needs no locator), On and Off always and never.
enum class LocatorMode { Auto, On, Off };
// "auto", "on" or "off"; nullopt for anything else.
std::optional<LocatorMode> parseLocatorMode(std::string_view text);
const char* locatorModeName(LocatorMode mode);

// The share (0 to 1) of the region's box (Afghanistan and Pakistan) that `visible` covers.
double regionShareShown(const MapBox& region, const MapBox& visible);
bool locatorShown(LocatorMode mode, const MapBox& region, const MapBox& visible);

// What the locator shows: the region's box grown by a fifth on each side, so the neighbours' edges show around it.
MapBox locatorExtent(const ProjectedMap& map);

// `area`'s box in the map CRS, its edges densified (a box in degrees is curved in a conic projection).
MapBox areaBox(const ProjectedMap& map, const GeoBox& area);

// `box` (map metres) in `view`'s pixels: the main map's extent on the locator, the inset's area on the main map.
ScreenBox screenBoxOf(const View& view, const MapBox& box);

// The inset's size in pixels for a map frame `frameW_px` by `frameH_px`: about a third of the frame's width (at
// least 180 px times `k`), its height from the area's shape, neither over 45% of the frame.
ScreenPx insetSize(const MapBox& area, double frameW_px, double frameH_px, double k);

// The locator's size for a box at most `maxW_px` by `maxH_px`, in the shape of locatorExtent.
ScreenPx locatorSize(const ProjectedMap& map, double maxW_px, double maxH_px);

}  // namespace bordermap::scene
