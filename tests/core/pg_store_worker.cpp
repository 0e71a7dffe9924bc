// Driver for tests/cli/study_postgres.sh: one PgStudyStore worker per process against a real
// PostgreSQL server, doing stand-in work (a sleep with heartbeats) instead of probes, so the
// script can run several at once, kill one, and check the claim/lease rules.
//   pg_store_worker init URL COUNT          stores a spec and COUNT configurations (or finds them)
//   pg_store_worker work URL LEASE_S WORK_MS  claims until none is left; prints claimed/finished
//   pg_store_worker roundtrip URL           full runs, meta-models, study_meta written and read
//   pg_store_worker dump URL                one line per configuration
#include <borehole/error.h>
#include <borehole/study_store_pg.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <unistd.h>

using namespace borehole;

namespace {

int init(const std::string& url, int count)
{
    auto store = PgStudyStore::open(url);
    std::vector<Configuration> configurations;
    for (int i = 0; i < count; ++i) {
        Configuration c;
        c.index = i;
        c.unit = {(i + 0.5) / count};
        c.hyper.learningRate = 0.001 * (i + 1);
        configurations.push_back(c);
    }
    const bool stored = store.initialise(std::string(R"({"name": "postgres test"})"), configurations);
    std::cout << (stored ? "initialised" : "exists") << " " << store.counts().total() << std::endl;
    return 0;
}

int work(const std::string& url, double lease, int workMs)
{
    auto store = PgStudyStore::open(url);
    while (auto c = store.claimNext(lease)) {
        std::cout << "claimed " << c->index << std::endl;
        bool owned = true;
        const auto start = std::chrono::steady_clock::now();
        auto beat = start;
        while (owned && std::chrono::steady_clock::now() - start < std::chrono::milliseconds(workMs)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (std::chrono::steady_clock::now() - beat > std::chrono::duration<double>(lease / 4)) {
                owned = store.heartbeat(c->id, lease);
                beat = std::chrono::steady_clock::now();
            }
        }
        ConfigurationFeatures f;
        f.values["worker_pid"] = static_cast<double>(getpid());
        f.values["index"] = c->index;
        f.values["learning_rate"] = c->hyper.learningRate;
        if (owned && store.finish(c->id, f))
            std::cout << "finished " << c->index << std::endl;
        else
            std::cout << "lost " << c->index << std::endl;
    }
    return 0;
}

/// Full runs, meta-models and study_meta through the store and back; NaN must come back NaN.
int roundtrip(const std::string& url)
{
    auto store = PgStudyStore::open(url);
    int bad = 0;
    auto expect = [&](bool ok, const char* what) {
        std::cout << (ok ? "ok   " : "FAIL ") << what << std::endl;
        bad += ok ? 0 : 1;
    };
    expect(!store.claimNext(5.0), "nothing left to claim");
    store.setInfo("train_rows", "42");
    store.setInfo("train_rows", "43");
    expect(store.info("train_rows") == "43", "setInfo replaces, info reads it back");
    const auto configs = store.configurations();
    const auto run = store.beginFullRun(configs.at(1).id, 30.0);
    expect(store.heartbeatFullRun(run, 30.0), "heartbeat of this worker's full run");
    TrainResult r;
    r.steps = 10;
    r.finalValidationMetric = 0.5;
    r.seconds = 1.5;
    TrainPoint a;
    a.step = 0;
    a.trainLoss = 2.0;
    a.learningRate = 0.1; // validation NaN: stored as null
    TrainPoint b = a;
    b.step = 10;
    b.validationMetric = 0.5;
    r.curve = {a, b};
    store.finishFullRun(run, r);
    store.abandonFullRun(store.beginFullRun(configs.at(2).id, 30.0));
    const auto runs = store.fullRuns();
    expect(runs.size() == 1 && runs[0].status == RunStatus::Done && runs[0].outcome == 0.5
               && runs[0].steps == 10 && runs[0].curve.size() == 2
               && std::isnan(runs[0].curve[0].validationMetric)
               && runs[0].curve[1].validationMetric == 0.5
               && runs[0].configurationId == configs.at(1).id,
           "one finished full run with its curve (the abandoned one deleted)");
    MetaModelRecord m;
    m.kind = "proxy";
    m.members = 5;
    m.trainingRows = 12;
    m.validationRmse = 0.25;
    m.validationSpearman = std::nan("");
    m.detailsJson = R"({"inputs": []})";
    for (const auto& c : configs)
        m.predictions.push_back({c.id, std::nan(""), 0.1, static_cast<double>(c.index)});
    const int version = store.addMetaModel(m);
    const auto latest = store.latestMetaModel();
    expect(version == 1 && latest && latest->version == 1 && latest->kind == "proxy"
               && latest->validationRmse == 0.25 && std::isnan(latest->validationSpearman)
               && latest->predictions.size() == configs.size()
               && std::isnan(latest->predictions[0].mean)
               && latest->predictions[3].promisingness == 3.0,
           "meta-model version 1 with its predictions, NaN kept");
    const auto counts = store.counts();
    expect(counts.fullRuns == 1 && counts.metaModels == 1 && counts.done == 12,
           "counts: 12 done, 1 full run, 1 meta-model");
    return bad ? 1 : 0;
}

int dump(const std::string& url)
{
    auto store = PgStudyStore::open(url);
    for (const auto& c : store.configurations()) {
        const auto pid = c.features.count("worker_pid") ? c.features.at("worker_pid") : -1.0;
        std::cout << c.index << " " << toString(c.status) << " " << c.attempts << " " << c.failures
                  << " " << static_cast<long>(pid) << " " << (c.owner.empty() ? "-" : c.owner)
                  << " " << (c.reason.empty() ? "-" : c.reason) << "\n";
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const std::string mode = argc > 1 ? argv[1] : "";
        if (mode == "init" && argc == 4)
            return init(argv[2], std::stoi(argv[3]));
        if (mode == "work" && argc == 5)
            return work(argv[2], std::stod(argv[3]), std::stoi(argv[4]));
        if (mode == "roundtrip" && argc == 3)
            return roundtrip(argv[2]);
        if (mode == "dump" && argc == 3)
            return dump(argv[2]);
        std::cerr << "usage: pg_store_worker init URL N | work URL LEASE WORK_MS | dump URL\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "pg_store_worker: " << e.what() << "\n";
        return 1;
    }
}
