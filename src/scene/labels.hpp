#pragma once
// The label engine, private to the scene library: which names the map shows for a view, in which type, and where.

#include "bordermap/scene/scene.hpp"

#include <vector>

namespace bordermap::scene {

// Places the labels of `map` for `view`, clear of what `scene` already holds (its crossing icons, markers and
// clusters) and of the Durand Line. Crossings and ranks 1 and 2 of the cities are placed first and always kept;
// then the countries, the rank 3 cities, the neighbours and the provinces, each dropped where it does not fit.
std::vector<Label> placeLabels(const ProjectedMap& map, const DynamicScene& scene, const View& view, const Style& style,
                               const LayerSwitches& layers, const TextMeasure& measure);

}  // namespace bordermap::scene
