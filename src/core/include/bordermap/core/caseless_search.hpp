#pragma once
// Looking for a text in others ignoring ASCII case, without lowering them first.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace bordermap {

// Looks for one text in many short ones (names, notes, place names), ignoring ASCII case, with Horspool's skip table
// over bytes (both cases of a letter share a skip). std::boyer_moore_horspool_searcher with a case-folding predicate
// keeps its table in a hash map and was several times slower here. A bulk search of every summary lowers whole
// blocks and runs memmem through them (TextStore::findLong); a few summaries among many are searched with this.
class CaselessSearch {
public:
    explicit CaselessSearch(const std::string& needle) {
        for (char c : needle) m_needle += static_cast<char>(lowerAscii(static_cast<unsigned char>(c)));
        m_skip.fill(m_needle.size());
        for (std::size_t i = 0; i + 1 < m_needle.size(); ++i) {
            const auto c = static_cast<unsigned char>(m_needle[i]);
            m_skip[c] = m_needle.size() - 1 - i;
            if (c >= 'a' && c <= 'z') m_skip[static_cast<unsigned char>(c - 'a' + 'A')] = m_needle.size() - 1 - i;
        }
    }
    bool in(std::string_view haystack) const {
        const std::size_t n = m_needle.size();
        if (n == 0) return true;
        for (std::size_t at = 0; at + n <= haystack.size();) {
            std::size_t j = n;
            while (j > 0 && lowerAscii(static_cast<unsigned char>(haystack[at + j - 1])) ==
                                static_cast<unsigned char>(m_needle[j - 1]))
                --j;
            if (j == 0) return true;
            at += m_skip[static_cast<unsigned char>(haystack[at + n - 1])];
        }
        return false;
    }

private:
    static unsigned char lowerAscii(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; }
    std::string m_needle;  // in lower case
    std::array<std::size_t, 256> m_skip{};
};

}  // namespace bordermap
