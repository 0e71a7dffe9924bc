// The meta-model: a seeded ensemble of two-hidden-layer tanh MLPs trained full-batch with Adam on
// the CPU. Weights are plain tensors (not nn modules) so a fitted model serialises to JSON and
// lives in the study database.
#include "borehole/meta_model.h"

#include "internal.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace borehole {

using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Member
{
    std::vector<torch::Tensor> weights; ///< w1, b1, w2, b2, w3, b3

    torch::Tensor forward(const torch::Tensor& x) const
    {
        auto h = torch::tanh(torch::addmm(weights[1], x, weights[0]));
        h = torch::tanh(torch::addmm(weights[3], h, weights[2]));
        return torch::addmm(weights[5], h, weights[4]).squeeze(1);
    }
};

std::uint64_t splitmix(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// Trains one member on (x, y): from a fresh Glorot initialisation with weight decay towards 0,
/// or, given `start`, from its weights with the decay pulling towards them (L2-SP: a few rows
/// adjust a fitted member rather than replace it).
Member trainMember(const torch::Tensor& x, const torch::Tensor& y, const MetaModelOptions& o,
                   std::uint64_t seed, const Member* start = nullptr)
{
    const auto n = x.size(0);
    const auto d = x.size(1);
    auto gen = makeGenerator(seed);
    auto init = [&](std::int64_t in, std::int64_t out) {
        // Glorot-uniform, drawn from the member's own generator.
        const double limit = std::sqrt(6.0 / static_cast<double>(in + out));
        return (torch::rand({in, out}, gen, torch::kFloat32) * 2.0 - 1.0) * limit;
    };
    Member m;
    std::vector<torch::Tensor> anchor; // what the decay pulls towards (empty: zero)
    if (start) {
        for (const auto& w : start->weights) {
            m.weights.push_back(w.detach().clone());
            anchor.push_back(w.detach());
        }
    } else {
        m.weights = {init(d, o.hidden),        torch::zeros({o.hidden}),
                     init(o.hidden, o.hidden), torch::zeros({o.hidden}),
                     init(o.hidden, 1),        torch::zeros({1})};
    }
    // Fine-tuning trains the output layer on the fitted members' hidden features (few rows
    // identify a linear read-out, not a new representation); a fresh fit trains every layer.
    std::vector<torch::Tensor> trained;
    for (std::size_t k = start ? 4 : 0; k < m.weights.size(); ++k) {
        m.weights[k].set_requires_grad(true);
        trained.push_back(m.weights[k]);
    }
    auto decayed = [&](std::size_t k) {
        return anchor.empty() ? m.weights[k].pow(2).sum() : (m.weights[k] - anchor[k]).pow(2).sum();
    };

    torch::Tensor xs = x, ys = y;
    if (o.bootstrap && n > 1) {
        std::uint64_t state = seed ^ 0xB0075784ull;
        std::vector<std::int64_t> pick(static_cast<std::size_t>(n));
        for (auto& i : pick)
            i = static_cast<std::int64_t>(splitmix(state) % static_cast<std::uint64_t>(n));
        const auto index = torch::tensor(pick, torch::kInt64);
        xs = x.index_select(0, index);
        ys = y.index_select(0, index);
    }
    torch::optim::Adam opt(trained, torch::optim::AdamOptions(o.learningRate));
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        opt.zero_grad();
        auto loss = torch::mse_loss(m.forward(xs), ys);
        if (o.weightDecay > 0.0)
            loss = loss + o.weightDecay * (start ? decayed(4) : decayed(0) + decayed(2) + decayed(4));
        loss.backward();
        opt.step();
    }
    for (auto& w : m.weights)
        w = w.detach();
    return m;
}

json tensorJson(const torch::Tensor& t)
{
    const auto c = t.contiguous();
    const float* p = c.data_ptr<float>();
    return {{"shape", c.sizes().vec()}, {"values", std::vector<float>(p, p + c.numel())}};
}

torch::Tensor tensorFrom(const json& j)
{
    const auto shape = j.at("shape").get<std::vector<std::int64_t>>();
    auto values = j.at("values").get<std::vector<float>>();
    return torch::tensor(values, torch::kFloat32).reshape(shape);
}

