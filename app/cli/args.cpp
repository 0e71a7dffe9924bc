#include "args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace borehole::cli {

Args::Args(std::string command, std::string summary)
    : m_command(std::move(command)), m_summary(std::move(summary))
{
}

void Args::addOption(const std::string& name, const std::string& valueName,
                     const std::string& help, const std::string& defaultValue)
{
    m_specs.push_back({name, valueName, help, defaultValue, false});
}

void Args::addFlag(const std::string& name, const std::string& help)
{
    m_specs.push_back({name, {}, help, {}, true});
}

void Args::addPositional(const std::string& name, const std::string& help)
{
    m_positionalSpecs.emplace_back(name, help);
}

const Args::Spec& Args::spec(const std::string& name) const
{
    for (const auto& s : m_specs)
        if (s.name == name)
            return s;
    throw std::logic_error("borehole-cli: option --" + name + " was never declared");
}

bool Args::parse(const std::vector<std::string>& argv)
{
    std::size_t positional = 0;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--help" || a == "-h") {
            std::cout << help();
            return false;
        }
        if (a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::string value;
            bool inlineValue = false;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                inlineValue = true;
            }
            const Spec* s = nullptr;
            for (const auto& candidate : m_specs)
                if (candidate.name == name)
                    s = &candidate;
            if (!s)
                throw UsageError("unknown option '--" + name + "'");
            if (s->isFlag) {
                if (inlineValue)
                    throw UsageError("option '--" + name + "' takes no value");
                m_values[name] = "1";
                continue;
            }
            if (!inlineValue) {
                if (i + 1 >= argv.size())
                    throw UsageError("option '--" + name + "' needs a value <" + s->valueName + ">");
                value = argv[++i];
            }
            m_values[name] = value;
            continue;
        }
        if (positional >= m_positionalSpecs.size())
            throw UsageError("unexpected argument '" + a + "'");
        m_positionals[m_positionalSpecs[positional++].first] = a;
    }
    return true;
}

std::string Args::help() const
{
    std::ostringstream o;
    o << "Usage: borehole-cli " << m_command << " [options]";
    for (const auto& p : m_positionalSpecs)
        o << " <" << p.first << ">";
    o << "\n\n" << m_summary << "\n\n";
    for (const auto& p : m_positionalSpecs)
        o << "  <" << p.first << ">\n      " << p.second << "\n";
    o << "Options:\n";
    for (const auto& s : m_specs) {
        std::string left = "  --" + s.name + (s.isFlag ? "" : " <" + s.valueName + ">");
        o << left << "\n      " << s.help;
        if (!s.defaultValue.empty())
            o << " (default: " << s.defaultValue << ")";
        o << "\n";
    }
    o << "  --help\n      Show this help.\n";
    return o.str();
}

bool Args::has(const std::string& name) const
{
    spec(name);
    return m_values.count(name) > 0;
}

bool Args::flag(const std::string& name) const
{
    return has(name);
}

std::string Args::value(const std::string& name) const
{
    const auto& s = spec(name);
    const auto it = m_values.find(name);
    return it != m_values.end() ? it->second : s.defaultValue;
}

std::string Args::positional(const std::string& name) const
{
    const auto it = m_positionals.find(name);
    if (it == m_positionals.end())
        throw UsageError("missing argument <" + name + ">");
    return it->second;
}

double Args::number(const std::string& name) const
{
    const std::string v = value(name);
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(v.c_str(), &end);
    if (v.empty() || end == v.c_str() || *end != '\0' || errno == ERANGE)
        throw UsageError("option '--" + name + "' expects a number, got '" + v + "'");
    return d;
}

std::int64_t Args::integer(const std::string& name) const
{
    const std::string v = value(name);
    char* end = nullptr;
    errno = 0;
    const long long i = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || end == v.c_str() || *end != '\0' || errno == ERANGE)
        throw UsageError("option '--" + name + "' expects an integer, got '" + v + "'");
    return i;
}

double Args::number(const std::string& name, double min, double max) const
{
    const double d = number(name);
    if (!std::isfinite(d) || d < min || d > max) {
        std::ostringstream range;
        range << "[" << min << ", " << max << "]";
        throw UsageError("option '--" + name + "' must be a finite number in " + range.str()
                         + ", got '" + value(name) + "'");
    }
    return d;
}

double Args::positive(const std::string& name) const
{
    const double d = number(name);
    if (!std::isfinite(d) || d <= 0.0)
        throw UsageError("option '--" + name + "' must be a finite number > 0, got '"
                         + value(name) + "'");
    return d;
}

std::int64_t Args::integer(const std::string& name, std::int64_t min, std::int64_t max) const
{
    const std::int64_t i = integer(name);
    if (i < min || i > max) {
        const std::string range = max == std::numeric_limits<std::int64_t>::max()
                                      ? ">= " + std::to_string(min)
                                      : "in [" + std::to_string(min) + ", "
                                            + std::to_string(max) + "]";
        throw UsageError("option '--" + name + "' must be an integer " + range + ", got '"
                         + value(name) + "'");
    }
    return i;
}

int Args::count(const std::string& name, int min) const
{
    return static_cast<int>(integer(name, min, std::numeric_limits<int>::max()));
}

std::uint64_t Args::seed(const std::string& name) const
{
    const std::string v = value(name);
    char* end = nullptr;
    errno = 0;
    const bool digits = !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
    const unsigned long long u = digits ? std::strtoull(v.c_str(), &end, 10) : 0;
    if (!digits || *end != '\0' || errno == ERANGE)
        throw UsageError("option '--" + name + "' expects an integer in [0, 18446744073709551615]"
                         ", got '" + v + "'");
    return u;
}

std::vector<std::string> Args::list(const std::string& name) const
{
    std::vector<std::string> out;
    std::stringstream ss(value(name));
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty())
            out.push_back(item);
    return out;
}

void Args::require(const std::string& name) const
{
    if (!has(name) && spec(name).defaultValue.empty())
        throw UsageError("option '--" + name + "' is required");
}

} // namespace borehole::cli
