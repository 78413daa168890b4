#pragma once
// Everything the viewer's panels show and change, in one place. Panels read the fields and change them only
// through the named actions below, which the tests call too. No ImGui, no SFML here.

#include <bordermap/briefing/briefing.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/vector_source.hpp>
#include <bordermap/scene/flight.hpp>
#include <bordermap/scene/inset.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/state.hpp>
#include <bordermap/ui/film_job.hpp>
#include <bordermap/ui/timeline_axis.hpp>
#include <bordermap/ui/links.hpp>
#include <bordermap/ui/live_events.hpp>
#include <bordermap/ui/search.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::timeline {
class EventTextIndex;
}

namespace bordermap::ui {

enum class StepUnit { Day, Week, Month };

// Where the selected event stands on the date shown: what the details panel and the caption card say beside it.
enum class EventTiming {
    Unselected,
    Undated,         // no start (a crossing open since before the data)
    NotYet,          // the date lies before its start
    WithinItsStart,  // the date lies within its start's month or year: it may not have happened yet
    Happened,        // on or after its start
};

// The time bar's playing speeds, slowest first.
struct SpeedStep {
    const char* name;
    double daysPerSecond;
};
inline constexpr SpeedStep kSpeedSteps[] = {{"1 day/s", 1.0},          {"2 days/s", 2.0},        {"1 week/s", 7.0},
                                            {"2 weeks/s", 14.0},       {"1 month/s", 30.436875}, {"3 months/s", 91.310625},
                                            {"1 year/s", 365.2425}};

// What a video from the Export dialog shows: the dates from..to a step apart, or the open briefing played.
enum class FilmSource { Dates, Briefing };

// What the Export dialog remembers between exports (and between sessions, in the user's config folder).
struct ExportSettings {
    std::string path = "bordermap.png";  // .png, .svg or .pdf; or a video: .mp4, .webm or .gif
    bool matchScreen = true;              // the size of the map on the screen, so the file shows what is seen
    int width_px = 1600;
    int height_px = 1000;
    int dpi = 96;
    std::string title = "The Afghanistan-Pakistan border";
    std::string subtitle;
    bool title_on = true, date = true, legend = true, scaleBar = true, north = true, durandNote = true, sources = true,
         attribution = true;
    bool inset = false;  // the Khyber-Kurram-Waziristan inset (render --inset khyber)
    scene::LocatorMode locator = scene::LocatorMode::Auto;  // render --locator
    // A video's: what it shows, its dates (none: the dialog proposes the window shown), the step between two frames
    // (days, weeks or months, as render --every) and its frames a second.
    FilmSource filmSource = FilmSource::Dates;
    std::optional<timeline::CalendarDay> filmFrom, filmTo;
    StepUnit filmStep = StepUnit::Day;
    int fps = 5;
    friend bool operator==(const ExportSettings&, const ExportSettings&) = default;
};

// Reads and writes the settings as key=value lines; a missing or broken file gives the defaults.
ExportSettings loadExportSettings(const std::string& file);
// The settings in the text of such a file ("key=value" lines); unknown keys and out-of-range values are ignored.
ExportSettings parseExportSettings(std::string_view text);
void saveExportSettings(const ExportSettings& settings, const std::string& file);
// $XDG_CONFIG_HOME/bordermap/export.conf, or ~/.config/bordermap/export.conf; empty without either.
std::string exportSettingsFile();

// Where the window's legend is and whether it is folded: what the viewer remembers between sessions.
struct LegendPlacement {
    bool collapsed = false;               // folded to its title row by the reader
    // Unfolded by the reader: open even where it covers the map. Else the window folds it where every place it could
    // take covers a crossing, a label or a marker (a 1024x768 window's map is 645 px wide).
    bool opened = false;
    std::optional<scene::ScreenPx> at;    // its top left in the map's pixels where the reader dropped it; none: automatic
    friend bool operator==(const LegendPlacement&, const LegendPlacement&) = default;
};

// The viewer's own settings (the legend's), kept beside the export settings as key=value lines; a missing or broken
// file, unknown keys and bad values give the defaults.
struct ViewerSettings {
    bool legendVisible = true;
    LegendPlacement legend;
    friend bool operator==(const ViewerSettings&, const ViewerSettings&) = default;
};
ViewerSettings parseViewerSettings(std::string_view text);
ViewerSettings loadViewerSettings(const std::string& file);
void saveViewerSettings(const ViewerSettings& settings, const std::string& file);
// viewer.conf in the folder of exportSettingsFile(); empty where that is.
std::string viewerSettingsFile();

struct Hover {
    std::string title;
    std::vector<std::string> lines;
};

class AppState {
public:
    AppState(geo::BoundaryData boundaries, timeline::Catalogue catalogue, const std::string& crs, int widthPx, int heightPx);
    ~AppState();  // stops the text index's build, which reads the catalogue

