#include "bordermap/ui/app_state.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/locator.hpp>
#include <bordermap/geo/vector_source.hpp>
#include <bordermap/timeline/text_index.hpp>
#include <bordermap/ui/open_file.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace bordermap::ui {

namespace {

using namespace std::chrono;
using timeline::CalendarDay;

constexpr double kPointSpan_m = 120'000.0;
constexpr double kEventSpan_m = 200'000.0;  // what a guided step shows around an event: it, its district, the next towns  // what "zoom to" shows around a point: about a district's surroundings

}  // namespace

AppState::AppState(geo::BoundaryData boundaries, timeline::Catalogue catalogue, const std::string& crs, int widthPx,
                   int heightPx)
    : m_boundaries(std::move(boundaries)), m_catalogue(std::move(catalogue)), m_crs(crs) {
    rebuildMap();
    refreshEvents();
    const auto [first, last] = m_catalogue.range();
    time.day = m_catalogue.asOf ? m_catalogue.asOf->first() : last;
    view.widthPx = widthPx;
    view.heightPx = heightPx;
    fitRegion();
    setWholeRange(wholeRange);
    m_stripFollowed = time.day;
}

AppState::~AppState() {
    m_film.reset();  // cancelled and waited for: it reads the catalogue and the boundaries
    stopTextIndex();
}

void AppState::startFilm(std::unique_ptr<FilmJob> job) {
    if (m_film) throw UsageError("a video is being written (" + m_film->path() + "): wait for it or cancel it");
    m_film = std::move(job);
    lastFilm.reset();
}

void AppState::startTextIndex() {
    stopTextIndex();
    m_textIndexFailed = false;
    if (m_catalogue.events.size() < kTextIndexAside) return;  // built on first use
    m_textIndexStop = std::stop_source();
    m_textIndexBuild = std::async(std::launch::async, [this, stop = m_textIndexStop.get_token()] {
        return std::make_unique<timeline::EventTextIndex>(m_catalogue, stop);
    });
}

void AppState::stopTextIndex() {
    settleSelecting();  // a selection under way reads the catalogue and the index
    if (m_textIndexBuild.valid()) {
        m_textIndexStop.request_stop();
        m_textIndexBuild.wait();
        m_textIndexBuild = {};  // finished or stopped, its result is for a catalogue about to change
    }
    m_textIndex.reset();
}

const timeline::EventTextIndex* AppState::textIndex(bool wait) {
    if (m_textIndex || m_textIndexFailed) return m_textIndex.get();
    try {
        if (!m_textIndexBuild.valid()) {
            m_textIndex = std::make_unique<timeline::EventTextIndex>(m_catalogue);
        } else if (wait || m_textIndexBuild.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            m_textIndex = m_textIndexBuild.get();
        }
    } catch (const std::exception& e) {
        // Not fatal: the scan finds the same events, more slowly.
        m_textIndexFailed = true;
        message = std::string("the word index could not be built (") + e.what() + "): text filters read every event";
    }
    return m_textIndex.get();
}

void AppState::rebuildMap() {
    m_map = std::make_unique<scene::ProjectedMap>(scene::projectMap(m_boundaries, m_crs, m_overlays));
    scene::projectEvents(*m_map, m_catalogue);
    m_bins = {};  // in the old CRS's metres
    m_unfilteredBins = {};
    ++m_staticRevision;
}

void AppState::refreshEvents() {
    if (!m_map->eventsProjected(m_catalogue.events.size())) scene::projectEvents(*m_map, m_catalogue);
    startTextIndex();
    // The filter last asked for (startTextIndex has settled any selection under way).
    timeline::EventFilter filter = m_waitingFilter ? *m_waitingFilter : m_events ? m_events->filter() : timeline::EventFilter{};
    m_waitingFilter.reset();
    const timeline::EventTextIndex* index = filter.text.empty() ? nullptr : textIndex();
    m_events = std::make_unique<timeline::EventSelection>(m_catalogue, std::move(filter), index);
    // The caches name the selection by address, which a later one may reuse.
    m_bins = {};
    m_unfilteredBins = {};
    m_unfiltered.reset();
    m_histogram = {};
    const auto [first, last] = m_catalogue.range();
    m_firstDay = first;
    m_lastDay = last;
    if (m_liveDays) {  // a database's days reach beyond the window fetched
        m_firstDay = std::min(m_firstDay, m_liveDays->first);
        m_lastDay = std::max(m_lastDay, m_liveDays->second);
    }
    m_kindsOf = nullptr;
    if (stripSpan.length_days() > 1) setStripSpan(stripSpan);  // within the new range (unset while constructing)
}

const scene::EventBins& AppState::eventBins(const scene::Style& style) const {
    const double radius_m = scene::clusterRadius_m(view, style);
    if (scene::binsFit(m_bins, *m_events, time, radius_m, layers.userEvents)) return m_bins;
    // A filter over a big catalogue in cumulative mode: every event's bins, kept, narrowed to the filter, so that
    // changing the filter costs a pass over them, not a binning of a million events.
    if (time.mode == scene::TimeMode::Cumulative && m_events->filter().active() && m_catalogue.events.size() >= kNarrowBinsFrom) {
        if (!m_unfiltered) m_unfiltered = std::make_unique<timeline::EventSelection>(m_catalogue);
        if (!scene::binsNarrow(m_unfilteredBins, *m_events, time, radius_m, layers.userEvents))
            m_unfilteredBins = scene::binEvents(*m_map, *m_unfiltered, time, radius_m, layers.userEvents);
        m_bins = scene::narrowBins(m_unfilteredBins, *m_events);
    } else {
        m_bins = scene::binEvents(*m_map, *m_events, time, radius_m, layers.userEvents);
    }
    return m_bins;
}

const timeline::Histogram& AppState::histogram(CalendarDay from, CalendarDay to, timeline::HistogramUnit unit) const {
    HistogramCache& c = m_histogram;
    if (c.events != m_events.get() || c.from != from || c.to != to || c.unit != unit) {
        c.histogram = timeline::histogramOf(*m_events, from, to, unit);
        c.events = m_events.get();
        c.from = from;
        c.to = to;
        c.unit = unit;
    }
    return c.histogram;
}

