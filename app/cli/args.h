#pragma once
// A small, strict command-line parser for borehole-cli (no Qt: the CLI must build on GPU servers
// that have only libtorch). Options are declared with help text; unknown options, missing values
// and bad numbers are usage errors that name the option.
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace borehole::cli {

/// A mistake in the command line: printed with a pointer to --help, exit code 2.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class Args
{
public:
    Args(std::string command, std::string summary);

    /// An option taking a value; `defaultValue` is shown in --help (empty: none).
    void addOption(const std::string& name, const std::string& valueName, const std::string& help,
                   const std::string& defaultValue = {});
    void addFlag(const std::string& name, const std::string& help);
    void addPositional(const std::string& name, const std::string& help);

    /// Parses argv after the subcommand. Returns false when --help was given (help printed).
    bool parse(const std::vector<std::string>& argv);
    std::string help() const;

    bool has(const std::string& name) const;
    bool flag(const std::string& name) const;
    std::string value(const std::string& name) const;
    std::string positional(const std::string& name) const;
    /// The value, or its declared default, parsed as a number; UsageError names the option.
    double number(const std::string& name) const;
    std::int64_t integer(const std::string& name) const;
    /// A finite number in [min, max]; UsageError names the option and the range.
    double number(const std::string& name, double min, double max) const;
    /// A finite number > 0; UsageError names the option.
    double positive(const std::string& name) const;
    /// An integer in [min, max]; UsageError names the option and the range.
    std::int64_t integer(const std::string& name, std::int64_t min,
                         std::int64_t max = std::numeric_limits<std::int64_t>::max()) const;
    /// An integer in [min, 2³¹ − 1], for counts and iteration caps held in an int.
    int count(const std::string& name, int min = 0) const;
    /// A seed: an integer in [0, 2⁶⁴ − 1].
    std::uint64_t seed(const std::string& name) const;
    /// Comma-separated list.
    std::vector<std::string> list(const std::string& name) const;
    /// Throws UsageError when a required option is absent.
    void require(const std::string& name) const;

private:
    struct Spec
    {
        std::string name;
        std::string valueName;
        std::string help;
        std::string defaultValue;
        bool isFlag = false;
    };
    const Spec& spec(const std::string& name) const;

    std::string m_command;
    std::string m_summary;
    std::vector<Spec> m_specs;
    std::vector<std::pair<std::string, std::string>> m_positionalSpecs;
    std::map<std::string, std::string> m_values;
    std::map<std::string, std::string> m_positionals;
};

} // namespace borehole::cli
