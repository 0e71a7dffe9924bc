#include "study_store_common.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#if defined(__unix__) || defined(__APPLE__)
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#define BOREHOLE_POSIX 1
#endif

namespace borehole::studystore {

using nlohmann::json;

json costJson(const ProbeCost& c)
{
    return {{"forwards", c.forwards}, {"gradients", c.gradients}, {"hvps", c.hvps},
            {"seconds", c.seconds}};
}

ProbeCost costFrom(const std::string& t)
{
    ProbeCost c;
    if (t.empty())
        return c;
    const json j = json::parse(t);
    c.forwards = j.value("forwards", std::int64_t(0));
    c.gradients = j.value("gradients", std::int64_t(0));
    c.hvps = j.value("hvps", std::int64_t(0));
    c.seconds = j.value("seconds", 0.0);
    return c;
}

json number(double v)
{
    return std::isfinite(v) ? json(v) : json(nullptr);
}

double numberFrom(const json& j)
{
    return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

Hyperparameters hyperFrom(const std::string& t)
{
    const json j = json::parse(t);
    Hyperparameters h;
    h.learningRate = j.value("learning_rate", h.learningRate);
    h.weightDecay = j.value("weight_decay", h.weightDecay);
    h.momentum = j.value("momentum", h.momentum);
    h.batchSize = j.value("batch_size", h.batchSize);
    const std::string opt = j.value("optimizer", std::string("sgd"));
    h.optimizer = opt == "adam" ? OptimizerKind::Adam
                  : opt == "adamw" ? OptimizerKind::AdamW
                                   : OptimizerKind::Sgd;
    h.samRho = j.value("sam_rho", h.samRho);
    h.initScale = j.value("init_scale", h.initScale);
    return h;
}

std::string makeWorkerId()
{
    std::string host = "localhost";
    long pid = 0;
#ifdef BOREHOLE_POSIX
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) == 0 && name[0])
        host = name;
    pid = static_cast<long>(getpid());
#endif
    std::random_device rd;
    std::mt19937_64 rng((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    char tail[17];
    std::snprintf(tail, sizeof tail, "%016llx", static_cast<unsigned long long>(rng()));
    return host + ":" + std::to_string(pid) + ":" + tail;
}

bool ownerIsDeadHere(const std::string& owner, const std::string& self)
{
#ifdef BOREHOLE_POSIX
    const auto colon2 = owner.rfind(':');
    if (colon2 == std::string::npos || colon2 == 0)
        return false;
    const auto colon1 = owner.rfind(':', colon2 - 1);
    if (colon1 == std::string::npos)
        return false;
    const std::string host = owner.substr(0, colon1);
    const std::string selfHost = self.substr(0, self.rfind(':', self.rfind(':') - 1));
    if (host != selfHost)
        return false;
    const std::string pidText = owner.substr(colon1 + 1, colon2 - colon1 - 1);
    if (pidText.empty() || pidText.find_first_not_of("0123456789") != std::string::npos
        || pidText.size() > 9)
        return false;
    const long pid = std::stol(pidText);
    if (pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
#else
    (void)owner;
    (void)self;
    return false;
#endif
}

} // namespace borehole::studystore
