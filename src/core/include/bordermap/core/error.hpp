#pragma once
// The error family. An operation that cannot go on throws one of these; the edges (main, the frame loop)
// turn it into one line on stderr and an exit code. Each carries where the problem is: file, layer,
// feature and field, any of which may be empty.

#include <stdexcept>
#include <string>

namespace bordermap {

// Where in the input a problem lies. Empty parts are left out of the message.
struct Location {
    std::string file;
    std::string layer;
    std::string feature;  // a feature's id and, where it has one, its name: "12 ('Kabul')"
    std::string field;
};

// Base of the family: reason() is the bare reason, what() the whole line with the location in front, made
// printable (core/text.hpp): control characters and bytes that are not UTF-8 are escaped.
class Error : public std::runtime_error {
public:
    Error(Location where, const std::string& reason);
    const Location& where() const noexcept { return m_where; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    Location m_where;
    std::string m_reason;
};

// The input is wrong: a missing or unreadable file, broken data, an unknown CRS, a value out of range.
// The command line exits 2.
class InputError : public Error {
public:
    using Error::Error;
};

// The command line itself is wrong: an unknown option, a missing argument. Exit 2.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& reason) : Error({}, reason) {}
};

// A well-formed request that could not be carried out (a library call failed, a file could not be written).
// Exit 1.
class OperationError : public Error {
public:
    using Error::Error;
};

// "file: layer 'x': feature 12 ('Kabul'): field 'geometry'", the front of every error line.
std::string describe(const Location& where);

}  // namespace bordermap
