#pragma once
#include <string>
#include <vector>

namespace borehole::cli {

/// Each subcommand returns the process exit code: 0 success, 1 failure, 2 usage error,
/// 130 cancelled. Errors are thrown and turned into messages by main().
int runInfo(const std::vector<std::string>& argv);
int runProbe(const std::vector<std::string>& argv);
int runSurface(const std::vector<std::string>& argv);
int runTrain(const std::vector<std::string>& argv);
int runLrFind(const std::vector<std::string>& argv);
int runStudyCommand(const std::vector<std::string>& argv);

} // namespace borehole::cli
