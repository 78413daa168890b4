#pragma once
// Two screenshots compared pixel by pixel with a tolerance of 2 a channel, a diff image for a person to look at
// (red: beyond the tolerance; amber: within it), shared by the checks that compare two ways of drawing a frame.

#include <SFML/Graphics/Image.hpp>

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <sstream>
#include <string>

namespace bordermap::test {

struct Difference {
    std::size_t pixels = 0, differing = 0, beyondTolerance = 0;
    int largest = 0;  // the largest difference in any channel
};

// Compares two screenshots of the same size channel by channel and writes a diff image to `diffPath`.
inline Difference compare(const sf::Image& a, const sf::Image& b, const std::string& diffPath) {
    Difference d;
    sf::Image diff;
    diff.create(a.getSize().x, a.getSize().y);
    for (unsigned y = 0; y < a.getSize().y; ++y)
        for (unsigned x = 0; x < a.getSize().x; ++x) {
            const sf::Color p = a.getPixel(x, y), q = b.getPixel(x, y);
            const int most = std::max({std::abs(p.r - q.r), std::abs(p.g - q.g), std::abs(p.b - q.b), std::abs(p.a - q.a)});
            ++d.pixels;
            d.largest = std::max(d.largest, most);
            if (most > 0) ++d.differing;
            if (most > 2) ++d.beyondTolerance;
            const auto grey = static_cast<sf::Uint8>(200 + (p.r + p.g + p.b) / 3 * 55 / 255);  // the frame, faint
            diff.setPixel(x, y, most > 2 ? sf::Color::Red : most > 0 ? sf::Color(230, 180, 0) : sf::Color(grey, grey, grey));
        }
    diff.saveToFile(diffPath);
    return d;
}

inline std::string percent(std::size_t part, std::size_t whole) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(4) << 100.0 * static_cast<double>(part) / static_cast<double>(whole) << " %";
    return s.str();
}

}  // namespace bordermap::test