    const geo::BoundaryData& boundaries() const { return m_boundaries; }
    const std::vector<geo::Layer>& overlays() const { return m_overlays; }  // the user's map layers, in the order loaded
    const timeline::Catalogue& catalogue() const { return m_catalogue; }
    // The catalogue through the filter in use: what the map, the strip, the totals and exports show.
    const timeline::EventSelection& events() const { return *m_events; }
    // The filter last asked for (what the panel shows), which a selection being made aside may not show yet.
    const timeline::EventFilter& filter() const {
        return m_waitingFilter ? *m_waitingFilter : m_selecting.valid() ? m_selectingFilter : m_events->filter();
    }
    // The volume strip's histogram of the events shown, over from..to in bins of `unit`; computed again only
    // when these, the filter or the catalogue change (a million events: a few ms, not every frame).
    // The events of the date binned for the view's zoom level, kept while only the view's centre moves.
    const scene::EventBins& eventBins(const scene::Style& style) const;
    const timeline::Histogram& histogram(timeline::CalendarDay from, timeline::CalendarDay to, timeline::HistogramUnit unit) const;
    const scene::ProjectedMap& map() const { return *m_map; }
    scene::Style style() const;
    // Bumped whenever what the static scene depends on changes (CRS, palette, Durand view, layers).
    int staticRevision() const { return m_staticRevision; }
    timeline::CalendarDay firstDay() const { return m_firstDay; }
    timeline::CalendarDay lastDay() const { return m_lastDay; }

