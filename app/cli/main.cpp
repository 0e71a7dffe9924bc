// borehole-cli: everything the GUI does, headless, for scripts, GPU servers and clusters.
#include "commands.h"
#include "common.h"

#include <borehole/device.h>
#include <borehole/error.h>
#include <borehole/report.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>

namespace {

struct Command
{
    int (*run)(const std::vector<std::string>&);
    const char* summary;
};

const std::map<std::string, Command>& commands()
{
    using namespace borehole::cli;
    static const std::map<std::string, Command> table{
        {"info", {runInfo, "summarise a model and a data set"}},
        {"probe", {runProbe, "curvature probes at the model's parameters"}},
        {"surface", {runSurface, "loss on a 2D plane or 1D line, as JSON and CSV"}},
        {"train", {runTrain, "train the model: sgd, adam, adamw, sam or curvature-guided lr"}},
        {"lr-find", {runLrFind, "LR range test: sweep the rate, suggest one"}},
        {"study", {runStudyCommand, "hyperparameter study: run, status, export, train"}},
    };
    return table;
}

void printUsage(std::ostream& out)
{
    out << "Usage: borehole-cli <command> [options]\n\nCommands:\n";
    for (const auto& [name, cmd] : commands())
        out << "  " << name << std::string(10 - name.size(), ' ') << cmd.summary << "\n";
    out << "\nRun 'borehole-cli <command> --help' for the options of a command.\n";
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        printUsage(std::cerr);
        return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(std::cout);
        return 0;
    }
    if (name == "--version") {
        std::cout << "borehole-cli " << borehole::version() << "\n";
        return 0;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        std::cerr << "borehole-cli: unknown command '" << name << "'\n";
        printUsage(std::cerr);
        return 2;
    }
    borehole::cli::installInterruptHandler();
    // A closed pipe on stdout or an output FIFO is a write error to report, not a silent death.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> rest(argv + 2, argv + argc);
    try {
        // Physical cores by default (issue 12); subcommands with --threads override it.
        borehole::setIntraOpThreads(0);
        borehole::keepFreedHostMemory();
        const int code = it->second.run(rest);
        // The summary went to stdout: a full disk or closed pipe behind it is an error too.
        std::cout.flush();
        if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout))
            throw borehole::Error("standard output: writing failed (" + std::string(std::strerror(errno))
                                  + ")");
        return code;
    } catch (const borehole::cli::UsageError& e) {
        std::cerr << "borehole-cli " << name << ": " << e.what() << "\nRun 'borehole-cli " << name
                  << " --help' for usage.\n";
        return 2;
    } catch (const borehole::CancelledError&) {
        std::cerr << "borehole-cli " << name << ": cancelled; nothing was written\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "borehole-cli " << name << ": error: " << e.what() << "\n";
        return 1;
    }
}
