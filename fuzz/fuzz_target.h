#pragma once
// Shared by the fuzz targets: a parser may reject its input only with borehole::Error (a
// message for the user); any other exception, a crash or a sanitizer report is a finding.
#include <borehole/error.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace borehole::fuzz {

template <typename Parse>
int run(const std::uint8_t* data, std::size_t size, Parse parse)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        parse(text);
    } catch (const borehole::Error&) {
        // A clear refusal is the expected outcome for most inputs.
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz: a parser threw a non-Borehole exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}

} // namespace borehole::fuzz