void AppState::setFilter(timeline::EventFilter filter, bool aside) {
    if (aside && m_catalogue.events.size() >= kFilterAside) {
        if (m_selecting.valid()) m_waitingFilter = std::move(filter);
        else startSelecting(std::move(filter));
        return;
    }
    settleSelecting();
    m_waitingFilter.reset();  // this one is newer
    const timeline::EventTextIndex* index = filter.text.empty() ? nullptr : textIndex();
    useSelection(std::make_unique<timeline::EventSelection>(m_catalogue, std::move(filter), index));
}

void AppState::startSelecting(timeline::EventFilter filter) {
    const timeline::EventTextIndex* index = filter.text.empty() ? nullptr : textIndex();
    m_selectingFilter = filter;
    // The catalogue and the index stay as they are until it is done: whatever changes them settles it first.
    m_selecting = std::async(std::launch::async, [this, index, f = std::move(filter)] {
        return std::make_unique<timeline::EventSelection>(m_catalogue, f, index);
    });
}

void AppState::poll() {
    if (m_film && m_film->finished()) {
        const FilmJob::Outcome outcome = m_film->outcome();
        using Kind = FilmJob::Outcome::Kind;
        message = outcome.kind == Kind::Written     ? "wrote " + m_film->path() + ": " + std::to_string(outcome.frames) + " frames"
                  : outcome.kind == Kind::Cancelled ? "cancelled: " + m_film->path() + " not written"
                                                    : outcome.error;
        lastFilm = outcome;
        m_film.reset();
    }
    if (!m_selecting.valid() || m_selecting.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    settleSelecting();  // ready: takes it without waiting
    if (m_waitingFilter) {
        timeline::EventFilter next = std::move(*m_waitingFilter);
        m_waitingFilter.reset();
        startSelecting(std::move(next));
    }
}

void AppState::settleSelecting() {
    if (!m_selecting.valid()) return;
    try {
        useSelection(m_selecting.get());
    } catch (const std::exception& e) {
        message = std::string("the filter could not be applied: ") + e.what();
    }
}

void AppState::useSelection(std::unique_ptr<timeline::EventSelection> selection) {
    m_events = std::move(selection);
    m_kindsOf = nullptr;
    m_bins = {};
    m_histogram = {};
    m_searchResults.reset();
    const std::string described = m_events->filter().describe();
    message = described.empty() ? "every event shown" : "shown: " + described;
}

scene::Style AppState::style() const {
    scene::Style s = scene::makeStyle(highContrast || presenter ? scene::PaletteKind::Presenter : scene::PaletteKind::Standard,
                                      durandView);
    s.scale = m_scale;
    s.highlightEventId = selectedEventId;
    if (const briefing::Scene* shown = scene()) s.highlightEventIds = shown->highlight;
    s.labelLanguage = labelLanguage;
    s.userLayers = m_layerStyles;
    s.measurePath = measurePoints;
    return s;
}

void AppState::setDate(CalendarDay day) { time.day = std::clamp(day, m_firstDay, m_lastDay); }

void AppState::step(int count) {
    switch (stepUnit) {
    case StepUnit::Day: setDate(time.day + days{count}); break;
    case StepUnit::Week: setDate(time.day + days{7 * count}); break;
    case StepUnit::Month: {
        year_month_day ymd{time.day};
        const year_month ym = year_month{ymd.year(), ymd.month()} + months{count};
        const day d = std::min(ymd.day(), (ym / last).day());
        setDate(sys_days{ym / d});
        break;
    }
    }
}

bool AppState::goTo(const std::optional<timeline::Moment>& moment, const char* beyond) {
    if (!moment) {
        message = std::string("no event ") + beyond + " " + timeline::displayDay(time.day);
        return false;
    }
    setDate(moment->day);
    if (!moment->reopening) select(moment->event->id.str());
    message = (moment->reopening ? "reopening: " : "") + moment->event->name;
    flyToPlaces(*moment->event);
    return true;
}

void AppState::flyToPlaces(const timeline::Event& event) {
    // The map flies to where it happened (its places' box, at least a neighbourhood across); an event with no
    // place keeps the view.
    const auto& places = event.places;
    if (!places.empty()) {
        MapBox box;
        for (const LonLat& p : places) {
            const MapXY at = m_map->projection.forward(p);
            if (std::isfinite(at.x_m) && std::isfinite(at.y_m)) box.add(at);
        }
        if (!box.empty()) {
            const MapXY centre{(box.min.x_m + box.max.x_m) / 2, (box.min.y_m + box.max.y_m) / 2};
            const double span = std::max({kEventSpan_m, (box.max.x_m - box.min.x_m) * 1.3, (box.max.y_m - box.min.y_m) * 1.3});
            scene::View target = scene::neighbourhoodView(m_flight ? m_flight->toView : view, centre, span);
            // With the caption card over the map's lower third, the event sits above the middle, clear of it.
            if (captionShown() && target.centre == centre) target.centre.y_m -= kCaptionLift * target.heightPx * target.metresPerPixel;
            flyTo(target);
        }
    }
}

bool AppState::nextEvent() { return goTo(timeline::nextMoment(m_catalogue, time.day, m_events.get()), "after"); }

bool AppState::previousEvent() { return goTo(timeline::previousMoment(m_catalogue, time.day, m_events.get()), "before"); }

void AppState::togglePlay() {
    playing = !playing;
    m_playCarry = 0;
    if (playing && time.day >= m_lastDay) setDate(m_firstDay);
}

void AppState::advance(double seconds) {
    pollLive();
    if (message != m_lastMessage) {
        m_lastMessage = message;
        messageAge_s = 0;
    } else {
        messageAge_s += seconds;
    }
    if (m_flight) {
        m_flightElapsed_s += seconds;
        const int w = view.widthPx, h = view.heightPx;  // the window may have changed size on the way
        view = m_flight->viewAt(m_flightElapsed_s);
        view.widthPx = w;
        view.heightPx = h;
        time = m_flight->timeAt(m_flightElapsed_s);
        if (m_flight->done(m_flightElapsed_s)) m_flight.reset();
    }
    if (!playing) return;
    m_playCarry += seconds * playSpeed_daysPerSecond;
    const int whole = static_cast<int>(std::floor(m_playCarry));
    if (whole <= 0) return;
    m_playCarry -= whole;
    setDate(time.day + days{whole});
    if (time.day >= m_lastDay) playing = false;
}

void AppState::setMode(scene::TimeMode mode) { time.mode = mode; }

void AppState::setWindowDays(int d) { time.windowDays = std::clamp(d, 1, 3650); }

bool AppState::setDateText(const std::string& text) {
    const auto date = timeline::parseDate(trim(text));
    if (!date || date->precision() != timeline::TimePrecision::Day) {
        message = "'" + text + "' is not a day: write it as YYYY-MM-DD";
        return false;
    }
    if (date->first() < m_firstDay || date->first() > m_lastDay) {
        message = date->iso() + " is outside the data, " + timeline::isoDay(m_firstDay) + " to " + timeline::isoDay(m_lastDay);
        return false;
    }
    setDate(date->first());
    message.clear();
    return true;
}

void AppState::selectRange(CalendarDay from, CalendarDay to) {
    if (to < from) std::swap(from, to);
    setDate(to);
    time.mode = scene::TimeMode::Window;
    setWindowDays(static_cast<int>((time.day - std::max(from, m_firstDay)).count()) + 1);
    message = "showing " + timeline::displayDay(time.day - days{time.windowDays - 1}) + " to " + timeline::displayDay(time.day);
}

void AppState::resize(int widthPx, int heightPx) {
    view.widthPx = std::max(1, widthPx);
    view.heightPx = std::max(1, heightPx);
}

void AppState::fitRegion() {
    const scene::View fitted = scene::fitView(m_map->regionBox, view.widthPx, view.heightPx, 30.0);
    view.centre = fitted.centre;
    view.metresPerPixel = fitted.metresPerPixel;
}

void AppState::openBriefing(const std::string& path) {
    briefing::Briefing read = briefing::readBriefing(path);
    briefing::checkBriefing(read, path, *m_map, m_catalogue);
    briefing = std::move(read);
    briefingFile = path;
    briefingStarted = std::chrono::steady_clock::now();
    briefingChanged = false;
    showScene(0);
}

void AppState::showScene(int index) {
    if (!briefing || index < 0 || index >= static_cast<int>(briefing->scenes.size())) return;
    sceneIndex = index;
    const briefing::Scene& s = briefing->scenes[static_cast<std::size_t>(index)];
    select("");  // the scene's own events are ringed; its card shows
    if (s.layers) setLayers(*s.layers);
    if (s.filter && *s.filter != filter()) setFilter(*s.filter);
    scene::View target = briefing::sceneView(s, *m_map, view.widthPx, view.heightPx);
    if (s.view.box && captionVisible && !panelsVisible) {
        // The scene's card takes the lower third: the box fitted above it.
        const int above = static_cast<int>(view.heightPx * (1 - 2 * kCaptionLift));
        target = briefing::sceneView(s, *m_map, view.widthPx, above);
        target.heightPx = view.heightPx;
        target.centre.y_m -= kCaptionLift * view.heightPx * target.metresPerPixel;
    }
    flyTo(target, briefing::sceneTime(s));
    playing = false;
    message = "scene " + std::to_string(index + 1) + " of " + std::to_string(briefing->scenes.size()) + ": " + s.title;
}

void AppState::newBriefing() {
    briefing = briefing::Briefing{"A new briefing", {}};
    briefingFile.clear();
    briefingStarted = std::chrono::steady_clock::now();
    sceneIndex = -1;
    briefingChanged = false;
    message = "a new briefing: show what the first scene shows, then add the view as a scene";
}

void AppState::closeBriefing() {
    briefing.reset();
    briefingFile.clear();
    sceneIndex = -1;
    briefingChanged = false;
    notesVisible = false;
}

namespace {

// A scene's date, time mode, view, layers and filter as the viewer shows them now.
void takeView(briefing::Scene& s, const AppState& state) {
    s.date = state.time.day;
    s.mode = state.time.mode;
    s.windowDays = state.time.windowDays;
    s.view = briefing::viewOf(state.view, state.map());
    s.layers = state.layers;
    s.filter = state.filter();
}

}  // namespace

int AppState::addSceneFromView() {
    if (!briefing) newBriefing();
    briefing::Scene s;
    takeView(s, *this);
    if (const timeline::Event* e = selected()) {
        s.highlight = {e->id.str()};
        s.title = e->name.str();
    } else {
        s.title = timeline::displayDay(time.day);
    }
    auto& scenes = briefing->scenes;
    const auto at = static_cast<std::size_t>(std::clamp(sceneIndex + 1, 0, static_cast<int>(scenes.size())));
    scenes.insert(scenes.begin() + static_cast<std::ptrdiff_t>(at), std::move(s));
    sceneIndex = static_cast<int>(at);
    briefingChanged = true;
    message = "added scene " + std::to_string(at + 1) + " of " + std::to_string(scenes.size());
    return sceneIndex;
}

void AppState::updateSceneFromView(int index) {
    if (!briefing || index < 0 || index >= static_cast<int>(briefing->scenes.size())) return;
    takeView(briefing->scenes[static_cast<std::size_t>(index)], *this);
    briefingChanged = true;
    message = "scene " + std::to_string(index + 1) + " now shows this view and date";
}

void AppState::moveScene(int index, int delta) {
    if (!briefing) return;
    const int to = index + delta, count = static_cast<int>(briefing->scenes.size());
    if (index < 0 || index >= count || to < 0 || to >= count || delta == 0) return;
    auto& scenes = briefing->scenes;
    const auto step = delta > 0 ? 1 : -1;
    for (int i = index; i != to; i += step) std::swap(scenes[static_cast<std::size_t>(i)], scenes[static_cast<std::size_t>(i + step)]);
    if (sceneIndex == index) sceneIndex = to;
    else if (sceneIndex >= std::min(index, to) && sceneIndex <= std::max(index, to)) sceneIndex -= step;
    briefingChanged = true;
}

void AppState::deleteScene(int index) {
    if (!briefing || index < 0 || index >= static_cast<int>(briefing->scenes.size())) return;
    const std::string title = briefing->scenes[static_cast<std::size_t>(index)].title;
    briefing->scenes.erase(briefing->scenes.begin() + index);
    if (sceneIndex > index || sceneIndex >= static_cast<int>(briefing->scenes.size())) --sceneIndex;
    briefingChanged = true;
    message = "deleted scene " + std::to_string(index + 1) + (title.empty() ? "" : " ('" + title + "')");
}

bool AppState::saveBriefingAs(const std::string& path) {
    if (!briefing) return false;
    if (briefing->scenes.empty()) {
        message = "a briefing needs a scene: add the current view first";
        return false;
    }
    if (trim(path).empty()) {
        message = "name the file to save the briefing in";
        return false;
    }
    try {
        briefing::saveBriefing(*briefing, path);
    } catch (const Error& e) {
        message = e.what();
        return false;
    }
    briefingFile = path;
    briefingChanged = false;
    const std::size_t n = briefing->scenes.size();
    message = "saved " + path + ": " + std::to_string(n) + (n == 1 ? " scene" : " scenes");
    return true;
}

bool AppState::stepScene(int delta) {
    if (!briefing) return false;
    const int to = sceneIndex + delta;
    if (to < 0 || to >= static_cast<int>(briefing->scenes.size())) {
        message = delta > 0 ? "the briefing's last scene" : "the briefing's first scene";
        return false;
    }
    showScene(to);
    return true;
}

void AppState::flyTo(const scene::View& target, const std::optional<scene::TimeSettings>& toTime) {
    scene::View to = target;
    to.widthPx = view.widthPx;
    to.heightPx = view.heightPx;
    const scene::TimeSettings endTime = toTime ? *toTime : m_flight ? m_flight->toTime : time;
    m_flight = scene::planTransition(view, time, to, endTime);
    m_flightElapsed_s = 0;
}

void AppState::finishFlight() {
    if (!m_flight) return;
    const int w = view.widthPx, h = view.heightPx;
    view = m_flight->toView;
    view.widthPx = w;
    view.heightPx = h;
    time = m_flight->toTime;
    m_flight.reset();
}

void AppState::stopFlight() {
    if (!m_flight) return;
    time = m_flight->toTime;  // the date where it was going; the view where the reader took it
    m_flight.reset();
}

void AppState::flyToInset() {
    flyTo(scene::fitView(scene::areaBox(*m_map, scene::khyberInset().box), view.widthPx, view.heightPx, 30.0));
}

void AppState::zoomAt(scene::ScreenPx anchor, double factor) { view.zoomAround(anchor, factor); }

void AppState::zoomByKey(std::optional<scene::ScreenPx> mouse, double factor) {
    const bool onMap = mouse && mouse->x_px >= 0 && mouse->x_px < view.widthPx && mouse->y_px >= 0 && mouse->y_px < view.heightPx;
    zoomAt(onMap ? *mouse : scene::ScreenPx{view.widthPx / 2.0, view.heightPx / 2.0}, factor);
}

void AppState::panBy(double dx, double dy) { view.panBy(dx, dy); }

void AppState::setProjection(const std::string& crs) {
    // Keep the geographic place at the centre, and the true distance a pixel covers there, north-south: measured
    // and set through the same scale factor, so that any switch (plate carree's east-west is stretched, Web
    // Mercator's is not) keeps it, and between two conformal maps east-west follows.
    const LonLat centre = m_map->projection.inverse(view.centre);
    const double groundPerPixel_m = view.metresPerPixel / m_map->projection.scaleFactor(centre);
    auto candidate = std::make_unique<scene::ProjectedMap>(scene::projectMap(m_boundaries, crs, m_overlays));  // throws on a bad CRS
    m_map = std::move(candidate);
    m_crs = crs;
    ++m_staticRevision;
    if (!std::isfinite(centre.lon_deg)) {
        fitRegion();
        return;
    }
    view.centre = m_map->projection.forward(centre);
    const double scale = m_map->projection.scaleFactor(centre);  // map metres per true metre here
    view.metresPerPixel = std::clamp(groundPerPixel_m * scale, scene::kMinMetresPerPixel, scene::kMaxMetresPerPixel);
    message = "map: " + m_map->projection.name();
}

void AppState::setDurandView(scene::DurandView v) {
    durandView = v;
    ++m_staticRevision;
}

void AppState::setLabelLanguage(scene::LabelLanguage language) {
    labelLanguage = language;
    message = language == scene::LabelLanguage::English ? "labels: English" : "labels: English and local names";
}

void AppState::setHighContrast(bool on) {
    highContrast = on;
    ++m_staticRevision;
}

void AppState::setPresenter(bool on) {
    presenter = on;
    ++m_staticRevision;
}

void AppState::setLayers(const scene::LayerSwitches& switches) {
    layers = switches;
    ++m_staticRevision;
}

void AppState::select(const std::string& eventId) { selectedEventId = eventId; }

const timeline::Event* AppState::selected() const {
    return selectedEventId.empty() ? nullptr : m_catalogue.find(selectedEventId);
}

void AppState::zoomTo(const SearchResult& result) {
    // The date first, as guided stepping does: a flight ends on the date it started from.
    if (!result.eventId.empty()) {
        const timeline::Event* e = m_catalogue.find(result.eventId);
        if (e != nullptr && e->start && e->kind != timeline::EventKind::Crossing) setDate(e->start->first());
        select(result.eventId);
    }
    if (result.at) {  // an event with no place keeps the view
        scene::View target = view;
        target.centre = m_map->projection.forward(*result.at);
        const double span = std::max(kPointSpan_m, result.span_m * 1.2);
        target.metresPerPixel = std::clamp(span / std::min(view.widthPx, view.heightPx), scene::kMinMetresPerPixel, scene::kMaxMetresPerPixel);
        flyTo(target);
    }
    message = result.label;
}

std::string AppState::eventAt(const scene::DynamicScene& dynamic, scene::ScreenPx p) const {
    // Through the scene's grid: only what reaches the cell under the point is measured. The newest marker on top
    // wins, then the first crossing.
    const scene::Marker* marker = nullptr;
    std::uint32_t markerIndex = 0;
    const scene::CrossingIcon* crossing = nullptr;
    std::uint32_t crossingIndex = 0;
    for (const scene::HitGrid::Item& item : dynamic.hits.near(p)) {
        if (item.kind == scene::HitGrid::Kind::Marker && (marker == nullptr || item.index > markerIndex)) {
            const scene::Marker& m = dynamic.markers[item.index];
            const scene::ScreenPx s = drawnAt(m, view);
            if (std::hypot(s.x_px - p.x_px, s.y_px - p.y_px) <= m.radius_px + 3.0) {
                marker = &m;
                markerIndex = item.index;
            }
        } else if (item.kind == scene::HitGrid::Kind::Crossing && (crossing == nullptr || item.index < crossingIndex)) {
            const scene::CrossingIcon& c = dynamic.crossings[item.index];
            const scene::ScreenPx s = view.toScreen(c.at);
            if (std::fabs(s.x_px - p.x_px) <= c.size_px + 2 && std::fabs(s.y_px - p.y_px) <= c.size_px + 2) {
                crossing = &c;
                crossingIndex = item.index;
            }
        }
    }
    if (marker != nullptr) return std::string(marker->eventId);
    if (crossing != nullptr) return crossing->crossingId;
    return {};
}

Hover AppState::hoverAt(const scene::DynamicScene& dynamic, scene::ScreenPx p) const {
    Hover hover;
    const std::string id = eventAt(dynamic, p);
    if (const timeline::Event* e = id.empty() ? nullptr : m_catalogue.find(id)) {
        hover.title = e->name;
        if (e->kind == timeline::EventKind::Crossing) {
            for (const scene::CrossingIcon& c : dynamic.crossings)
                if (c.crossingId == id) hover.lines.push_back(c.since.empty() ? "open" : c.since);
            hover.lines.push_back(m_catalogue.summaryOf(*e));
        } else {
            hover.lines.push_back(std::string(timeline::eventKindName(e->kind)) + ", " + e->start->display() +
                                  (e->start->precision() != timeline::TimePrecision::Day ? " (date known to the " +
                                       std::string(timeline::timePrecisionName(e->start->precision())) + ")" : ""));
            if (!e->fatalities.empty()) hover.lines.push_back("killed: " + e->fatalities);
            hover.lines.push_back("click for details and sources");
        }
        return hover;
    }
    // The cluster on top (the last drawn) under the point.
    const scene::Cluster* cluster = nullptr;
    std::uint32_t clusterIndex = 0;
    for (const scene::HitGrid::Item& item : dynamic.hits.near(p)) {
        if (item.kind != scene::HitGrid::Kind::Cluster || (cluster != nullptr && item.index < clusterIndex)) continue;
        const scene::Cluster& c = dynamic.clusters[item.index];
        const scene::ScreenPx s = view.toScreen(c.at);
        if (std::hypot(s.x_px - p.x_px, s.y_px - p.y_px) <= c.radius_px + 2.0) {
            cluster = &c;
            clusterIndex = item.index;
        }
    }
    if (cluster != nullptr) {
        hover.title = formatNumber(cluster->count, 0) + " events here";
        hover.lines.push_back("mostly " + std::string(timeline::eventKindName(cluster->kind)) + "; at least " +
                              formatNumber(static_cast<double>(cluster->deaths), 0) + " killed in all");
        hover.lines.push_back("zoom in to see them one by one");
        return hover;
    }
    if (const auto found = userFeatureAt(p)) {
        const geo::Layer& layer = m_overlays[found->first];
        const geo::Feature& f = layer.features[found->second];
        const std::string& field = m_layerStyles[found->first].labelField;
        const std::string_view value = field.empty() ? std::string_view(f.name) : layer.value(f, field);
        hover.title = printable(layer.name) + (value.empty() ? "" : ": " + printable(value));
        std::size_t shown = 0, more = 0;
        for (std::size_t i = 0; i < layer.fields.size() && i < f.values.size(); ++i) {
            if (f.values[i].empty()) continue;
            if (shown == kHoverFields) {
                ++more;
                continue;
            }
            // A long value (a description) cut to a line's length.
            std::string text = printable(f.values[i]);
            if (text.size() > 80) text = text.substr(0, 77) + "...";
            hover.lines.push_back(printable(layer.fields[i]) + " = " + text);
            ++shown;
        }
        if (more > 0) hover.lines.push_back("and " + std::to_string(more) + " more fields");
        if (shown == 0) hover.lines.push_back("no attributes");
        return hover;
    }
    const LonLat at = m_map->projection.inverse(view.toMap(p));
    if (!std::isfinite(at.lon_deg) || !isValidLonLat(at)) return hover;
    if (const auto i = geo::findContaining(m_boundaries.provinces, at)) {
        const geo::Feature& f = m_boundaries.provinces.features[*i];
        hover.title = std::string(m_boundaries.provinces.value(f, "name"));
        hover.lines.push_back(std::string(m_boundaries.provinces.value(f, "type")) + ", " +
                              std::string(m_boundaries.provinces.value(f, "country")));
        const double km = geo::geodesicDistanceToM(m_boundaries.durand().geometry, at) / 1000.0;
        hover.lines.push_back(formatNumber(km, 0) + " km from the Durand Line");
    } else if (const auto c = geo::findContaining(m_boundaries.countries, at)) {
        hover.title = std::string(m_boundaries.countries.value(m_boundaries.countries.features[*c], "name"));
    }
    return hover;
}

void AppState::addMeasurePoint(scene::ScreenPx p) {
    const LonLat at = m_map->projection.inverse(view.toMap(p));
    if (std::isfinite(at.lon_deg) && isValidLonLat(at)) measurePoints.push_back(at);
}

double AppState::measuredDistanceM() const { return geo::geodesicLengthM(measurePoints); }

std::vector<geo::GeodesicLeg> AppState::measuredLegs() const {
    std::vector<geo::GeodesicLeg> legs;
    for (std::size_t i = 1; i < measurePoints.size(); ++i) legs.push_back(geo::geodesicLeg(measurePoints[i - 1], measurePoints[i]));
    return legs;
}

std::optional<std::pair<std::size_t, std::size_t>> AppState::userFeatureAt(scene::ScreenPx p) const {
    const MapXY at = view.toMap(p);
    const double k = m_scale, mpp = view.metresPerPixel;
    const LonLat lonLat = m_map->projection.inverse(at);
    // The layer drawn last is on top.
    for (std::size_t i = m_map->overlays.size(); i-- > 0;) {
        const scene::UserLayerStyle& own = m_layerStyles[i];
        if (!own.visible) continue;
        const double reach_m = (std::max(own.pointRadius_px(), own.width_px / 2) * k + 3.0) * mpp;
        const std::vector<geo::ProjectedFeature>& features = m_map->overlays[i].features;
        for (std::size_t j = features.size(); j-- > 0;) {
            const geo::ProjectedFeature& f = features[j];
            if (at.x_m < f.bounds.min.x_m - reach_m || at.x_m > f.bounds.max.x_m + reach_m || at.y_m < f.bounds.min.y_m - reach_m ||
                at.y_m > f.bounds.max.y_m + reach_m)
                continue;
            const geo::Geometry<MapXY>& g = f.geometry;
            if (g.kind == geo::GeometryKind::Polygons) {
                if (std::isfinite(lonLat.lon_deg) && geo::contains(m_overlays[i].features[j].geometry, lonLat)) return std::pair{i, j};
                continue;
            }
            for (std::size_t r = 0; r < g.runCount(); ++r) {
                const std::span<const MapXY> run = g.run(r);
                if (g.kind == geo::GeometryKind::Points || run.size() == 1) {
                    if (std::hypot(run[0].x_m - at.x_m, run[0].y_m - at.y_m) <= reach_m) return std::pair{i, j};
                    continue;
                }
                for (std::size_t v = 1; v < run.size(); ++v) {
                    // The distance from the point to the segment, in map metres.
                    const double dx = run[v].x_m - run[v - 1].x_m, dy = run[v].y_m - run[v - 1].y_m, len2 = dx * dx + dy * dy;
                    const double t = len2 > 0 ? std::clamp(((at.x_m - run[v - 1].x_m) * dx + (at.y_m - run[v - 1].y_m) * dy) / len2, 0.0, 1.0) : 0.0;
                    if (std::hypot(run[v - 1].x_m + t * dx - at.x_m, run[v - 1].y_m + t * dy - at.y_m) <= reach_m) return std::pair{i, j};
                }
            }
        }
    }
    return std::nullopt;
}

scene::UserLayerStyle& AppState::layerStyle(std::size_t index) {
    if (index >= m_layerStyles.size())
        throw UsageError("there is no layer " + std::to_string(index + 1) + " (" + std::to_string(m_layerStyles.size()) + " loaded)");
    return m_layerStyles[index];
}

void AppState::setLayerVisible(std::size_t index, bool visible) {
    scene::UserLayerStyle& own = layerStyle(index);
    if (own.visible == visible) return;
    own.visible = visible;
    ++m_staticRevision;  // its lines are in the static scene
}

void AppState::setLayerStyle(std::size_t index, scene::Colour colour, double width_px) {
    scene::UserLayerStyle& own = layerStyle(index);
    colour.a = 255;
    width_px = std::clamp(width_px, 0.5, 12.0);
    if (own.colour == colour && own.width_px == width_px) return;
    own.colour = colour;
    own.width_px = width_px;
    ++m_staticRevision;
}

void AppState::setLayerLabelField(std::size_t index, const std::string& field) {
    scene::UserLayerStyle& own = layerStyle(index);
    if (!field.empty() && !m_overlays[index].fieldIndex(field))
        throw UsageError(m_overlays[index].name + " has no field '" + printable(field) + "'");
    own.labelField = field;
}

void AppState::removeLayer(std::size_t index) {
    layerStyle(index);  // checks the index
    const std::string name = m_overlays[index].name;
    const auto at = static_cast<std::ptrdiff_t>(index);
    m_overlays.erase(m_overlays.begin() + at);
    m_layerStyles.erase(m_layerStyles.begin() + at);
    m_map->overlays.erase(m_map->overlays.begin() + at);  // projected once already: no need to project them all again
    ++m_staticRevision;
    message = "removed the layer " + name;
}

std::optional<std::string> AppState::loadFile(const std::string& path, OpenAs as) {
    std::string openedAs = as == OpenAs::Events ? "events" : "a map layer";
    try {
        std::error_code ec;
        if (path.empty()) throw UsageError("type a file's path first");
        if (!std::filesystem::exists(path, ec)) throw InputError({path, {}, {}, {}}, "no such file");
        if (std::filesystem::is_directory(path, ec) && as == OpenAs::Events)
            throw InputError({path, {}, {}, {}}, "a folder, not an events file");
        switch (as) {
        case OpenAs::Guess: openedAs = openFile(path); break;
        case OpenAs::Events: addEventsFile(path); break;
        case OpenAs::MapLayer: addMapLayer(path); break;
        }
    } catch (const Error& e) {
        fileProblem = e.what();
        message = fileProblem;
        return std::nullopt;
    }
    fileProblem.clear();
    return openedAs;
}

void AppState::followLive(std::unique_ptr<LiveEvents> live, std::shared_ptr<const timeline::Catalogue> base, const LiveEvents::Update& first) {
    m_live = std::move(live);
    m_liveBase = std::move(base);
    m_liveDays = first.sourceDays;
    m_liveFetched = FetchedDays{first.fetchedFrom, first.fetchedTo};
    m_liveProblems = first.problems.size();
    refreshEvents();  // the date's range with the sources' days
}

void AppState::pollLive() {
    if (!m_live) return;
    const timeline::CalendarDay to = time.day;
    const std::optional<timeline::CalendarDay> from =
        time.mode == scene::TimeMode::Window ? std::optional(to - days{std::max(1, time.windowDays) - 1}) : std::nullopt;
    m_live->show(from, to);
    if (m_film) return;  // it reads the catalogue: the update waits in m_live until the film ends
    if (auto update = m_live->take()) useLive(std::move(*update));
}

void AppState::useLive(LiveEvents::Update update) {
    const std::string& names = m_live->names();
    if (!update.error.empty()) {
        // What it means for the map first: the server's reason is long (a socket's path) and a narrow window cuts it.
        if (update.error != m_liveError) message = "The map shows the events fetched before. " + update.error;
        m_liveError = update.error;
        return;
    }
    if (!m_liveError.empty()) {
        message = names + ": connected again";
        m_liveError.clear();
    }
    stopTextIndex();  // its build, and a selection under way, read the catalogue replaced here
    m_catalogue = std::move(*update.catalogue);
    m_liveDays = update.sourceDays;
    m_liveFetched = FetchedDays{update.fetchedFrom, update.fetchedTo};
    scene::projectEvents(*m_map, m_catalogue);  // as many events as before may be other events
    m_searchResults.reset();
    refreshEvents();
    if (update.problems.size() != m_liveProblems && !update.problems.empty())
        message = names + ": " + std::to_string(update.problems.size()) + " rows left out, the first: " + update.problems.front().line();
    m_liveProblems = update.problems.size();
}

std::vector<timeline::Problem> AppState::addEventsFile(const std::string& path) {
    if (m_film)  // it reads the catalogue this changes
        throw UsageError(path + ": not added while a video is being written (" + m_film->path() + "); add it once it is done or cancelled");
    stopTextIndex();  // its build reads the catalogue this changes
    std::vector<timeline::Problem> problems;
    try {
        problems = timeline::addEventFile(m_catalogue, path, timeline::defaultValidationContext(m_boundaries));
    } catch (const Error&) {
        startTextIndex();  // on the catalogue as the failed read left it
        throw;
    }
    refreshEvents();
    message = path + ": " + std::to_string(problems.size()) + " problem(s); events with problems were left out";
    if (m_live) {  // the next fetches go into the files with this one
        auto base = std::make_shared<timeline::Catalogue>(timeline::copyCatalogue(*m_liveBase));
        timeline::addEventFile(*base, path, timeline::defaultValidationContext(m_boundaries));
        m_liveBase = base;
        m_live->setBase(std::move(base));
    }
    return problems;
}

std::string AppState::openFile(const std::string& path) {
    const FileContent content = classifyFile(path);  // by what the file holds, not its name
    switch (content) {
    case FileContent::Briefing: openBriefing(path); break;
    case FileContent::Events: addEventsFile(path); break;
    case FileContent::MapLayer: addMapLayer(path); break;
    }
    return std::string(describe(content));
}

std::size_t AppState::addMapLayer(const std::string& path) {
    geo::LoadOptions options;
    options.strict = false;
    return addMapLayer(geo::loadVectorSource(path, options), path);
}

std::size_t AppState::addMapLayer(geo::VectorSource source, const std::string& path) {
    std::size_t features = 0;
    for (geo::Layer& layer : source.layers) {
        features += layer.features.size();
        layer.name = std::filesystem::path(path).filename().string() + (source.layers.size() > 1 ? ": " + layer.name : "");
        m_overlays.push_back(std::move(layer));
        m_layerStyles.emplace_back();
    }
    rebuildMap();
    message = path + ": " + std::to_string(features) + " features drawn" +
              (source.skipped.empty() ? "" : ", " + std::to_string(source.skipped.size()) + " bad ones skipped (the first: " +
                                                 source.skipped.front().feature + ": " + source.skipped.front().reason + ")");
    return features;
}

ExportSettings loadExportSettings(const std::string& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return parseExportSettings(text.str());
}

ExportSettings parseExportSettings(std::string_view text) {
    ExportSettings s;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        const auto number = parseInteger(value);
        const bool on = value == "1";
        if (key == "path") s.path = value;
        else if (key == "match_screen") s.matchScreen = on;
        else if (key == "width" && number && *number >= 16 && *number <= 20000) s.width_px = static_cast<int>(*number);
        else if (key == "height" && number && *number >= 16 && *number <= 20000) s.height_px = static_cast<int>(*number);
        else if (key == "dpi" && number && *number >= 36 && *number <= 1200) s.dpi = static_cast<int>(*number);
        else if (key == "title") s.title = value;
        else if (key == "subtitle") s.subtitle = value;
        else if (key == "show_title") s.title_on = on;
        else if (key == "show_date") s.date = on;
        else if (key == "show_legend") s.legend = on;
        else if (key == "show_scalebar") s.scaleBar = on;
        else if (key == "show_north") s.north = on;
        else if (key == "show_durand_note") s.durandNote = on;
        else if (key == "show_sources") s.sources = on;
        else if (key == "show_attribution") s.attribution = on;
        else if (key == "inset") s.inset = on;
        else if (key == "locator") s.locator = scene::parseLocatorMode(value).value_or(scene::LocatorMode::Auto);
        else if (key == "film_source" && (value == "dates" || value == "briefing"))
            s.filmSource = value == "briefing" ? FilmSource::Briefing : FilmSource::Dates;
        else if (key == "film_from" || key == "film_to") {
            const auto date = timeline::parseDate(value);
            if (date && date->precision() == timeline::TimePrecision::Day) (key == "film_from" ? s.filmFrom : s.filmTo) = date->first();
        } else if (key == "film_every" && (value == "1d" || value == "1w" || value == "1m"))
            s.filmStep = value == "1d" ? StepUnit::Day : value == "1w" ? StepUnit::Week : StepUnit::Month;
        else if (key == "fps" && number && *number >= 1 && *number <= 60) s.fps = static_cast<int>(*number);
    }
    return s;
}

