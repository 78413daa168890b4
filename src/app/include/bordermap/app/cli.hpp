#pragma once
// The bordermap command line, runnable in-process so that tests drive every command as a user would.

#include <iosfwd>
#include <span>
#include <string>

namespace bordermap::app {

// Exit codes of every command.
enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitBadInput = 2 };

// Runs `bordermap ARGS...` (args excludes the program name), writing results to `out` and errors to `err`
// as one line each. Returns the exit code. Never throws.
int runCli(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace bordermap::app