    // What is on screen.
    scene::View view;
    scene::TimeSettings time;
    scene::LayerSwitches layers;
    scene::DurandView durandView = scene::DurandView::International;
    scene::LabelLanguage labelLanguage = scene::LabelLanguage::English;
    bool highContrast = false;
    bool presenter = false;      // large fonts and the high-contrast palette
    bool panelsVisible = true;   // Tab hides every panel but the map, the date and the legend
    bool openEverySection = false;  // every section of the side panel open, whatever the reader folded (--audit-layout)
    bool sidePanelFolded = false;  // the side panel folded away to a tab at the window's edge, for a wider map
    bool helpVisible = false;
    bool legendVisible = true;
    LegendPlacement legend;
    // The map's companions in the window: a locator (the whole region small, the view's extent in red) and the
    // Khyber-Kurram-Waziristan inset (scene/inset.hpp), each in a corner where it covers least.
    bool locatorVisible = false;
    bool insetVisible = false;
    bool legendShownFolded = false;  // as the window last drew it (noteLegendShown)
    bool playing = false;
    bool wholeRange = false;     // the slider and strip over the data's whole range (1955 on), not from 2021
    double playSpeed_daysPerSecond = 7.0;
    StepUnit stepUnit = StepUnit::Day;
    std::string selectedEventId;
    std::vector<LonLat> measurePoints;  // the distance tool's points
    bool measuring = false;
    std::string message;                // the last action's result, shown in the status line (say() times it)
    double messageAge_s = 0;            // since the message was said; the window fades it out (kMessageShown_s)
    static constexpr double kMessageShown_s = 6.0;
    // The caption card: the selected event in large type over the map while the panels are hidden; T hides it.
    bool captionVisible = true;
    // A briefing being presented (briefing/briefing.hpp): its scenes, the one shown (-1 before the first), its file.
    std::optional<briefing::Briefing> briefing;
    std::string briefingFile;
    int sceneIndex = -1;
    bool notesVisible = false;  // the presenter's notes overlay (S): the scene's notes, the next scene, the time
    // The presenter's timer: wall-clock time since the briefing was opened (or the timer restarted), the time the
    // window spent waiting included.
    std::chrono::steady_clock::time_point briefingStarted{};
    double briefingElapsed_s(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now()) const {
        return std::chrono::duration<double>(now - briefingStarted).count();
    }
    // Reads and checks a briefing and shows its first scene; InputError (one line) keeps what was open.
    void openBriefing(const std::string& path);
    // Flies to the next (previous) scene, the view and the date together; false, and a message, at either end.
    bool stepScene(int delta);
    void showScene(int index);
    // Editing the briefing (the side panel's Briefing section). The scene being edited is the one shown.
    bool briefingChanged = false;  // since it was opened or saved
    void newBriefing();            // an empty briefing without a file: add scenes to it, then save it
    void closeBriefing();          // its changes, if any, are lost: the panel asks first
    // A scene of what is shown now (the date, mode and window, the view as a centre and zoom, the layers, the
    // filter, the selected event ringed), after the scene shown (or last); it becomes the one shown. Its index.
    int addSceneFromView();
    // The scene's date, mode, window, view, layers and filter from what is shown now; its words stay.
    void updateSceneFromView(int index);
    void moveScene(int index, int delta);  // up (-1) or down (+1) the list; the scene shown stays shown
    void deleteScene(int index);
    // Saves the briefing whole or not at all (briefing/briefing.hpp); false, and a message, where it cannot.
    bool saveBriefingAs(const std::string& path);
    const briefing::Scene* scene() const {
        return briefing && sceneIndex >= 0 && sceneIndex < static_cast<int>(briefing->scenes.size()) ? &briefing->scenes[static_cast<std::size_t>(sceneIndex)] : nullptr;
    }
    bool captionShown() const { return captionVisible && !panelsVisible && !selectedEventId.empty(); }
    // How far above the middle a guided step puts the event while the caption card shows, as a share of the height.
    static constexpr double kCaptionLift = 0.14;
    ExportSettings exportSettings;
    bool exportDialogVisible = false;

    // The Export dialog's video, written on a thread of its own (ui/film_job.hpp) while the map stays in use; null
    // when none is. It reads the boundaries and the catalogue as they are, so adding events is refused meanwhile
    // (the map's CRS and layers may change: the film projected its own map).
    const FilmJob* film() const { return m_film.get(); }
    // One at a time: UsageError while one is being written.
    void startFilm(std::unique_ptr<FilmJob> job);
    void cancelFilm() {
        if (m_film) m_film->cancel();
    }
    // How the last film ended, once poll() has seen it end (and said so in the message).
    std::optional<FilmJob::Outcome> lastFilm;

    // Time.
    void setDate(timeline::CalendarDay day);      // clamped to the data's range
    void step(int count);                         // by stepUnit, back when negative
    // The next (previous) event from the date: its day, selected, the map flown to its neighbourhood (guided
    // stepping; N and P, a clicker's Page Down and Page Up). False, and a message, when there is none.
    bool nextEvent();
    bool previousEvent();
    void togglePlay();
    void advance(double seconds);                 // a transition under way, and the date while playing (stops at the last day)
    void setMode(scene::TimeMode mode);
    void setWindowDays(int days);                 // clamped to 1..3650
    bool setDateText(const std::string& text);    // "2025-03-01"; false (and a message) when it is not a day
    // Shows the days from..to (either order): window mode, the window those days, the date the last of them.
    void selectRange(timeline::CalendarDay from, timeline::CalendarDay to);
    // A range being dragged out on the strip (Shift and drag), until the button is released.
    std::optional<std::pair<timeline::CalendarDay, timeline::CalendarDay>> rangeDrag;