std::vector<double> ranks(const std::vector<double>& v)
{
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double avg = 0.5 * static_cast<double>(i + j) + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            r[order[k]] = avg;
        i = j + 1;
    }
    return r;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b)
{
    const double n = static_cast<double>(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
    const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : kNaN;
}

} // namespace

struct MetaModel::Impl
{
    MetaModelOptions options;
    std::vector<double> xMean, xStd;
    double yMean = 0.0, yStd = 1.0;
    std::vector<Member> members;
    MetaModelValidation validation;
    int rows = 0;

    torch::Tensor standardise(const std::vector<std::vector<double>>& x) const
    {
        const auto d = xMean.size();
        std::vector<float> flat;
        flat.reserve(x.size() * d);
        for (const auto& row : x) {
            if (row.size() != d)
                throw InputError("meta-model input has " + std::to_string(row.size())
                                 + " features, the model was trained on " + std::to_string(d));
            for (std::size_t j = 0; j < d; ++j)
                flat.push_back(std::isfinite(row[j])
                                   ? static_cast<float>((row[j] - xMean[j]) / xStd[j])
                                   : 0.0f);
        }
        return torch::tensor(flat, torch::kFloat32)
            .reshape({static_cast<std::int64_t>(x.size()), static_cast<std::int64_t>(d)});
    }

    void fitAll(const std::vector<std::vector<double>>& x, const std::vector<double>& y)
    {
        const auto d = x.front().size();
        const double n = static_cast<double>(x.size());
        xMean.assign(d, 0.0);
        xStd.assign(d, 0.0);
        for (const auto& row : x)
            for (std::size_t j = 0; j < d; ++j)
                xMean[j] += row[j] / n;
        for (const auto& row : x)
            for (std::size_t j = 0; j < d; ++j)
                xStd[j] += (row[j] - xMean[j]) * (row[j] - xMean[j]) / n;
        for (auto& s : xStd)
            s = s > 1e-24 ? std::sqrt(s) : 1.0;
        yMean = std::accumulate(y.begin(), y.end(), 0.0) / n;
        double var = 0.0;
        for (double v : y)
            var += (v - yMean) * (v - yMean) / n;
        yStd = var > 1e-24 ? std::sqrt(var) : 1.0;
        std::vector<float> ys;
        for (double v : y)
            ys.push_back(static_cast<float>((v - yMean) / yStd));
        const auto xt = standardise(x);
        const auto yt = torch::tensor(ys, torch::kFloat32);
        members.clear();
        for (int m = 0; m < options.members; ++m)
            members.push_back(trainMember(xt, yt, options,
                                          deriveSeed(options.seed, static_cast<std::uint64_t>(m))));
        rows = static_cast<int>(x.size());
    }

    std::vector<EnsemblePrediction> predict(const std::vector<std::vector<double>>& x) const
    {
        std::vector<EnsemblePrediction> out(x.size());
        if (x.empty())
            return out;
        torch::NoGradGuard noGrad;
        const auto xt = standardise(x);
        std::vector<torch::Tensor> outs;
        for (const auto& m : members)
            outs.push_back(m.forward(xt));
        const auto stacked = torch::stack(outs).to(torch::kFloat64) * yStd + yMean;
        const auto mean = stacked.mean(0);
        const auto std = members.size() > 1 ? stacked.std(0, /*unbiased=*/false)
                                            : torch::zeros_like(mean);
        for (std::size_t i = 0; i < x.size(); ++i)
            out[i] = {mean[static_cast<std::int64_t>(i)].item<double>(),
                      std[static_cast<std::int64_t>(i)].item<double>()};
        return out;
    }
};

MetaModel::MetaModel() : m_impl(std::make_shared<Impl>()) {}
MetaModel::~MetaModel() = default;
MetaModel::MetaModel(const MetaModel&) = default;
MetaModel& MetaModel::operator=(const MetaModel&) = default;
MetaModel::MetaModel(MetaModel&&) noexcept = default;
MetaModel& MetaModel::operator=(MetaModel&&) noexcept = default;

