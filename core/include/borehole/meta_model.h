#pragma once
// The study's meta-model: an ensemble of small MLPs (libtorch, CPU, seeded) mapping a numeric
// feature vector (encoded hyperparameters + probe features) to one target. Inputs and target are
// standardised with statistics of the training rows; each member trains on its own bootstrap
// resample from its own initialisation, so the spread of the members' predictions is an
// uncertainty estimate. A held-out fraction of the rows measures the validation error before
// the final fit on all rows.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace borehole {

struct MetaModelOptions
{
    int members = 5;
    int hidden = 32;
    int epochs = 400; ///< full-batch Adam steps per member
    double learningRate = 1e-2;
    double weightDecay = 1e-4;
    /// Rows held out to measure the validation error (none when fewer than 5 would remain).
    double validationFraction = 0.2;
    bool bootstrap = true;
    std::uint64_t seed = 0;
};

struct EnsemblePrediction
{
    double mean = 0.0;
    double std = 0.0; ///< standard deviation across members
};

/// Validation of a fit on held-out rows.
struct MetaModelValidation
{
    int rows = 0; ///< 0: too few rows to hold any out (the numbers below are NaN)
    double rmse = 0.0;
    double mae = 0.0;
    double spearman = 0.0;
};

class MetaModel
{
public:
    /// Fits the ensemble on rows x (all of the same length) and targets y. Rows with a
    /// non-finite value are dropped. Throws InputError when fewer than 3 usable rows remain or
    /// the rows differ in length.
    static MetaModel fit(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                         const MetaModelOptions& options = {});
    /// A fine-tuned copy: every member's output layer continues from its fitted weights on rows
    /// (x, y), reading the member's hidden features as they are (a few rows identify a linear
    /// read-out, not a new representation; measured in test_study_halving), for options.epochs
    /// full-batch Adam steps at options.learningRate, pulled towards the fitted weights by
    /// options.weightDecay·‖w − w_fitted‖², each on a bootstrap resample when
    /// options.bootstrap. Inputs and
    /// target keep this model's standardisation; members and hidden units stay; validation()
    /// stays the fit's. Rows with a non-finite value are dropped. Throws InputError when none
    /// remains, a row's length differs from the model's inputs, or the model was never fitted.
    MetaModel fineTuned(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                        const MetaModelOptions& options) const;
    /// Restores a model from toJson().
    static MetaModel fromJson(const std::string& text);

    MetaModel();
    ~MetaModel();
    MetaModel(const MetaModel&);
    MetaModel& operator=(const MetaModel&);
    MetaModel(MetaModel&&) noexcept;
    MetaModel& operator=(MetaModel&&) noexcept;

    /// Ensemble mean and spread per row; non-finite inputs are treated as the training mean.
    /// Throws InputError when a row's length differs from the training rows'.
    std::vector<EnsemblePrediction> predict(const std::vector<std::vector<double>>& x) const;
    const MetaModelValidation& validation() const;
    int trainingRows() const;
    int inputCount() const;
    const MetaModelOptions& options() const;
    /// Options, standardisation and every member's weights.
    std::string toJson() const;

    struct Impl;

private:
    std::shared_ptr<Impl> m_impl;
};

/// Spearman rank correlation (average ranks for ties); NaN when fewer than 2 pairs or a constant
/// side.
double spearman(const std::vector<double>& a, const std::vector<double>& b);
/// Kendall's τ-b; NaN when undefined.
double kendall(const std::vector<double>& a, const std::vector<double>& b);
/// Standard normal cumulative distribution.
double normalCdf(double z);

} // namespace borehole