void saveExportSettings(const ExportSettings& s, const std::string& file) {
    if (file.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    std::ofstream out(file);
    out << "path=" << s.path << "\nmatch_screen=" << s.matchScreen << "\nwidth=" << s.width_px << "\nheight=" << s.height_px
        << "\ndpi=" << s.dpi << "\ntitle=" << s.title << "\nsubtitle=" << s.subtitle << "\nshow_title=" << s.title_on
        << "\nshow_date=" << s.date << "\nshow_legend=" << s.legend << "\nshow_scalebar=" << s.scaleBar << "\nshow_north=" << s.north
        << "\nshow_durand_note=" << s.durandNote << "\nshow_sources=" << s.sources << "\nshow_attribution=" << s.attribution << "\ninset=" << s.inset
        << "\nlocator=" << scene::locatorModeName(s.locator) << "\nfilm_source=" << (s.filmSource == FilmSource::Briefing ? "briefing" : "dates")
        << "\nfilm_every=" << (s.filmStep == StepUnit::Day ? "1d" : s.filmStep == StepUnit::Week ? "1w" : "1m") << "\nfps=" << s.fps << '\n';
    if (s.filmFrom) out << "film_from=" << timeline::isoDay(*s.filmFrom) << '\n';
    if (s.filmTo) out << "film_to=" << timeline::isoDay(*s.filmTo) << '\n';
}

void AppState::moveLegend(scene::ScreenPx topLeft, double width_px, double height_px) {
    const scene::ScreenBox box = scene::legendAt(topLeft, view, width_px, height_px, 0);
    legend.at = scene::ScreenPx{box.x0, box.y0};
}

void AppState::useViewerSettings(const ViewerSettings& settings) {
    legendVisible = settings.legendVisible;
    legend = settings.legend;
}

ViewerSettings parseViewerSettings(std::string_view text) {
    ViewerSettings s;
    std::istringstream in{std::string(text)};
    std::string line;
    std::optional<long long> x, y;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        const auto number = parseInteger(value);
        if (key == "legend_visible") s.legendVisible = value == "1";
        else if (key == "legend_collapsed") s.legend.collapsed = value == "1";
        else if (key == "legend_opened") s.legend.opened = value == "1";
        else if (key == "legend_x" && number && *number >= 0 && *number <= 100000) x = *number;
        else if (key == "legend_y" && number && *number >= 0 && *number <= 100000) y = *number;
    }
    if (x && y) s.legend.at = scene::ScreenPx{static_cast<double>(*x), static_cast<double>(*y)};
    return s;
}

