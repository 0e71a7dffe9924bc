#pragma once
// What the SQLite and the PostgreSQL study stores share besides the schema: the JSON of costs
// and hyperparameters in their rows, NaN as JSON null, and the worker ids of claims
// ("host:pid:random") with the test whether a claim's owner is a dead process of this host.
// Internal to core (std types and nlohmann::json only).
#include "borehole/study.h"

#include <nlohmann/json.hpp>

#include <string>

namespace borehole::studystore {

nlohmann::json costJson(const ProbeCost& c);
/// The cost JSON of a row back; an empty text is a zero cost.
ProbeCost costFrom(const std::string& text);
/// A finite number, or null (JSON has no NaN).
nlohmann::json number(double v);
/// A number, or NaN for null.
double numberFrom(const nlohmann::json& j);
/// The hyperparameters JSON of a configuration row.
Hyperparameters hyperFrom(const std::string& text);
/// "host:pid:random": unique per store object, and enough for a worker on the same host to tell
/// whether the owner still runs.
std::string makeWorkerId();
/// True when `owner` names a process of this host (the host of `self`, this worker's id) that no
/// longer exists. Unknown hosts and unparsable owners are never called dead: their claims wait
/// for the lease to expire.
bool ownerIsDeadHere(const std::string& owner, const std::string& self);

} // namespace borehole::studystore
