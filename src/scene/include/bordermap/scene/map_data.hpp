#pragma once
// The boundary layers in the map CRS, rebuilt whenever the user switches projection, with the graticule and the
// points labels and markers hang on. Everything the scene is built from that depends on the CRS lives here.

#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/projection.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::scene {

// A polyline in map metres.
using MapLine = std::vector<MapXY>;

// A named point with a label rank (1 first).
struct LabelPoint {
    std::string text;
    LonLat at;
    MapXY xy;
    int rank = 3;
    std::string local;  // the local name a bilingual label adds (localLabelName); empty when the data has none
};

struct ProjectedMap {
    geo::Projection projection;
    geo::ProjectedLayer countries;
    geo::ProjectedLayer provinces;
    geo::ProjectedLayer disputedBorders;
    geo::ProjectedLayer durandLine;
    geo::ProjectedLayer rivers;           // may be empty
    std::vector<MapLine> graticule;       // meridians and parallels every `graticuleStep_deg`, densified
    double graticuleStep_deg = 2.0;
    std::vector<LabelPoint> countryLabels;   // at a point inside each country
    std::vector<LabelPoint> provinceLabels;  // at a point inside each province (its widest part)
    std::vector<LabelPoint> cityLabels;
    MapBox regionBox;                     // Afghanistan and Pakistan, the view "fit the region" shows
    std::vector<geo::ProjectedLayer> overlays;  // the user's own map layers, in the order loaded
    // Every event's places in the map CRS, by index in the catalogue: event i's are
    // eventPlaces[eventPlaceStarts[i] .. eventPlaceStarts[i + 1]). projectEvents fills them, so that binning a
    // million events reads neither PROJ nor the catalogue's text store.
    std::vector<MapXY> eventPlaces;
    std::vector<std::uint32_t> eventPlaceStarts;
    geo::LocalNames localNames;  // the boundaries' local names, for the crossings' bilingual labels

    bool eventsProjected(std::size_t eventCount) const { return eventPlaceStarts.size() == eventCount + 1; }
    std::span<const MapXY> eventPlacesOf(std::size_t index) const {
        return std::span<const MapXY>(eventPlaces).subspan(eventPlaceStarts[index], eventPlaceStarts[index + 1] - eventPlaceStarts[index]);
    }
};

// Projects every event's places, in one PROJ call: a million events once per CRS, not once per frame.
void projectEvents(ProjectedMap& map, const timeline::Catalogue& catalogue);

// Projects the boundaries into `crs` (anything geo::Projection takes). Throws InputError (field "crs") for a bad
// CRS, and for one in which any of Afghanistan, Pakistan or the Durand Line cannot be projected.
ProjectedMap projectMap(const geo::BoundaryData& boundaries, const std::string& crs,
                        const std::vector<geo::Layer>& overlays = {});

// The view centred on `centre` at a web-map zoom level (156,543 m a pixel at level 0 on the equator, halving with
// each level, and shrinking with the cosine of the latitude), on a screen of the given size. The viewer's --view and
// `render --view` both use it, so that they show the same area.
struct View;
View viewAtZoom(const ProjectedMap& map, LonLat centre, double zoom, int widthPx, int heightPx);

// The local name a bilingual label shows for a province or city of `country`: Dari for Afghanistan, Urdu for
// Pakistan, each country's language of administration and the one its own maps label in; Pashto where the data has
// none of those. One local name, not Dari and Pashto both: their spellings of a province mostly differ in a letter's
// form only (گ and ګ), and a third name would make every label too wide to place. Empty when the data has none.
std::string localLabelName(const geo::LocalNames& names, geo::PlaceKind kind, std::string_view place,
                           std::string_view country);
// A crossing's local name: each side's name as above; one where the two are spelled
// alike or only one is known, else both as "Pakistan's / Afghanistan's", which the right-to-left run sets with
// Pakistan's on the right, the side Pakistan lies on. Empty when the data has neither.
std::string crossingLocalLabelName(const geo::LocalNames& names, std::string_view crossingId);

// A point well inside a polygon geometry, for its label: the middle of the widest horizontal run through the
// largest part, at the height of that part's centre. With `clip`, only the polygon's share inside it counts (a
// neighbour is labelled where it meets the region, not at its own centre). Falls back to the bounds' centre.
LonLat labelPoint(const geo::Geometry<LonLat>& polygons, const GeoBox& clip = {});

}  // namespace bordermap::scene