    // The timeline strip's zoom (ui/timeline_axis.hpp): the days it shows, within the data's days and margins. It
    // opens on the slider's days (2021 on, or the whole range); "whole range" (setWholeRange) fits it to the
    // slider's days again, while the wheel and drags on the strip zoom and pan it alone: the slider keeps its range.
    DaySpan stripSpan;
    void setStripSpan(DaySpan span);  // clamped (clampSpan)
    void fitStrip();                  // every day of the data
    void setWholeRange(bool on);      // the slider over the whole range or from 2021, and the strip fitted to it
    // Called once a frame: a date changed since the last call (stepping, playing, the slider) that lies outside
    // the strip pans the strip to show it; a strip the reader panned away stays where it is while the date does.
    void followDateInStrip();
    // Selects the event (an event's tick or a closure's bar clicked on the strip), moves to its day and flies to
    // its place as N does; false, and a message, for an id the catalogue lacks.
    bool showEvent(const std::string& eventId);
    // The kinds the events shown hold (not crossings, closures or unknown states), in the schema's order: the
    // strip's lanes. Computed again only when the selection changes.
    const std::vector<timeline::EventKind>& eventKindsShown() const;

    // The view.
    void resize(int widthPx, int heightPx);
    void fitRegion();
    void toggleLocator() { locatorVisible = !locatorVisible; }
    void toggleInset() { insetVisible = !insetVisible; }
    // The view moved, at its scale, to centre on `at` (a click on the locator).
    void centreOn(MapXY at) { view.centre = at; }
    // The view fitted to the inset's area (a click on the inset): the main map shows what the inset magnified.
    void flyToInset();
    // An animated move to `target` (scene/flight.hpp), and to `time` with it when given; from wherever a move under
    // way has got to. `advance` moves it on.
    void flyTo(const scene::View& target, const std::optional<scene::TimeSettings>& time = std::nullopt);
    bool flying() const { return m_flight.has_value(); }
    void finishFlight();  // at its end at once (a key that skips it)
    void stopFlight();    // where it is (the reader took the map: a drag, the wheel)
    // Whether anything on screen moves by itself: a flight, playing, a selection being made aside, a message
    // fading. The window waits for events when nothing does.
    bool moving() const { return flying() || playing || filtering() || (!message.empty() && messageAge_s < kMessageShown_s); }
    void zoomAt(scene::ScreenPx anchor, double factor);
    // + and -: about the mouse where it lies on the map (map pixels), else about the view's centre.
    void zoomByKey(std::optional<scene::ScreenPx> mouse, double factor);
    void panBy(double dx_px, double dy_px);
    // Switches the map CRS keeping the place under the centre of the screen and about the same scale.
    // Throws InputError for an unknown CRS (the current one stays).
    void setProjection(const std::string& crs);
    const std::string& projection() const { return m_crs; }

    // Style and layers.
    void setDurandView(scene::DurandView view);
    // English labels, or English and local names (Dari, Urdu, Pashto); the window and every export follow it.
    void setLabelLanguage(scene::LabelLanguage language);
    void setHighContrast(bool on);
    void setPresenter(bool on);
    // The map's type and symbols scale on screen (the window's: presenter mode, a large screen); exports set their own.
    void setScale(double k) {
        if (k == m_scale) return;
        m_scale = k;
        ++m_staticRevision;
    }
    void togglePanels() { panelsVisible = !panelsVisible; }

