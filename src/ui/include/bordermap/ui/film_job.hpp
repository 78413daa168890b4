#pragma once
// A video written on a thread of its own (render/film.hpp), so that the window stays live while it is drawn: its
// progress, for a bar with the time left; a cancel that leaves no file; and how it ended, once it has.

#include <bordermap/render/film.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace bordermap::ui {

class FilmJob {
public:
    // Writes the film through the control it is given; runs on the job's thread, so everything it reads must stay
    // as it is until the job is finished (or destroyed).
    using Work = std::function<render::FilmResult(const render::FilmControl& control)>;

    // Starts `work` at once. `expectedFrames`: the film's length as the caller planned it, shown until the first
    // frame reports the film's own.
    FilmJob(std::string path, long expectedFrames, Work work);
    // Cancels the film and waits for its thread (at most a frame's drawing and the encoder's queue).
    ~FilmJob();
    FilmJob(const FilmJob&) = delete;
    FilmJob& operator=(const FilmJob&) = delete;

    const std::string& path() const { return m_path; }
    // Asks the film to stop before its next frame; it then writes nothing.
    void cancel() { m_cancel = true; }
    bool cancelling() const { return m_cancel; }
    bool finished() const { return m_finished; }

    struct Progress {
        long done = 0;   // frame times drawn
        long total = 0;  // frame times in the film
        double elapsed_s = 0;
        std::optional<double> left_s;  // from the rate so far; none before the first frame
    };
    Progress progress() const;

    struct Outcome {
        enum class Kind { Written, Cancelled, Failed } kind = Kind::Failed;
        long frames = 0;
        std::string error;  // for Failed: the one-line error
    };
    // How the film ended; only once finished().
    Outcome outcome() const;

private:
    std::string m_path;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    std::atomic<long> m_done{0};
    std::atomic<long> m_total{0};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_finished{false};
    mutable std::mutex m_mutex;  // guards m_outcome
    Outcome m_outcome;
    std::thread m_thread;  // last: started once everything it touches exists
};

}  // namespace bordermap::ui
