#pragma once
// Small text helpers for core's messages and parsers. Std types only (no torch), so the study,
// storage and report sources use them without the tensor headers.
#include <string>

namespace borehole {

/// A number as users write it ("0.001", "1e-08", "4.875e+29"): six significant digits, never a
/// run of digits in full. For messages.
std::string formatNumber(double value);
/// ASCII lower case, for parsing the names users type ("MSE", "Adam").
std::string toLower(std::string text);

} // namespace borehole