MetaModel MetaModel::fit(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                         const MetaModelOptions& options)
{
    if (x.size() != y.size())
        throw InputError("meta-model: " + std::to_string(x.size()) + " input rows but "
                         + std::to_string(y.size()) + " targets");
    if (options.members < 1 || options.hidden < 1 || options.epochs < 1)
        throw InputError("meta-model: members, hidden units and epochs must be positive");
    std::vector<std::vector<double>> xs;
    std::vector<double> ys;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!x.empty() && x[i].size() != x.front().size())
            throw InputError("meta-model: row " + std::to_string(i) + " has "
                             + std::to_string(x[i].size()) + " features, row 0 has "
                             + std::to_string(x.front().size()));
        const bool finite = std::isfinite(y[i])
                            && std::all_of(x[i].begin(), x[i].end(),
                                           [](double v) { return std::isfinite(v); });
        if (finite) {
            xs.push_back(x[i]);
            ys.push_back(y[i]);
        }
    }
    if (xs.size() < 3)
        throw InputError("meta-model: needs at least 3 rows with finite values, got "
                         + std::to_string(xs.size()));
    if (xs.front().empty())
        throw InputError("meta-model: rows have no features");

    MetaModel model;
    auto& impl = *model.m_impl;
    impl.options = options;

    const auto n = xs.size();
    const auto held = static_cast<std::size_t>(std::lround(options.validationFraction * n));
    impl.validation.rows = 0;
    impl.validation.rmse = impl.validation.mae = impl.validation.spearman = kNaN;
    if (held >= 2 && n - held >= 5) {
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::uint64_t state = options.seed ^ 0x56414C4944ull;
        for (std::size_t i = n - 1; i > 0; --i)
            std::swap(order[i], order[splitmix(state) % (i + 1)]);
        std::vector<std::vector<double>> tx, vx;
        std::vector<double> ty, vy;
        for (std::size_t i = 0; i < n; ++i) {
            (i < held ? vx : tx).push_back(xs[order[i]]);
            (i < held ? vy : ty).push_back(ys[order[i]]);
        }
        Impl probe;
        probe.options = options;
        probe.fitAll(tx, ty);
        const auto p = probe.predict(vx);
        std::vector<double> mean;
        double se = 0.0, ae = 0.0;
        for (std::size_t i = 0; i < vy.size(); ++i) {
            mean.push_back(p[i].mean);
            se += (p[i].mean - vy[i]) * (p[i].mean - vy[i]);
            ae += std::abs(p[i].mean - vy[i]);
        }
        impl.validation.rows = static_cast<int>(vy.size());
        impl.validation.rmse = std::sqrt(se / vy.size());
        impl.validation.mae = ae / vy.size();
        impl.validation.spearman = spearman(mean, vy);
    }
    impl.fitAll(xs, ys);
    return model;
}

MetaModel MetaModel::fineTuned(const std::vector<std::vector<double>>& x,
                               const std::vector<double>& y, const MetaModelOptions& options) const
{
    const Impl& base = *m_impl;
    if (base.members.empty())
        throw InputError("meta-model: fineTuned() on a model that was never fitted");
    if (x.size() != y.size())
        throw InputError("meta-model: " + std::to_string(x.size()) + " input rows but "
                         + std::to_string(y.size()) + " targets");
    if (options.epochs < 1)
        throw InputError("meta-model: epochs must be positive");
    std::vector<std::vector<double>> xs;
    std::vector<float> ys;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].size() != base.xMean.size())
            throw InputError("meta-model: row " + std::to_string(i) + " has "
                             + std::to_string(x[i].size()) + " features, the model was trained on "
                             + std::to_string(base.xMean.size()));
        if (std::isfinite(y[i])
            && std::all_of(x[i].begin(), x[i].end(), [](double v) { return std::isfinite(v); })) {
            xs.push_back(x[i]);
            ys.push_back(static_cast<float>((y[i] - base.yMean) / base.yStd));
        }
    }
    if (xs.empty())
        throw InputError("meta-model: fine-tuning needs at least one row with finite values");
    MetaModel tuned;
    Impl& t = *tuned.m_impl;
    t = base; // standardisation, validation of the fit, members (their tensors are replaced below)
    t.options.epochs = options.epochs;
    t.options.learningRate = options.learningRate;
    t.options.weightDecay = options.weightDecay;
    t.options.bootstrap = options.bootstrap;
    t.options.seed = options.seed;
    const auto xt = base.standardise(xs);
    const auto yt = torch::tensor(ys, torch::kFloat32);
    for (std::size_t m = 0; m < base.members.size(); ++m)
        t.members[m] = trainMember(xt, yt, t.options,
                                   deriveSeed(options.seed, static_cast<std::uint64_t>(m)),
                                   &base.members[m]);
    t.rows = base.rows + static_cast<int>(xs.size());
    return tuned;
}