ViewerSettings loadViewerSettings(const std::string& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return parseViewerSettings(text.str());
}

void saveViewerSettings(const ViewerSettings& s, const std::string& file) {
    if (file.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    std::ofstream out(file);
    out << "legend_visible=" << s.legendVisible << "\nlegend_collapsed=" << s.legend.collapsed << "\nlegend_opened=" << s.legend.opened << '\n';
    if (s.legend.at)
        out << "legend_x=" << std::lround(std::max(0.0, s.legend.at->x_px)) << "\nlegend_y=" << std::lround(std::max(0.0, s.legend.at->y_px)) << '\n';
}

std::string viewerSettingsFile() {
    const std::string exportFile = exportSettingsFile();
    return exportFile.empty() ? std::string() : (std::filesystem::path(exportFile).parent_path() / "viewer.conf").string();
}

std::string exportSettingsFile() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] != '\0')
        return std::string(xdg) + "/bordermap/export.conf";
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') return std::string(home) + "/.config/bordermap/export.conf";
    return {};
}

// The timeline strip.

void AppState::setStripSpan(DaySpan span) { stripSpan = clampSpan(span, m_firstDay, m_lastDay); }

void AppState::fitStrip() { stripSpan = wholeSpan(m_firstDay, m_lastDay); }

void AppState::setWholeRange(bool on) {
    wholeRange = on;
    // The slider's days (panels' stripRange): the whole range, or from 2021, the modern conflict, on.
    const CalendarDay modern = sys_days{year{2021} / January / 1};
    const CalendarDay from = on || time.day < modern ? m_firstDay : std::max(modern, m_firstDay);
    setStripSpan(wholeSpan(from, m_lastDay));
}

