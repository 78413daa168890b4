#pragma once
// What the benchmark programs share: wall-clock milliseconds and the median of repeated runs.

#include <algorithm>
#include <chrono>
#include <vector>

namespace bordermap::bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

inline double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

}  // namespace bordermap::bench