std::vector<EnsemblePrediction> MetaModel::predict(const std::vector<std::vector<double>>& x) const
{
    if (m_impl->members.empty())
        throw InputError("meta-model: predict() on a model that was never fitted");
    return m_impl->predict(x);
}

const MetaModelValidation& MetaModel::validation() const
{
    return m_impl->validation;
}

int MetaModel::trainingRows() const
{
    return m_impl->rows;
}

int MetaModel::inputCount() const
{
    return static_cast<int>(m_impl->xMean.size());
}

const MetaModelOptions& MetaModel::options() const
{
    return m_impl->options;
}

std::string MetaModel::toJson() const
{
    const auto& i = *m_impl;
    auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    json members = json::array();
    for (const auto& m : i.members) {
        json w = json::array();
        for (const auto& t : m.weights)
            w.push_back(tensorJson(t));
        members.push_back(w);
    }
    return json{{"schema", "borehole.meta-model/1"},
                {"options",
                 {{"members", i.options.members},
                  {"hidden", i.options.hidden},
                  {"epochs", i.options.epochs},
                  {"learning_rate", i.options.learningRate},
                  {"weight_decay", i.options.weightDecay},
                  {"validation_fraction", i.options.validationFraction},
                  {"bootstrap", i.options.bootstrap},
                  {"seed", i.options.seed}}},
                {"rows", i.rows},
                {"x_mean", i.xMean},
                {"x_std", i.xStd},
                {"y_mean", i.yMean},
                {"y_std", i.yStd},
                {"validation",
                 {{"rows", i.validation.rows},
                  {"rmse", num(i.validation.rmse)},
                  {"mae", num(i.validation.mae)},
                  {"spearman", num(i.validation.spearman)}}},
                {"weights", members}}
        .dump();
}

MetaModel MetaModel::fromJson(const std::string& text)
{
    MetaModel model;
    auto& i = *model.m_impl;
    try {
        const json j = json::parse(text);
        const json& o = j.at("options");
        i.options.members = o.at("members");
        i.options.hidden = o.at("hidden");
        i.options.epochs = o.at("epochs");
        i.options.learningRate = o.at("learning_rate");
        i.options.weightDecay = o.at("weight_decay");
        i.options.validationFraction = o.at("validation_fraction");
        i.options.bootstrap = o.at("bootstrap");
        i.options.seed = o.at("seed");
        i.rows = j.at("rows");
        i.xMean = j.at("x_mean").get<std::vector<double>>();
        i.xStd = j.at("x_std").get<std::vector<double>>();
        i.yMean = j.at("y_mean");
        i.yStd = j.at("y_std");
        const json& v = j.at("validation");
        auto num = [](const json& x) { return x.is_number() ? x.get<double>() : kNaN; };
        i.validation = {v.at("rows").get<int>(), num(v.at("rmse")), num(v.at("mae")),
                        num(v.at("spearman"))};
        for (const auto& m : j.at("weights")) {
            Member member;
            for (const auto& t : m)
                member.weights.push_back(tensorFrom(t));
            if (member.weights.size() != 6)
                throw InputError("member has " + std::to_string(member.weights.size())
                                 + " weight tensors");
            i.members.push_back(std::move(member));
        }
    } catch (const json::exception& e) {
        throw InputError(std::string("meta-model JSON is malformed: ") + e.what());
    }
    return model;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size() || a.size() < 2)
        return kNaN;
    return pearson(ranks(a), ranks(b));
}

double kendall(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size() || a.size() < 2)
        return kNaN;
    double concordant = 0, discordant = 0, tiesA = 0, tiesB = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = i + 1; j < a.size(); ++j) {
            const double da = a[i] - a[j], db = b[i] - b[j];
            if (da == 0 && db == 0)
                continue;
            if (da == 0)
                tiesA += 1;
            else if (db == 0)
                tiesB += 1;
            else if ((da > 0) == (db > 0))
                concordant += 1;
            else
                discordant += 1;
        }
    const double denom = std::sqrt((concordant + discordant + tiesA)
                                   * (concordant + discordant + tiesB));
    return denom > 0 ? (concordant - discordant) / denom : kNaN;
}

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

} // namespace borehole