    // The window's legend. Folding and unfolding keeps its place; moving it (its top left, in the map's pixels, kept
    // within the map: scene::legendAt) takes it out of the automatic placement until reset.
    void toggleLegend() { legendVisible = !legendVisible; }
    // Folds the legend, or unfolds it as the window last showed it (folded by the reader, or by the window itself).
    void toggleLegendCollapsed() {
        const bool fold = !(legend.collapsed || legendShownFolded);
        legend.collapsed = fold;
        legend.opened = !fold;
        legendShownFolded = fold;
    }
    // What the window drew: the legend folded or open.
    void noteLegendShown(bool folded) { legendShownFolded = folded; }
    void moveLegend(scene::ScreenPx topLeft, double width_px, double height_px);  // the legend's size, to keep it within the map
    // Back to the automatic place, and to folding where it would cover the map.
    void resetLegendPlace() {
        legend.at.reset();
        legend.opened = false;
    }
    ViewerSettings viewerSettings() const { return {legendVisible, legend}; }
    void useViewerSettings(const ViewerSettings& settings);
    void setLayers(const scene::LayerSwitches& switches);
    // Shows only the events the filter passes (crossings and closures stay). O(n): a million events in tens of ms.
    // Free text goes through the catalogue's word index once it is ready, and reads every event's text until then
    // (a million events: a quarter of a second); both show the same events.
    // `aside` (the filter panel, as the user types): from kFilterAside events, the selection is made on a thread
    // of its own while frames go on with the one shown; poll() puts it in place when it is ready. A change made
    // while one is under way waits for it, and only the latest waiting one is made.
    void setFilter(timeline::EventFilter filter, bool aside = false);
    // Puts a selection made aside in place, and starts the one waiting; says how a film ended; called once a frame.
    void poll();
    // Whether a selection is being made aside: the map still shows the previous filter's.
    bool filtering() const { return m_selecting.valid(); }
    static constexpr std::size_t kFilterAside = 20'000;
    // The catalogue's word index, or nullptr while it is not ready. A catalogue of kTextIndexAside events or more
    // has it built on a thread of its own from when it is loaded or changed (a million events: a second or two);
    // a smaller one here, on the first call (tens of ms at most). `wait`: wait for a build under way.
    const timeline::EventTextIndex* textIndex(bool wait = false);
    static constexpr std::size_t kTextIndexAside = 20'000;

    // Selection, hover, search, measuring.
    void select(const std::string& eventId);      // empty clears
    const timeline::Event* selected() const;
    // Provinces, crossings, cities and the events shown, ranked and grouped (search.hpp).
    SearchResults search(const std::string& query) const { return ui::search(m_boundaries, *m_events, query); }
    void zoomTo(const SearchResult& result);
    // What lies under a screen point: a marker, a crossing, a province. Empty when nothing.
    Hover hoverAt(const scene::DynamicScene& dynamic, scene::ScreenPx p) const;
    std::string eventAt(const scene::DynamicScene& dynamic, scene::ScreenPx p) const;  // the marker's event id
    void addMeasurePoint(scene::ScreenPx p);
    double measuredDistanceM() const;
    // The distance tool (M, the Map section's Measure button): while measuring, clicks add points; the path stays on
    // the map (and in exports of the view) after measuring stops, until cleared (Escape).
    void toggleMeasuring() { measuring = !measuring; }
    void removeLastMeasurePoint() {  // right-click or Backspace
        if (!measurePoints.empty()) measurePoints.pop_back();
    }
    void clearMeasure() {  // Escape: the path gone and measuring over
        measurePoints.clear();
        measuring = false;
    }
    // Each leg's geodesic length and initial bearing, in the order clicked.
    std::vector<geo::GeodesicLeg> measuredLegs() const;

    // Events from a team's database (--events PG:...), read by window: `live` fetched the catalogue this state was
    // made with (fetchFirst); `base` is that catalogue without them (the embedded events and the user's files).
    // From then on, each frame's advance() tells it the days shown and takes what it fetched: a date beyond them, or
    // another analyst's change to the table, is on the map a moment later. When the server cannot be reached the
    // map keeps what it had, and the message says so until it answers again.
    void followLive(std::unique_ptr<LiveEvents> live, std::shared_ptr<const timeline::Catalogue> base, const LiveEvents::Update& first);
    const LiveEvents* live() const { return m_live.get(); }
    // The days the catalogue holds the live sources' events for (none: no live source), from none: from the first.
    struct FetchedDays {
        std::optional<timeline::CalendarDay> from;
        timeline::CalendarDay to{};
    };
    std::optional<FetchedDays> liveFetched() const { return m_liveFetched; }
    // The live sources' last failure, one line, while it lasts (empty: they answer).
    const std::string& liveError() const { return m_liveError; }

