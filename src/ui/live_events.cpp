#include "bordermap/ui/live_events.hpp"

#include <algorithm>
#include <exception>

namespace bordermap::ui {

using timeline::CalendarDay;
using std::chrono::days;

LiveEvents::LiveEvents(std::shared_ptr<const timeline::Catalogue> base, std::vector<std::unique_ptr<timeline::EventSource>> sources,
                       timeline::ValidationContext context, Settings settings)
    : m_sources(std::move(sources)), m_context(std::move(context)), m_settings(settings), m_base(std::move(base)) {
    for (const auto& source : m_sources) m_names += (m_names.empty() ? "" : ", ") + source->name();
    m_versions.resize(m_sources.size());
}

LiveEvents::~LiveEvents() {
    // The jthread asks its loop to stop (which wakes its wait) and joins: a fetch under way ends first.
    m_thread = {};
}

int LiveEvents::marginDays(std::optional<CalendarDay> from, CalendarDay to, double eventsPerDay) {
    const int window = from ? static_cast<int>((to - *from).count()) + 1 : 0;
    const int wanted = std::max(kMinMarginDays, window / 2);
    return eventsPerDay > 0 ? std::min(wanted, static_cast<int>(kMarginEvents / eventsPerDay)) : wanted;
}

std::optional<LiveEvents::Days> LiveEvents::sourceDays() {
    std::optional<Days> all;
    for (const auto& source : m_sources)
        if (const auto d = source->days()) all = all ? Days{std::min(all->first, d->first), std::max(all->second, d->second)} : *d;
    return all;
}

LiveEvents::Update LiveEvents::fetch(const std::shared_ptr<const timeline::Catalogue>& base, std::optional<CalendarDay> from, CalendarDay to) {
    const int margin = marginDays(from, to, m_eventsPerDay);
    Update update;
    if (from) update.fetchedFrom = *from - days{margin};
    update.fetchedTo = to + days{margin};
    timeline::EventQuery query;
    query.from = update.fetchedFrom;
    query.to = update.fetchedTo;
    query.neighbours = true;  // the previous and next event, for the viewer's steps from one event to the next
    const auto started = std::chrono::steady_clock::now();
    auto catalogue = std::make_unique<timeline::Catalogue>(timeline::copyCatalogue(*base));
    for (const auto& source : m_sources) {
        std::vector<timeline::Problem> problems = source->addTo(*catalogue, m_context, query);
        update.problems.insert(update.problems.end(), std::make_move_iterator(problems.begin()), std::make_move_iterator(problems.end()));
    }
    update.fetch_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (update.fetchedFrom)
        m_eventsPerDay = static_cast<double>(catalogue->events.size() - std::min(catalogue->events.size(), base->events.size())) /
                         static_cast<double>((update.fetchedTo - *update.fetchedFrom).count() + 1);
    update.catalogue = std::move(catalogue);
    return update;
}

LiveEvents::Update LiveEvents::fetchFirst(std::optional<CalendarDay> day, int windowDays, bool cumulative) {
    const std::optional<Days> all = sourceDays();
    // No day asked for: the latest the sources or the base cover (where the viewer opens).
    const CalendarDay to = day ? *day : std::max(all ? all->second : CalendarDay{}, m_base->range().second);
    const std::optional<CalendarDay> from = cumulative ? std::nullopt : std::optional(to - days{std::max(1, windowDays) - 1});
    for (std::size_t i = 0; i < m_sources.size(); ++i) m_versions[i] = m_sources[i]->version();
    Update update = fetch(m_base, from, to);
    update.sourceDays = m_days = all;
    m_fetched = {update.fetchedFrom, update.fetchedTo};
    m_shown = {from, to};
    m_thread = std::jthread([this](std::stop_token stop) { run(std::move(stop)); });
    return update;
}

void LiveEvents::show(std::optional<CalendarDay> from, CalendarDay to) {
    const std::lock_guard lock(m_mutex);
    const Window shown{from, to};
    m_shown = shown;
    if (m_fetched.contains(shown) || (m_busy && m_inFlight.contains(shown))) {
        m_wanted.reset();  // inside what is there, or coming: a fetch asked for and not begun is not needed
        return;
    }
    if (m_wanted && m_wanted->from == from && m_wanted->to == to) return;
    m_wanted = shown;
    m_wake.notify_one();
}

void LiveEvents::setBase(std::shared_ptr<const timeline::Catalogue> base) {
    const std::lock_guard lock(m_mutex);
    m_base = std::move(base);
    m_baseChanged = true;
    m_wake.notify_one();
}

std::optional<LiveEvents::Update> LiveEvents::take() {
    const std::lock_guard lock(m_mutex);
    std::optional<Update> ready = std::move(m_ready);
    m_ready.reset();
    return ready;
}

bool LiveEvents::fetching() const {
    const std::lock_guard lock(m_mutex);
    return m_busy || m_wanted || m_baseChanged;
}

bool LiveEvents::ready() const {
    const std::lock_guard lock(m_mutex);
    return m_ready.has_value();
}

void LiveEvents::run(std::stop_token stop) {
    using Clock = std::chrono::steady_clock;
    Clock::time_point nextPoll = Clock::now() + m_settings.pollEvery;
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        m_wake.wait_until(lock, stop, nextPoll, [&] { return m_wanted.has_value() || m_baseChanged; });
        if (stop.stop_requested()) break;
        const bool pollDue = Clock::now() >= nextPoll;
        if (!m_wanted && !m_baseChanged && !pollDue) continue;
        if (pollDue) nextPoll = Clock::now() + m_settings.pollEvery;
        const Window window = m_wanted.value_or(m_shown);
        // A failed try is made again at each poll, until it succeeds.
        const bool askVersions = pollDue || m_failed;
        bool mustFetch = m_wanted.has_value() || m_baseChanged || m_failed;
        const std::shared_ptr<const timeline::Catalogue> base = m_base;
        m_wanted.reset();
        m_baseChanged = false;
        m_busy = true;
        m_inFlight = window;
        lock.unlock();

        Update update;
        bool failed = false;
        try {
            // The versions at a poll only (a table's count is a scan: not on every step of the slider), and before
            // the fetch: a change made while it runs is seen at the next poll.
            std::vector<std::string> versions;
            if (askVersions)
                for (const auto& source : m_sources) versions.push_back(source->version());
            const bool changed = askVersions && versions != m_versions;
            if (mustFetch || changed) {
                update = fetch(base, window.from, window.to);
                if (changed) m_days = sourceDays();  // the slider's range moves only when the table changes
                update.sourceDays = m_days;
                if (askVersions) m_versions = std::move(versions);
            }
        } catch (const std::exception& e) {
            update = {};
            update.error = e.what();
            failed = true;
        }

        lock.lock();
        m_busy = false;
        m_failed = failed;
        if (update.catalogue) m_fetched = {update.fetchedFrom, update.fetchedTo};
        if (update.catalogue || failed) m_ready = std::move(update);
    }
}

}  // namespace bordermap::ui
