#pragma once
// Borehole's error hierarchy. Every function of the core library that can fail throws a type
// derived from borehole::Error; the message is written for the user and names the file, line,
// column or tensor involved.
#include <stdexcept>
#include <string>

namespace borehole {

/// Base of every error Borehole throws.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Bad user input: a missing or malformed file, an unknown column, a model whose output does not
/// fit the data. The message names the file and, where it applies, line and column.
class InputError : public Error
{
public:
    using Error::Error;
};

/// A long operation stopped because its progress callback returned false.
class CancelledError : public Error
{
public:
    CancelledError() : Error("cancelled") {}
};

} // namespace borehole