void AppState::followDateInStrip() {
    if (time.day == m_stripFollowed) return;
    m_stripFollowed = time.day;
    const double d = dayNumber(time.day), length = stripSpan.length_days();
    if (d >= stripSpan.from_day && d + 1 <= stripSpan.to_day) return;
    // A tenth of the span in from the edge it left by, so that the next steps stay in view a while.
    const double from = d < stripSpan.from_day ? d - 0.1 * length : d + 1 - 0.9 * length;
    setStripSpan({from, from + length});
}

bool AppState::showEvent(const std::string& eventId) {
    const timeline::Event* e = m_catalogue.find(eventId);
    if (e == nullptr) {
        message = "no event '" + eventId + "' in the data";
        return false;
    }
    if (e->start && e->kind != timeline::EventKind::Crossing) setDate(e->start->first());
    select(eventId);
    message = e->name.str();
    flyToPlaces(*e);
    return true;
}

const std::vector<timeline::EventKind>& AppState::eventKindsShown() const {
    if (m_kindsOf == m_events.get()) return m_kindsShown;
    std::array<bool, timeline::kEventKindCount> held{};
    const std::span<const timeline::EventFacts> facts = m_catalogue.facts();
    for (const std::uint32_t i : m_events->indices()) held[static_cast<std::size_t>(facts[i].kind)] = true;
    m_kindsShown.clear();
    for (timeline::EventKind kind : timeline::allEventKinds())
        if (held[static_cast<std::size_t>(kind)] && !timeline::isCrossingState(kind)) m_kindsShown.push_back(kind);
    m_kindsOf = m_events.get();
    return m_kindsShown;
}

