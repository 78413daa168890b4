// The Export dialog (Ctrl+E): a map as PNG, SVG or PDF, or a video, with its settings and progress.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <bordermap/render/video_writer.hpp>
#include <bordermap/ui/export.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace bordermap::ui::panels {

using namespace std::chrono;
using timeline::CalendarDay;

// "1:05" for a time left.
std::string minutesSeconds(double seconds) {
    const long total = std::lround(std::max(0.0, seconds));
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

// A video's own settings: what it shows (the dates a step apart, or the open briefing), its frames a second, and
// what it will be (frames, seconds, size) or why it cannot be made.
void drawFilmSettings(AppState& s, float k) {
    const float em = ImGui::GetFontSize();
    (void)k;
    ExportSettings& e = s.exportSettings;
    static char from[16];
    static char to[16];
    static std::string dateProblem;
    static bool typing = false;  // in either date field, the frame before
    if (ImGui::IsWindowAppearing() || !e.filmFrom || !e.filmTo) {
        const auto [first, last] = filmDates(s);  // the remembered dates where they fit the data, or the window shown
        e.filmFrom = first;
        e.filmTo = last;
        dateProblem.clear();
    }
    if (!typing) {  // the fields show the dates in use, unless the reader is typing one
        std::snprintf(from, sizeof from, "%s", timeline::isoDay(*e.filmFrom).c_str());
        std::snprintf(to, sizeof to, "%s", timeline::isoDay(*e.filmTo).c_str());
    }
    if (ImGui::RadioButton("dates", e.filmSource == FilmSource::Dates)) e.filmSource = FilmSource::Dates;
    ImGui::SameLine();
    ImGui::BeginDisabled(!s.briefing);
    if (ImGui::RadioButton("the open briefing, played", e.filmSource == FilmSource::Briefing)) e.filmSource = FilmSource::Briefing;
    ImGui::EndDisabled();
    if (!s.briefing)
        ImGui::TextWrapped("To film a briefing, open one: bordermap --briefing FILE, or drop its file on the window.");
    if (e.filmSource == FilmSource::Dates) {
        // A typed day is taken once it is a day within the data; until then the line under says what is wrong.
        const auto dateField = [&](const char* label, char* text, std::size_t size, std::optional<CalendarDay>& day) {
            ImGui::TextUnformatted(label);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(7.5f * em);
            if (!ImGui::InputText((std::string("##film") + label).c_str(), text, size)) return;
            const auto date = timeline::parseDate(text);
            if (!date || date->precision() != timeline::TimePrecision::Day) {
                dateProblem = std::string("'") + text + "' is not a day (YYYY-MM-DD)";
            } else if (date->first() < s.firstDay() || date->first() > s.lastDay()) {
                dateProblem = timeline::isoDay(date->first()) + " is outside the data, " + timeline::isoDay(s.firstDay()) + " to " +
                              timeline::isoDay(s.lastDay());
            } else {
                day = date->first();
                dateProblem.clear();
            }
        };
        dateField("from", from, sizeof from, e.filmFrom);
        typing = ImGui::IsItemActive();
        ImGui::SameLine();
        dateField("to", to, sizeof to, e.filmTo);
        typing = typing || ImGui::IsItemActive();
        if (!typing) dateProblem.clear();  // what was typed and left is shown again as the dates in use
        ImGui::SameLine();
        if (ImGui::Button("the window shown")) {
            e.filmFrom.reset();  // filmDates gives the window again on the next frame
            e.filmTo.reset();
        }
        ImGui::TextUnformatted("a frame every");
        for (const auto& [unit, name] : {std::pair{StepUnit::Day, "day"}, std::pair{StepUnit::Week, "week"}, std::pair{StepUnit::Month, "month"}}) {
            ImGui::SameLine();
            const std::string label = std::string(name) + "##filmstep";
            if (ImGui::RadioButton(label.c_str(), e.filmStep == unit)) e.filmStep = unit;
        }
    }
    ImGui::SetNextItemWidth(7 * em);
    ImGui::InputInt("frames a second", &e.fps, 1, 5);
    e.fps = std::clamp(e.fps, 1, 60);
    if (!dateProblem.empty() && e.filmSource == FilmSource::Dates) {
        ImGui::TextWrapped("%s", dateProblem.c_str());
    } else if (const auto defect = filmDefect(s)) {
        ImGui::TextWrapped("%s", defect->c_str());
    } else {
        const long frames = filmFrames(s);
        const auto [fw, fh] = filmSize(s);
        ImGui::Text("%ld frames, %.1f s, %dx%d", frames, static_cast<double>(frames) / e.fps, fw, fh);
    }
}

// The video being written: a bar with its frames and the time left, and Cancel (nothing is written then).
void drawFilmProgress(AppState& s, const FilmJob& film) {
    const FilmJob::Progress p = film.progress();
    char overlay[96];
    if (film.cancelling()) std::snprintf(overlay, sizeof overlay, "cancelling...");
    else if (p.done == 0) std::snprintf(overlay, sizeof overlay, "preparing the map... (%ld frames)", p.total);
    else if (p.done >= p.total) std::snprintf(overlay, sizeof overlay, "%ld frames: encoding the last...", p.total);
    else std::snprintf(overlay, sizeof overlay, "%ld / %ld frames, %s left", p.done, p.total, minutesSeconds(p.left_s.value_or(0)).c_str());
    ImGui::TextWrapped("writing %s", film.path().c_str());
    ImGui::ProgressBar(p.total > 0 ? static_cast<float>(p.done) / static_cast<float>(p.total) : 0.0f, ImVec2(-1, 0), overlay);
    ImGui::BeginDisabled(film.cancelling());
    if (ImGui::Button("Cancel")) s.cancelFilm();
    ImGui::EndDisabled();
}

void drawExportDialog(AppState& s, float w, float h, float k) {
    ImGui::SetNextWindowPos(ImVec2(w / 2, h / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // 33 em wide, as tall as what it holds (fitted every frame: a video's settings make it taller than a still's);
    // within the screen, where it scrolls rather than runs off it.
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(std::min(33 * em, w - 16), 0), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(w - 16, h - 16));
    ImGui::Begin("Export the map", &s.exportDialogVisible, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    {  // grown since it appeared (a video's settings): moved up so that its foot stays on the screen
        const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        if (at.y + size.y > h - 8) ImGui::SetWindowPos(ImVec2(at.x, std::max(8.0f, h - 8 - size.y)));
    }
    ExportSettings& e = s.exportSettings;
    static char path[512];
    static char title[256];
    static char subtitle[256];
    if (ImGui::IsWindowAppearing()) {
        std::snprintf(path, sizeof path, "%s", e.path.c_str());
        std::snprintf(title, sizeof title, "%s", e.title.c_str());
        std::snprintf(subtitle, sizeof subtitle, "%s", e.subtitle.c_str());
    }
    const bool film = exportsFilm(e);
    const bool data = exportsEvents(e.path);
    const bool briefingFilm = film && e.filmSource == FilmSource::Briefing;
    ImGui::TextWrapped(data ? "The events the map shows (this date and window, the filter, your files) as data for QGIS, Google Earth or a spreadsheet: every field of bordermap's schema, start_date and end_date for a temporal controller."
                       : film ? "A video of the map as it is on the screen (this view, layers, style and filter), written while you go on."
                              : "The map as it is on the screen: this view, date, layers and style. Text stays text in SVG and PDF.");
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##path", path, sizeof path)) e.path = path;
    // The map's formats on one row, the events' as data on the next; a button puts its extension on the name.
    const auto formatButton = [&](const char* extension) {
        const std::string ext = extension;
        const bool chosen = e.path.size() >= ext.size() && toLower(e.path.substr(e.path.size() - ext.size())) == ext;
        if (ImGui::RadioButton(extension, chosen)) {
            const auto dot = e.path.rfind('.');
            const auto slash = e.path.rfind('/');
            const bool hasExtension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
            e.path = (hasExtension ? e.path.substr(0, dot) : e.path) + ext;
            std::snprintf(path, sizeof path, "%s", e.path.c_str());
        }
    };
    bool firstFormat = true;
    for (const char* extension : {".png", ".svg", ".pdf", ".mp4", ".webm", ".gif"}) {
        if (!std::exchange(firstFormat, false)) sameLineIfFits(checkboxWidth(extension));
        formatButton(extension);
    }
    ImGui::TextUnformatted("events as data:");
    for (const char* extension : {".gpkg", ".geojson", ".csv", ".kml", ".fgb"}) {
        sameLineIfFits(checkboxWidth(extension));
        formatButton(extension);
    }
    hoverTip("GeoPackage, GeoJSON, CSV (geometry as WKT), KML (time spans for Google Earth's slider), FlatGeobuf");
    if (data) {
        if (ImGui::Button("Export")) {
            try {
                exportEvents(s, e.path);
            } catch (const Error& error) {
                s.message = error.what();
            }
        }
        ImGui::SameLine();
        ImGui::TextWrapped("%s", s.message.c_str());
        ImGui::End();
        return;
    }
    ImGui::Checkbox(film && render::videoFormatFor(e.path) != render::VideoFormat::Gif ? "the size of the map on the screen (made even)"
                                                                                          : "the size of the map on the screen",
                    &e.matchScreen);
    if (!e.matchScreen) {
        ImGui::SetNextItemWidth(7 * em);
        ImGui::InputInt("width px", &e.width_px, 100, 1000);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(7 * em);
        ImGui::InputInt("height px", &e.height_px, 100, 1000);
        e.width_px = std::clamp(e.width_px, 16, 20000);
        e.height_px = std::clamp(e.height_px, 16, 20000);
    }
    if (film) {
        drawFilmSettings(s, k);
    } else {
        ImGui::SetNextItemWidth(7 * em);
        ImGui::InputInt("DPI (lines and text scale with it)", &e.dpi, 24, 96);
        e.dpi = std::clamp(e.dpi, 36, 1200);
    }
    if (briefingFilm) {
        ImGui::TextUnformatted("Each scene's title and caption head its frames.");
    } else {
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("##title", "title", title, sizeof title)) e.title = title;
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("##subtitle", "subtitle", subtitle, sizeof subtitle)) e.subtitle = subtitle;
    }
    // Rows that flow with the dialog's width (a box goes on the line before where it fits).
    bool first = true;
    const auto box = [&](const char* label, bool* on) {
        if (!std::exchange(first, false)) sameLineIfFits(checkboxWidth(label));
        ImGui::Checkbox(label, on);
    };
    for (const auto& [label, on] : {std::pair{"title", &e.title_on}, {"date", &e.date}, {"legend", &e.legend}, {"scale bar", &e.scaleBar},
                                    {"north arrow", &e.north}, {"Durand Line note", &e.durandNote}, {"sources", &e.sources},
                                    {"credits", &e.attribution}, {"inset: Khyber-Kurram-Waziristan", &e.inset}})
        box(label, on);
    ImGui::TextUnformatted("locator map:");
    for (const scene::LocatorMode m : {scene::LocatorMode::Auto, scene::LocatorMode::On, scene::LocatorMode::Off}) {
        const std::string label = std::string(scene::locatorModeName(m)) + "##locator";
        sameLineIfFits(checkboxWidth(label.c_str()));
        if (ImGui::RadioButton(label.c_str(), e.locator == m)) e.locator = m;
    }
    hoverTip("auto: a locator map only where the map shows less than a third of the region");
    if (const FilmJob* job = s.film()) {
        drawFilmProgress(s, *job);
    } else {
        ImGui::BeginDisabled(film && filmDefect(s).has_value());
        if (ImGui::Button("Export")) {
            try {
                if (film) exportFilm(s, exportSettingsFile());
                else exportView(s, exportSettingsFile());
            } catch (const Error& error) {
                s.message = error.what();
            }
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextWrapped("%s", s.message.c_str());
    }
    ImGui::End();
}

}  // namespace bordermap::ui::panels
