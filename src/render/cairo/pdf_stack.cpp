#include "pdf_stack.hpp"

#include <bordermap/core/error.hpp>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <memory>
#include <set>

namespace bordermap::render {

namespace {

QPDFPageObjectHelper firstPage(QPDF& pdf) {
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
    if (pages.empty()) throw OperationError({}, "a PDF part has no page");
    return pages.front();
}

// Page 1 of `part` as a form XObject of `into`: the page's one content stream, copied with its compressed data, its
// dictionary made a form's. (qpdf's getFormXObjectForPage would give its content through a provider, which
// QPDFWriter deflates again: a second pass over the largest stream of the file.)
QPDFObjectHandle pageAsForm(QPDF& part, QPDF& into) {
    QPDFPageObjectHelper page = firstPage(part);
    QPDFObjectHandle contents = page.getObjectHandle().getKey("/Contents");
    if (contents.isArray() && contents.getArrayNItems() == 1) contents = contents.getArrayItem(0);
    if (!contents.isStream()) throw OperationError({}, "a PDF part's page has not one content stream");
    // qpdf copies indirect objects between files; a direct one (the page's box, often its resources) is made
    // indirect in its own file first, with what it refers to.
    const auto copied = [&](QPDFObjectHandle object) {
        return into.copyForeignObject(object.isIndirect() ? object : part.makeIndirectObject(object));
    };
    QPDFObjectHandle form = copied(contents);
    QPDFObjectHandle dict = form.getDict();
    dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
    dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
    dict.replaceKey("/BBox", copied(page.getMediaBox()));
    for (const char* key : {"/Resources", "/Group"})
        if (QPDFObjectHandle value = page.getAttribute(key, false); !value.isNull()) dict.replaceKey(key, copied(value));
    return form;
}

}  // namespace

std::string stackPdfPages(const std::vector<std::string>& under, const std::string& top) {
    try {
        QPDF out;
        out.processMemoryFile("the map's page", top.data(), top.size());
        // The parts' files must outlive the writing: their streams are copied from them then.
        std::vector<std::unique_ptr<QPDF>> parts;
        QPDFPageObjectHelper page = firstPage(out);
        QPDFObjectHandle resources = page.getAttribute("/Resources", true);
        if (resources.isNull()) {
            resources = QPDFObjectHandle::newDictionary();
            page.getObjectHandle().replaceKey("/Resources", resources);
        }
        if (!resources.hasKey("/XObject")) resources.replaceKey("/XObject", QPDFObjectHandle::newDictionary());
        QPDFObjectHandle xobjects = resources.getKey("/XObject");
        std::set<std::string> names = resources.getResourceNames();
        int suffix = 0;
        std::string draw;
        for (const std::string& file : under) {
            parts.push_back(std::make_unique<QPDF>());
            parts.back()->processMemoryFile("a part of the map's page", file.data(), file.size());
            const std::string name = resources.getUniqueResourceName("/BaseMap", suffix, &names);
            names.insert(name);
            xobjects.replaceKey(name, pageAsForm(*parts.back(), out));
            draw += "q " + name + " Do Q\n";
        }
        page.addPageContents(QPDFObjectHandle::newStream(&out, draw), true);

        QPDFWriter writer(out);
        writer.setOutputMemory();
        writer.setDecodeLevel(qpdf_dl_none);  // every stream as it is; only the new one above is compressed
        writer.write();
        const std::shared_ptr<Buffer> bytes = writer.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(bytes->getBuffer()), bytes->getSize());
    } catch (const QPDFExc& e) {
        throw OperationError({}, std::string("qpdf cannot stack the map's PDF pages: ") + e.what());
    } catch (const std::logic_error& e) {
        throw OperationError({}, std::string("qpdf cannot stack the map's PDF pages: ") + e.what());
    }
}

}  // namespace bordermap::render
