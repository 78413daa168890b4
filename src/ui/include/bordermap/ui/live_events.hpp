#pragma once
// Events from sources read by window (a PostGIS table that a team keeps), kept up to date beside the viewer: the
// days the view shows fetched on a thread of its own as the date moves, and fetched again when another analyst
// changes the table (its version asked for every few seconds). What the viewer shows is the base catalogue (the
// embedded events and the user's files) with the fetched events; while a source cannot be reached, the last fetch.

#include <bordermap/timeline/catalogue.hpp>
#include <bordermap/timeline/event_source.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace bordermap::ui {

class LiveEvents {
public:
    using Days = std::pair<timeline::CalendarDay, timeline::CalendarDay>;
    // What one fetch gave: the base with every source's events of `fetched` (the days asked for, with a margin),
    // and the days the sources cover in all (the slider's range). Or, when a source failed, `error` (one line) and
    // no catalogue.
    struct Update {
        std::unique_ptr<timeline::Catalogue> catalogue;
        std::optional<timeline::CalendarDay> fetchedFrom;  // none: from the first day (cumulative)
        timeline::CalendarDay fetchedTo{};
        std::optional<Days> sourceDays;
        std::vector<timeline::Problem> problems;
        std::string error;
        double fetch_ms = 0;  // the sources' addTo, together
    };
    struct Settings {
        std::chrono::milliseconds pollEvery{2000};  // how often the sources' versions are asked for
    };

    // `sources` are read on the thread only (each its own connection); `base` is never changed (setBase replaces it).
    LiveEvents(std::shared_ptr<const timeline::Catalogue> base, std::vector<std::unique_ptr<timeline::EventSource>> sources,
               timeline::ValidationContext context, Settings settings);
    LiveEvents(std::shared_ptr<const timeline::Catalogue> base, std::vector<std::unique_ptr<timeline::EventSource>> sources,
               timeline::ValidationContext context)
        : LiveEvents(std::move(base), std::move(sources), std::move(context), Settings{}) {}
    ~LiveEvents();  // stops the thread (a fetch under way finishes first)
    LiveEvents(const LiveEvents&) = delete;
    LiveEvents& operator=(const LiveEvents&) = delete;

    // The first fetch, on the caller's thread, before the thread starts: the sources' days, then the events around
    // `day` (the latest day they cover when none). Throws what a source throws (a server that cannot be reached: one
    // line, and the viewer does not open). The update is also what the thread compares later versions with.
    Update fetchFirst(std::optional<timeline::CalendarDay> day, int windowDays, bool cumulative);

    // The days the view shows: from..to (no `from`: every day up to `to`). When they are not inside the days fetched
    // last, a fetch of them with a margin on each side starts (the latest call wins; one fetch at a time).
    void show(std::optional<timeline::CalendarDay> from, timeline::CalendarDay to);
    // The user's files changed: fetch again into this base.
    void setBase(std::shared_ptr<const timeline::Catalogue> base);
    // The latest update not taken yet, if any (an older one not taken is dropped for it).
    std::optional<Update> take();

    const std::string& names() const { return m_names; }  // the sources', joined with ", ", for messages
    // Whether a fetch is under way or asked for (the map shows the days fetched before).
    bool fetching() const;
    // Whether an update waits to be taken (an idle viewer wakes for it).
    bool ready() const;

    // The margin fetched beyond the days shown, each side: half the window, at least kMinMarginDays, so that
    // stepping day by day fetches once every few days; but over a dense table (`eventsPerDay`, as the last fetch
    // found it; 0: not known) no more days than kMarginEvents fill, so that a step's fetch stays quick (a million
    // events over a year and a half: 1,800 a day, and a week's fetch is seven times a day's).
    static constexpr int kMinMarginDays = 3;
    static constexpr double kMarginEvents = 500;
    static int marginDays(std::optional<timeline::CalendarDay> from, timeline::CalendarDay to, double eventsPerDay = 0);

private:
    void run(std::stop_token stop);
    Update fetch(const std::shared_ptr<const timeline::Catalogue>& base, std::optional<timeline::CalendarDay> from,
                 timeline::CalendarDay to);

    std::vector<std::unique_ptr<timeline::EventSource>> m_sources;  // the thread's alone once it runs
    std::string m_names;
    timeline::ValidationContext m_context;
    Settings m_settings;
    std::vector<std::string> m_versions;  // each source's, as of the last fetch (the thread's)
    std::optional<Days> sourceDays();      // the sources' days together (the thread's, or before it starts)
    std::optional<Days> m_days;            // as of the last version seen (the thread's)
    double m_eventsPerDay = 0;             // in the last window fetched (the thread's)

    mutable std::mutex m_mutex;  // guards what follows
    std::condition_variable_any m_wake;
    std::shared_ptr<const timeline::Catalogue> m_base;
    bool m_baseChanged = false;
    struct Window {
        std::optional<timeline::CalendarDay> from;
        timeline::CalendarDay to{};
        bool contains(const Window& w) const { return (!from || (w.from && *w.from >= *from)) && w.to <= to; }
    };
    Window m_fetched;                  // the days of the last fetch that succeeded (or is being made)
    std::optional<Window> m_wanted;    // shown but not inside m_fetched: to fetch
    Window m_shown;                    // what show() said last: fetched again when a source changes
    Window m_inFlight;                 // the days shown that the fetch under way (m_busy) is for
    bool m_busy = false;
    bool m_failed = false;             // the last try failed: tried again at the next poll
    std::optional<Update> m_ready;

    std::jthread m_thread;  // last: started after everything above, stopped first
};

}  // namespace bordermap::ui