    // Loading the user's data. Both throw InputError for a file that cannot be read at all.
    std::vector<timeline::Problem> addEventsFile(const std::string& path);
    // Any vector file GDAL reads, drawn as a layer of its own; bad features are skipped and counted.
    std::size_t addMapLayer(const std::string& path);
    // The same for a file read already (the viewer reads --layer files before its window opens).
    std::size_t addMapLayer(geo::VectorSource source, const std::string& path);
    // A file dropped or opened without saying how, by what it holds (classifyFile): a briefing, events, or a map
    // layer. Returns what it was opened as ("a briefing", "events", "a map layer"); throws InputError.
    std::string openFile(const std::string& path);

    // Opening a file from the viewer (its panel, a file dropped on the window): `as` says how, Guess as openFile.
    // What it was opened as (openFile's words) when it opened; else nothing, and `fileProblem` and the message say
    // why in one line (a missing file by name, before GDAL is asked). The next file that opens clears `fileProblem`.
    enum class OpenAs { Guess, Events, MapLayer };
    std::optional<std::string> loadFile(const std::string& path, OpenAs as = OpenAs::Guess);
    std::string fileProblem;

    // The user's map layers ("Your layers"), by index in overlays(): each shown or hidden, its colour and width, the
    // field it is labelled with (empty: none; a field the layer lacks is refused with UsageError), or removed. An
    // index past the end throws UsageError.
    const std::vector<scene::UserLayerStyle>& layerStyles() const { return m_layerStyles; }
    void setLayerVisible(std::size_t index, bool visible);
    void setLayerStyle(std::size_t index, scene::Colour colour, double width_px);  // width clamped to 0.5..12 px
    void setLayerLabelField(std::size_t index, const std::string& field);
    void removeLayer(std::size_t index);
    // What a hover over a user's feature shows at most: its attributes as "field = value", a line each.
    static constexpr std::size_t kHoverFields = 10;
    // The side panel's search box: its text, and its results, found again only when the text, the filter, the
    // catalogue or the groups shown in full change. Up and Down move a highlight through them; Enter goes to it.
    const std::string& searchQuery() const { return m_searchQuery; }
    void setSearchQuery(std::string query);  // the first result highlighted
    const SearchResults& searchResults() const;
    int searchHighlight() const { return m_searchHighlight; }  // an index in searchResults().items
    void moveSearchHighlight(int delta);                       // stops at either end
    void highlightSearchResult(int index);                     // clamped to the results
    // zoomTo the highlighted result and clear the search; false (nothing changes) when there is none.
    bool goToSearchResult();
    void clearSearch();
    void showMoreResults(SearchGroup group);  // that group listed up to kSearchLimitShowMore

    // The selected event against the date shown, and the sentence saying so (empty when it has happened or is
    // undated): "Not yet happened on 1 March 2025: this event is on 11 October 2025."
    EventTiming selectedTiming() const;
    std::string selectedTimingNote() const;

    // The playing speed as one of kSpeedSteps: the one nearest the speed (on a log scale), and choosing one.
    int speedStep() const;
    void setSpeedStep(int index);  // clamped to the steps

    // Opens a source's web link in the browser (links.hpp), saying so or why not in the message. Tests stand in
    // for the opener.
    void openSourceLink(const std::string& url);
    std::function<std::string(const std::string&)> linkOpener = openLink;

private:
    void rebuildMap();
    // After the catalogue changed: the events' places in the map CRS, the selection, the date range.
    void refreshEvents();
    // Moves to an event's (or reopening's) day and selects it; a message when there is none.
    bool goTo(const std::optional<timeline::Moment>& moment, const char* beyond);
    // The word index's build: started after the catalogue changed, stopped (and the index dropped) before it does.
    void startTextIndex();
    void stopTextIndex();

