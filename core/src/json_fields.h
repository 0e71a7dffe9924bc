// Reading JSON objects field by field without undefined behaviour.
//
// nlohmann's own NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT converts a JSON float into an
// integer member with a plain cast: 1.6e107 read into an `int` is undefined behaviour (UBSan
// found it with fuzz_probe_report) and in practice a garbage count. BOREHOLE_JSON_TYPE writes
// exactly what nlohmann's macro writes and reads the same keys with the same defaults, but an
// integer member (or a vector of them) accepts only a whole number inside its type's range;
// anything else is a FieldError naming the path ("lanczos.iterations"), which the reader turns
// into an InputError naming the file.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace borehole::json {

class FieldError : public std::runtime_error {
public:
    FieldError(std::string path, const std::string& detail)
        : std::runtime_error(path + ": " + detail), m_path(std::move(path)), m_detail(detail)
    {
    }
    const std::string& path() const { return m_path; }
    const std::string& detail() const { return m_detail; }

private:
    std::string m_path;
    std::string m_detail;
};

template <typename T>
T wholeNumber(const nlohmann::json& v, const std::string& path)
{
    static_assert(std::is_integral_v<T>);
    if constexpr (std::is_same_v<T, bool>) {
        return v.get<bool>();
    } else {
        using L = std::numeric_limits<T>;
        const auto outOfRange = [&]() {
            return FieldError(path, v.dump() + " is not a whole number from "
                                        + std::to_string(L::min()) + " to "
                                        + std::to_string(L::max()));
        };
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(L::max()))
                throw outOfRange();
            return static_cast<T>(u);
        }
        if (v.is_number_integer()) {
            const auto i = v.get<std::int64_t>();
            if ((i < 0 && (!L::is_signed || i < static_cast<std::int64_t>(L::min())))
                || (i > 0 && static_cast<std::uint64_t>(i) > static_cast<std::uint64_t>(L::max())))
                throw outOfRange();
            return static_cast<T>(i);
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            const double limit = std::ldexp(1.0, L::digits); // max + 1, exact in a double
            const double low = L::is_signed ? -limit : 0.0;
            if (!std::isfinite(d) || d != std::trunc(d) || d < low || d >= limit)
                throw outOfRange();
            return static_cast<T>(d);
        }
        return v.get<T>(); // not a number: nlohmann's type_error names what it is
    }
}

template <typename T>
struct IsIntegerVector : std::false_type {};
template <typename E, typename A>
struct IsIntegerVector<std::vector<E, A>> : std::bool_constant<std::is_integral_v<E>> {};

template <typename T>
void readField(const nlohmann::json& j, const char* key, T& field)
{
    const auto it = j.find(key);
    if (it == j.end())
        return; // the member keeps its default, as nlohmann's WITH_DEFAULT macro does
    if constexpr (std::is_integral_v<T>) {
        field = wholeNumber<T>(*it, key);
    } else if constexpr (IsIntegerVector<T>::value) {
        if (!it->is_array())
            throw FieldError(key, "expected an array of whole numbers, not " + it->dump());
        T out;
        out.reserve(it->size());
        for (const auto& e : *it)
            out.push_back(wholeNumber<typename T::value_type>(e, key));
        field = std::move(out);
    } else {
        try {
            it->get_to(field);
        } catch (const FieldError& e) {
            throw FieldError(std::string(key) + "." + e.path(), e.detail());
        } catch (const nlohmann::json::type_error& e) {
            // "[json.exception.type_error.302] type must be string, but is number": the path
            // says where, the rest what.
            const std::string what = e.what();
            const auto end = what.find("] ");
            throw FieldError(key, end == std::string::npos ? what : what.substr(end + 2));
        }
    }
}

inline void requireObject(const nlohmann::json& j, const char* type)
{
    if (!j.is_object())
        throw FieldError(type, "expected an object, not " + std::string(j.type_name()));
}

} // namespace borehole::json

#define BOREHOLE_JSON_WRITE_FIELD(v1) j[#v1] = obj.v1;
#define BOREHOLE_JSON_READ_FIELD(v1) ::borehole::json::readField(j, #v1, obj.v1);

/// to_json/from_json for a struct's listed members (see the comment at the top).
#define BOREHOLE_JSON_TYPE(Type, ...)                                                        \
    inline void to_json(nlohmann::json& j, const Type& obj)                                 \
    {                                                                                        \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(BOREHOLE_JSON_WRITE_FIELD, __VA_ARGS__))    \
    }                                                                                        \
    inline void from_json(const nlohmann::json& j, Type& obj)                               \
    {                                                                                        \
        ::borehole::json::requireObject(j, #Type);                                           \
        obj = Type{};                                                                        \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(BOREHOLE_JSON_READ_FIELD, __VA_ARGS__))     \
    }
