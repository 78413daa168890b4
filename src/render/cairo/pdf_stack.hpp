#pragma once
// PDF pages drawn apart, on threads of their own, stacked into one page by qpdf: the one place qpdf is used.

#include <string>
#include <vector>

namespace bordermap::render {

// The PDF `top` (whole files, as Cairo writes them) with page 1 of each file in `under` drawn under its page 1, the
// first lowest: each goes in as a form XObject of its own (with its own resources, so names never clash), its
// content stream copied as it was compressed, never inflated or deflated again. Every page of `top` after the first
// is kept as it is. The pages must be the same size. Throws OperationError if qpdf cannot read or write a file.
std::string stackPdfPages(const std::vector<std::string>& under, const std::string& top);

}  // namespace bordermap::render
