#pragma once
// What the scene tests share: the embedded boundaries projected once in the regional CRS.

#include "../timeline/timeline_fixture.hpp"

#include <bordermap/scene/map_data.hpp>

namespace bordermap::test {

inline const scene::ProjectedMap& regionalMap() {
    static const scene::ProjectedMap map = scene::projectMap(boundaries(), "regional");
    return map;
}

}  // namespace bordermap::test
