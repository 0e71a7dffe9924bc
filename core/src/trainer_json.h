#pragma once
// JSON forms of training results, shared by the run record (trainer_json.cpp) and the
// checkpoint header (trainer.cpp). NaN is written as null and read back as NaN.
#include "borehole/trainer.h"

#include <nlohmann/json.hpp>

namespace borehole {

nlohmann::json trainResultToJson(const TrainResult& result);
/// Fills curve, adjustments, steps, losses, metrics and costs; missing keys keep defaults.
void trainResultFromJson(const nlohmann::json& j, TrainResult& result);
nlohmann::json costToJson(const ProbeCost& cost);
ProbeCost costFromJson(const nlohmann::json& j);
nlohmann::json numberOrNull(double v);
double numberOrNan(const nlohmann::json& j, const char* key);

} // namespace borehole