// The search box, the selected event's timing, the playing speed, sources' links.

void AppState::setSearchQuery(std::string query) {
    if (query == m_searchQuery) return;
    m_searchQuery = std::move(query);
    m_searchHighlight = 0;
    m_searchLimits = kSearchLimits;
    m_searchResults.reset();
}

const SearchResults& AppState::searchResults() const {
    if (!m_searchResults) m_searchResults = ui::search(m_boundaries, *m_events, m_searchQuery, m_searchLimits);
    return *m_searchResults;
}

void AppState::highlightSearchResult(int index) {
    const int count = static_cast<int>(searchResults().size());
    m_searchHighlight = count == 0 ? 0 : std::clamp(index, 0, count - 1);
}

void AppState::moveSearchHighlight(int delta) { highlightSearchResult(m_searchHighlight + delta); }

bool AppState::goToSearchResult() {
    const SearchResults& results = searchResults();
    if (results.empty()) return false;
    const SearchResult chosen = results.items[static_cast<std::size_t>(std::clamp(m_searchHighlight, 0, static_cast<int>(results.size()) - 1))];
    clearSearch();
    zoomTo(chosen);
    return true;
}

void AppState::clearSearch() { setSearchQuery({}); }

void AppState::showMoreResults(SearchGroup group) {
    m_searchLimits[static_cast<std::size_t>(group)] = kSearchLimitShowMore;
    m_searchResults.reset();
}

