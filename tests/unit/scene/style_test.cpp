// The symbols: every kind of event its own shape and colour, kept apart from the crossing states' colours for a
// reader with deuteranopia, and the map's tints apart in grey print and on a projector.

#include <bordermap/scene/scene.hpp>
#include <bordermap/scene/style.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <set>

using namespace bordermap;
using namespace bordermap::scene;
using timeline::CrossingStatus;
using timeline::EventKind;

namespace {

double linear(double c) {
    c /= 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

struct Lab {
    double l, a, b;
};

// CIE L*a*b* (D65) of linear RGB.
Lab labOf(std::array<double, 3> rgb) {
    const double x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
    const double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    const double z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
    const auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    const double fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

Lab seen(Colour c) { return labOf({linear(c.r), linear(c.g), linear(c.b)}); }

// As a reader with deuteranopia sees it (Machado, Oliveira and Fernandes 2009, severity 1, in linear RGB).
Lab seenByDeuteranope(Colour c) {
    const double r = linear(c.r), g = linear(c.g), b = linear(c.b);
    const auto clamp01 = [](double v) { return std::clamp(v, 0.0, 1.0); };
    return labOf({clamp01(0.367322 * r + 0.860646 * g - 0.227968 * b), clamp01(0.280085 * r + 0.672501 * g + 0.047413 * b),
                  clamp01(-0.011820 * r + 0.042940 * g + 0.968881 * b)});
}

double deltaE(Lab p, Lab q) { return std::hypot(p.l - q.l, p.a - q.a, p.b - q.b); }

constexpr std::array kKinds{EventKind::Airstrike, EventKind::Clash,       EventKind::Attack,      EventKind::Talks,
                            EventKind::Ceasefire, EventKind::Diplomacy, EventKind::Deportation, EventKind::Political};

}  // namespace

TEST_CASE("every kind of event has its own shape and its own colour, in both palettes") {
    for (const PaletteKind palette : {PaletteKind::Standard, PaletteKind::Presenter}) {
        const Style style = makeStyle(palette, DurandView::International);
        std::set<MarkerShape> shapes;
        for (const EventKind kind : kKinds) shapes.insert(markerShapeFor(kind));
        CHECK(shapes.size() == kKinds.size());
        for (std::size_t i = 0; i < kKinds.size(); ++i)
            for (std::size_t j = i + 1; j < kKinds.size(); ++j) {
                CAPTURE(timeline::eventKindName(kKinds[i]));
                CAPTURE(timeline::eventKindName(kKinds[j]));
                CHECK(deltaE(seen(style.eventColour(kKinds[i])), seen(style.eventColour(kKinds[j]))) > 20);
            }
    }
}

TEST_CASE("no event's colour can be taken for a crossing's state, with or without deuteranopia") {
    for (const PaletteKind palette : {PaletteKind::Standard, PaletteKind::Presenter}) {
        const Style style = makeStyle(palette, DurandView::International);
        for (const EventKind kind : kKinds)
            for (const CrossingStatus status : {CrossingStatus::Open, CrossingStatus::Closed, CrossingStatus::Unknown}) {
                CAPTURE(timeline::eventKindName(kind));
                CAPTURE(static_cast<int>(status));
                CHECK(deltaE(seen(style.eventColour(kind)), seen(style.crossingColour(status))) > 15);
                CHECK(deltaE(seenByDeuteranope(style.eventColour(kind)), seenByDeuteranope(style.crossingColour(status))) > 10);
            }
        // Open and closed stay apart for a deuteranope too.
        CHECK(deltaE(seenByDeuteranope(style.crossingColour(CrossingStatus::Open)),
                     seenByDeuteranope(style.crossingColour(CrossingStatus::Closed))) > 10);
    }
}

TEST_CASE("Afghanistan and Pakistan differ in lightness, and the presenter palette keeps sea and land apart") {
    for (const PaletteKind palette : {PaletteKind::Standard, PaletteKind::Presenter}) {
        const Style style = makeStyle(palette, DurandView::International);
        CHECK(std::abs(seen(style.afghanistanFill).l - seen(style.pakistanFill).l) >= 5);  // apart in grey print
        CHECK(deltaE(seen(style.background), seen(style.afghanistanFill)) > 10);
        CHECK(deltaE(seen(style.background), seen(style.pakistanFill)) > 10);
        CHECK(deltaE(seen(style.neighbourFill), seen(style.pakistanFill)) > 5);
    }
}