    geo::BoundaryData m_boundaries;
    std::vector<geo::Layer> m_overlays;
    std::vector<scene::UserLayerStyle> m_layerStyles;  // one for each of m_overlays
    scene::UserLayerStyle& layerStyle(std::size_t index);  // UsageError past the end
    // The user's feature under a screen point (a point's disc, a line within a few pixels, inside a polygon), the
    // topmost layer first: its layer and feature indices.
    std::optional<std::pair<std::size_t, std::size_t>> userFeatureAt(scene::ScreenPx p) const;
    timeline::Catalogue m_catalogue;
    std::unique_ptr<timeline::EventSelection> m_events;
    // A selection being made aside, for m_selectingFilter; the filter asked for since, to make next.
    std::future<std::unique_ptr<timeline::EventSelection>> m_selecting;
    timeline::EventFilter m_selectingFilter;
    std::optional<timeline::EventFilter> m_waitingFilter;
    void startSelecting(timeline::EventFilter filter);
    void useSelection(std::unique_ptr<timeline::EventSelection> selection);
    // Waits for a selection under way and puts it in place (before the catalogue changes); a filter waiting stays.
    void settleSelecting();
    struct HistogramCache {
        const timeline::EventSelection* events = nullptr;
        timeline::CalendarDay from{}, to{};
        timeline::HistogramUnit unit{};
        timeline::Histogram histogram;
    };
    mutable HistogramCache m_histogram;
    mutable scene::EventBins m_bins;
    // From kNarrowBinsFrom events, in cumulative mode under a filter: every event's bins, which a filter narrows
    // (scene::narrowBins), and the selection without a filter that they were binned from.
    static constexpr std::size_t kNarrowBinsFrom = 20'000;
    mutable std::unique_ptr<timeline::EventSelection> m_unfiltered;
    mutable scene::EventBins m_unfilteredBins;
    std::string m_crs;
    std::unique_ptr<scene::ProjectedMap> m_map;
    int m_staticRevision = 0;
    timeline::CalendarDay m_firstDay{};
    timeline::CalendarDay m_lastDay{};
    double m_playCarry = 0;
    double m_scale = 1.0;
    std::optional<scene::Transition> m_flight;
    double m_flightElapsed_s = 0;
    std::string m_lastMessage;  // as advance last saw it: a new one starts its time on screen again
    // After m_catalogue, which the build reads: destroyed first.
    std::unique_ptr<timeline::EventTextIndex> m_textIndex;
    std::stop_source m_textIndexStop;
    std::future<std::unique_ptr<timeline::EventTextIndex>> m_textIndexBuild;
    bool m_textIndexFailed = false;  // its build threw: text filters scan, and the message said why
    // The strip's: the date followDateInStrip last saw; the kinds shown, for the selection they were found in.
    timeline::CalendarDay m_stripFollowed{};
    mutable const timeline::EventSelection* m_kindsOf = nullptr;
    mutable std::vector<timeline::EventKind> m_kindsShown;
    void flyToPlaces(const timeline::Event& event);  // goTo's flight to an event's neighbourhood
    std::string m_searchQuery;
    int m_searchHighlight = 0;
    SearchLimits m_searchLimits = kSearchLimits;
    mutable std::optional<SearchResults> m_searchResults;  // none: to be found again
    // Live sources (followLive): the base they are fetched into, the sources' days (in the date's range), what the
    // catalogue holds of them. Stopped before the catalogue goes (declared after it); the film, which reads the
    // catalogue, holds an update back until it ends.
    std::unique_ptr<LiveEvents> m_live;
    std::shared_ptr<const timeline::Catalogue> m_liveBase;
    std::optional<LiveEvents::Days> m_liveDays;
    std::optional<FetchedDays> m_liveFetched;
    std::string m_liveError;
    std::size_t m_liveProblems = 0;
    void pollLive();
    void useLive(LiveEvents::Update update);
    // Reads the boundaries and the catalogue: ended first of all (the destructor says so).
    std::unique_ptr<FilmJob> m_film;
};

}  // namespace bordermap::ui