EventTiming AppState::selectedTiming() const {
    const timeline::Event* e = selected();
    if (e == nullptr) return EventTiming::Unselected;
    if (!e->start) return EventTiming::Undated;
    if (time.day < e->start->first()) return EventTiming::NotYet;
    if (time.day <= e->start->last() && e->start->precision() != timeline::TimePrecision::Day) return EventTiming::WithinItsStart;
    return EventTiming::Happened;
}

std::string AppState::selectedTimingNote() const {
    const EventTiming timing = selectedTiming();
    if (timing != EventTiming::NotYet && timing != EventTiming::WithinItsStart) return {};
    const timeline::Date& start = *selected()->start;
    const std::string on = timeline::displayDay(time.day);
    if (timing == EventTiming::NotYet) return "Not yet happened on " + on + ": this event is on " + start.display() + ".";
    return "Perhaps not yet happened on " + on + ": this event is known only to the " +
           std::string(timeline::timePrecisionName(start.precision())) + ", " + start.display() + ".";
}

int AppState::speedStep() const {
    int nearest = 0;
    double nearestGap = std::numeric_limits<double>::max();
    for (int i = 0; i < static_cast<int>(std::size(kSpeedSteps)); ++i) {
        const double gap = std::fabs(std::log(std::max(playSpeed_daysPerSecond, 1e-6) / kSpeedSteps[i].daysPerSecond));
        if (gap < nearestGap) nearestGap = gap, nearest = i;
    }
    return nearest;
}

void AppState::setSpeedStep(int index) {
    playSpeed_daysPerSecond = kSpeedSteps[std::clamp(index, 0, static_cast<int>(std::size(kSpeedSteps)) - 1)].daysPerSecond;
}

void AppState::openSourceLink(const std::string& url) {
    const std::string failed = linkOpener ? linkOpener(url) : std::string("no way to open links here");
    message = failed.empty() ? "opening " + url + " in the browser" : failed;
}

}  // namespace bordermap::ui
