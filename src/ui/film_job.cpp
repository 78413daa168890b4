#include "bordermap/ui/film_job.hpp"

#include <exception>

namespace bordermap::ui {

FilmJob::FilmJob(std::string path, long expectedFrames, Work work) : m_path(std::move(path)), m_total(expectedFrames) {
    m_thread = std::thread([this, work = std::move(work)] {
        Outcome outcome;
        try {
            render::FilmControl control;
            control.progress = [this](long done, long total) {
                m_total = total;
                m_done = done;
            };
            control.cancel = &m_cancel;
            const render::FilmResult result = work(control);
            outcome.kind = result.cancelled ? Outcome::Kind::Cancelled : Outcome::Kind::Written;
            outcome.frames = result.frames;
        } catch (const std::exception& e) {
            // The thread's edge: the window shows the one line (a full disk, a folder that cannot be written).
            outcome.kind = Outcome::Kind::Failed;
            outcome.error = e.what();
        }
        {
            const std::lock_guard lock(m_mutex);
            m_outcome = std::move(outcome);
        }
        m_finished = true;
    });
}

FilmJob::~FilmJob() {
    m_cancel = true;
    if (m_thread.joinable()) m_thread.join();
}

FilmJob::Progress FilmJob::progress() const {
    Progress p;
    p.done = m_done;
    p.total = m_total;
    p.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    if (p.done > 0 && p.total >= p.done) p.left_s = p.elapsed_s / static_cast<double>(p.done) * static_cast<double>(p.total - p.done);
    return p;
}

FilmJob::Outcome FilmJob::outcome() const {
    const std::lock_guard lock(m_mutex);
    return m_outcome;
}

}  // namespace bordermap::ui
