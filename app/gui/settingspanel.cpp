#include "settingspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace borehole {

namespace {

QDoubleSpinBox* numberBox(QWidget* parent, double lo, double hi, int decimals, double step)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(lo, hi);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    return box;
}

QSpinBox* countBox(QWidget* parent, int lo, int hi)
{
    auto* box = new QSpinBox(parent);
    box->setRange(lo, hi);
    return box;
}

} // namespace

ProbeSettings SettingsPanel::defaultSettings()
{
    ProbeSettings s;
    s.line = true;
    s.surface = true;
    s.surfaceOptions.resolution = 31;
    s.lineOptions.resolution = 31;
    return s;
}

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent)
{
    // Directions and finite-difference curvature.
    auto* directions = new QGroupBox(tr("Curvature along directions"), this);
    m_random = new QCheckBox(tr("random"), directions);
    m_random->setToolTip(tr("K random unit directions in parameter space"));
    m_gradient = new QCheckBox(tr("gradient"), directions);
    m_gradient->setToolTip(tr("The normalised gradient direction (always one direction)"));
    m_pca = new QCheckBox(tr("PCA"), directions);
    m_pca->setToolTip(tr("Principal components of mini-batch gradient samples"));
    auto* kinds = new QHBoxLayout;
    kinds->addWidget(m_random);
    kinds->addWidget(m_gradient);
    kinds->addWidget(m_pca);
    m_k = countBox(directions, 1, 512);
    m_k->setToolTip(tr("Number of directions K per kind"));
    m_epsilon = numberBox(directions, 1e-7, 1.0, 7, 1e-4);
    m_epsilon->setToolTip(tr("Finite-difference step ε along each unit direction, in parameter "
                             "units"));
    auto* dform = new QFormLayout(directions);
    dform->addRow(tr("Kinds:"), kinds);
    dform->addRow(tr("K:"), m_k);
    dform->addRow(tr("ε:"), m_epsilon);

    // Top eigenvalue and trace.
    auto* spectrum = new QGroupBox(tr("Top eigenvalue and trace"), this);
    m_power = new QCheckBox(tr("Power iteration"), spectrum);
    m_power->setToolTip(tr("Dominant (largest magnitude) eigenvalue of the Hessian"));
    m_lanczos = new QCheckBox(tr("Lanczos"), spectrum);
    m_lanczos->setToolTip(tr("Largest algebraic eigenvalue, with full reorthogonalisation"));
    auto* solvers = new QHBoxLayout;
    solvers->addWidget(m_power);
    solvers->addWidget(m_lanczos);
    m_tolerance = numberBox(spectrum, 1e-8, 0.5, 8, 1e-4);
    m_tolerance->setToolTip(tr("Stop when the relative change (power) or the relative residual "
                               "bound (Lanczos) falls below this"));
    m_maxIterations = countBox(spectrum, 1, 1000);
    m_maxIterations->setToolTip(tr("Iteration cap of both solvers (one HVP each)"));
    m_hvp = new QComboBox(spectrum);
    m_hvp->addItem(tr("exact (double backward)"), static_cast<int>(HvpMode::Exact));
    m_hvp->addItem(tr("finite differences"), static_cast<int>(HvpMode::FiniteDifference));
    m_hvp->setToolTip(tr("How Hessian-vector products are computed"));
    m_trace = new QCheckBox(tr("Trace tr(H)"), spectrum);
    m_trace->setToolTip(tr("Estimate of tr(H) from Rademacher probes, with its standard error"));
    m_traceEstimator = new QComboBox(spectrum);
    m_traceEstimator->addItem(tr("Hutch++ (low-rank sketch + Hutchinson)"),
                              static_cast<int>(TraceEstimator::HutchPlusPlus));
    m_traceEstimator->addItem(tr("Hutchinson"), static_cast<int>(TraceEstimator::Hutchinson));
    m_traceEstimator->setToolTip(
        tr("Hutch++ computes the trace of the top subspace exactly and samples only the rest: "
           "far lower variance when a few eigenvalues dominate"));
    m_traceSketch = countBox(spectrum, 1, 200);
    m_traceSketch->setToolTip(tr("Hutch++: size k of the sketched subspace (costs 2k HVPs)"));
    connect(m_traceEstimator, &QComboBox::currentIndexChanged, this, [this] {
        m_traceSketch->setEnabled(m_traceEstimator->currentData().toInt()
                                  == static_cast<int>(TraceEstimator::HutchPlusPlus));
    });
    m_traceMax = countBox(spectrum, 1, 10000);
    m_traceMax->setToolTip(tr("Most Rademacher samples for the trace estimate"));
    auto* sform = new QFormLayout(spectrum);
    sform->addRow(tr("λmax:"), solvers);
    sform->addRow(tr("Tolerance:"), m_tolerance);
    sform->addRow(tr("Max iterations:"), m_maxIterations);
    sform->addRow(tr("HVP:"), m_hvp);
    sform->addRow(m_trace);
    sform->addRow(tr("Estimator:"), m_traceEstimator);
    sform->addRow(tr("Sketch size:"), m_traceSketch);
    sform->addRow(tr("Max samples:"), m_traceMax);

    // Full spectrum (core's hessianSpectrum), fed like the CLI's --spectrum: tolerance, iteration
    // cap and HVP mode are the eigenvalue solvers' above.
    auto* full = new QGroupBox(tr("Spectrum"), this);
    m_spectrum = new QCheckBox(tr("Eigenvalues and density"), full);
    m_spectrum->setToolTip(
        tr("Largest and smallest eigenvalues with residual bounds, λmin (negative curvature) and "
           "the spectral density by stochastic Lanczos quadrature. Costs up to max iterations + "
           "runs × steps HVPs; a model with at most 4,096 parameters gets the exact Hessian "
           "instead, one HVP per parameter."));
    m_topK = countBox(full, 1, 100);
    m_topK->setToolTip(tr("Largest eigenvalues wanted, each with its own residual bound (Lanczos: "
                          "one HVP per iteration until all converge, at most max iterations)"));
    m_bottomK = countBox(full, 0, 100);
    m_bottomK->setToolTip(tr("Smallest eigenvalues wanted, λmin first: negative curvature, saddle "
                             "detection (shares the top eigenvalues' Lanczos run)"));
    m_densityRuns = countBox(full, 0, 100);
    m_densityRuns->setToolTip(tr("Stochastic Lanczos quadrature runs for the spectral density, "
                                 "each costing one HVP per step; 0: no density"));
    m_densitySteps = countBox(full, 2, 500);
    m_densitySteps->setToolTip(tr("Lanczos steps per density run (one HVP each): more steps "
                                  "resolve more of the spectrum"));
    connect(m_spectrum, &QCheckBox::toggled, this, [this](bool on) {
        for (QSpinBox* box : {m_topK, m_bottomK, m_densityRuns, m_densitySteps})
            box->setEnabled(on);
    });
    for (QSpinBox* box : {m_topK, m_bottomK, m_densityRuns, m_densitySteps})
        box->setEnabled(false); // the box starts unchecked
    auto* fform = new QFormLayout(full);
    fform->addRow(m_spectrum);
    fform->addRow(tr("Top k:"), m_topK);
    fform->addRow(tr("Bottom k:"), m_bottomK);
    fform->addRow(tr("Density runs:"), m_densityRuns);
    fform->addRow(tr("Steps per run:"), m_densitySteps);

    // Sharpness.
    auto* sharp = new QGroupBox(tr("Perturbation sensitivity"), this);
    m_sharpness = new QCheckBox(tr("ε-sharpness"), sharp);
    m_sharpness->setToolTip(tr("Loss increase under random perturbations of radius ρ·‖θ‖"));
    m_rho = numberBox(sharp, 1e-6, 1.0, 5, 1e-3);
    m_rho->setToolTip(tr("Perturbation radius ρ, relative to ‖θ‖"));
    m_perturbations = countBox(sharp, 1, 10000);
    m_perturbations->setToolTip(tr("Number of random perturbations"));
    auto* pform = new QFormLayout(sharp);
    pform->addRow(m_sharpness);
    pform->addRow(tr("ρ:"), m_rho);
    pform->addRow(tr("Samples:"), m_perturbations);

    // Landscape.
    auto* landscape = new QGroupBox(tr("Loss landscape"), this);
    m_line = new QCheckBox(tr("1D line"), landscape);
    m_line->setToolTip(tr("L(θ + α·d) along one random direction"));
    m_surface = new QCheckBox(tr("2D surface"), landscape);
    m_surface->setToolTip(tr("L(θ + α·d₁ + β·d₂) on a grid (shown in 3D, heatmap and PCA map)"));
    auto* which = new QHBoxLayout;
    which->addWidget(m_line);
    which->addWidget(m_surface);
    m_resolution = countBox(landscape, 3, 401);
    m_resolution->setToolTip(tr("Grid points per axis (the surface costs resolution² forward "
                                "passes)"));
    m_span = numberBox(landscape, 0.001, 100.0, 3, 0.1);
    m_span->setToolTip(tr("α and β range over [−span, span], in units of the (filter-normalised) "
                          "direction"));
    m_filterNormalize = new QCheckBox(tr("Filter-normalised directions"), landscape);
    m_filterNormalize->setToolTip(tr("Scale each filter of a direction to the norm of the "
                                     "matching filter of θ (Li et al. 2018)"));
    m_gridCurvature = new QComboBox(landscape);
    m_gridCurvature->addItem(tr("none"), static_cast<int>(CurvatureMode::None));
    m_gridCurvature->addItem(tr("grid second differences"), static_cast<int>(CurvatureMode::Grid));
    m_gridCurvature->addItem(tr("exact HVPs"), static_cast<int>(CurvatureMode::Hvp));
    m_gridCurvature->setToolTip(tr("Curvature stored per grid point (HVPs cost two per point)"));
    m_refine = new QCheckBox(tr("Coarse-to-fine"), landscape);
    m_refine->setToolTip(tr("Evaluate every 5th point, then only the cells where bicubic "
                            "interpolation misses by more than 0.5 % of the range; the rest is "
                            "interpolated (not with HVP curvature)"));
    m_pointBatching = new QCheckBox(tr("Many points per launch"), landscape);
    m_pointBatching->setToolTip(
        tr("For MLPs of Linear layers, activations and batch norms: evaluate blocks of grid "
           "points in one stacked forward; for CNNs, also time core's own layer calls with the "
           "batch norms folded in (both checked against the model's own forward; others run "
           "point by point)"));
    connect(m_gridCurvature, &QComboBox::currentIndexChanged, this, [this] {
        const bool hvp =
            m_gridCurvature->currentData().toInt() == static_cast<int>(CurvatureMode::Hvp);
        m_refine->setEnabled(!hvp);
        if (hvp)
            m_refine->setChecked(false);
    });
    auto* lform = new QFormLayout(landscape);
    lform->addRow(tr("Compute:"), which);
    lform->addRow(tr("Resolution:"), m_resolution);
    lform->addRow(tr("Span:"), m_span);
    lform->addRow(m_filterNormalize);
    lform->addRow(tr("Curvature:"), m_gridCurvature);
    lform->addRow(m_refine);
    lform->addRow(m_pointBatching);

    // Run.
    auto* run = new QGroupBox(tr("Run"), this);
    m_seed = countBox(run, 0, 2147483647);
    m_seed->setToolTip(tr("Master seed: the split, directions and samples derive from it. Same "
                          "seed, same numbers."));
    m_device = new QComboBox(run);
    m_device->addItem(tr("auto"), static_cast<int>(DeviceKind::Auto));
    m_device->addItem(tr("CPU"), static_cast<int>(DeviceKind::Cpu));
    m_device->addItem(tr("CUDA"), static_cast<int>(DeviceKind::Cuda));
    m_device->setToolTip(tr("Where to compute. auto uses CUDA when libtorch sees a GPU."));
    m_probeRows = countBox(run, 0, 100000000);
    m_probeRows->setSpecialValueText(tr("all"));
    m_probeRows->setToolTip(tr("Training rows the probes evaluate L on (a fixed, seeded subset)"));
    m_batchSize = countBox(run, 1, 1000000);
    m_batchSize->setToolTip(tr("Mini-batch size for the gradient samples of PCA directions"));
    auto* rform = new QFormLayout(run);
    rform->addRow(tr("Seed:"), m_seed);
    rform->addRow(tr("Device:"), m_device);
    m_loss = new QComboBox(run);
    m_loss->addItem(tr("Task default (MSE / cross-entropy)"), -1);
    m_loss->addItem(tr("MSE"), static_cast<int>(LossKind::Mse));
    m_loss->addItem(tr("MAE (L1)"), static_cast<int>(LossKind::Mae));
    m_loss->addItem(tr("Cross-entropy"), static_cast<int>(LossKind::CrossEntropy));
    m_loss->addItem(tr("Binary cross-entropy on logits"), static_cast<int>(LossKind::BceWithLogits));
    m_loss->addItem(tr("Model output is the loss"), static_cast<int>(LossKind::ModelOutput));
    m_loss->setToolTip(tr("The loss L whose landscape is probed (the CLI's --loss). Task default: "
                          "MSE for regression, cross-entropy for classification. \"Model output "
                          "is the loss\": forward() returns the loss of each row and L is their "
                          "mean."));
    rform->addRow(tr("Loss:"), m_loss);
    rform->addRow(tr("Probe rows:"), m_probeRows);
    rform->addRow(tr("Batch size:"), m_batchSize);
    m_timeBudget = numberBox(run, 0.0, 1e7, 0, 10.0);
    m_timeBudget->setSuffix(tr(" s"));
    m_timeBudget->setSpecialValueText(tr("none"));
    m_timeBudget->setToolTip(tr("At most this many seconds for the whole probe (0: no limit). "
                                "The run times the loss and gradient, then shrinks the surface "
                                "and line and drops the costliest probes until the rest fits; "
                                "the Summary and the report say what it changed."));
    rform->addRow(tr("Time budget:"), m_timeBudget);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QGroupBox* box : {directions, spectrum, full, sharp, landscape, run})
        layout->addWidget(box);
    layout->addStretch(1);

    setSettings(defaultSettings());
    setProblemOptions(ProblemOptions(), Task::Regression); // MSE: the task's default

    for (QCheckBox* c : findChildren<QCheckBox*>())
        connect(c, &QCheckBox::toggled, this, &SettingsPanel::changed);
    for (QSpinBox* s : findChildren<QSpinBox*>())
        connect(s, &QSpinBox::valueChanged, this, &SettingsPanel::changed);
    for (QDoubleSpinBox* s : findChildren<QDoubleSpinBox*>())
        connect(s, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::changed);
    for (QComboBox* c : findChildren<QComboBox*>())
        connect(c, &QComboBox::currentIndexChanged, this, &SettingsPanel::changed);
}

ProbeSettings SettingsPanel::settings() const
{
    ProbeSettings s;
    s.directionKinds.clear();
    if (m_random->isChecked())
        s.directionKinds.push_back(DirectionKind::Random);
    if (m_gradient->isChecked())
        s.directionKinds.push_back(DirectionKind::Gradient);
    if (m_pca->isChecked())
        s.directionKinds.push_back(DirectionKind::Pca);
    s.curvature.count = m_k->value();
    s.curvature.epsilon = m_epsilon->value();
    s.power = m_power->isChecked();
    s.lanczos = m_lanczos->isChecked();
    s.eigen.relativeTolerance = m_tolerance->value();
    s.eigen.maxIterations = m_maxIterations->value();
    s.eigen.hvp = static_cast<HvpMode>(m_hvp->currentData().toInt());
    s.trace = m_trace->isChecked();
    s.traceOptions.maxSamples = m_traceMax->value();
    s.traceOptions.minSamples = std::min(s.traceOptions.minSamples, s.traceOptions.maxSamples);
    s.traceOptions.hvp = s.eigen.hvp;
    s.traceOptions.estimator = static_cast<TraceEstimator>(m_traceEstimator->currentData().toInt());
    s.traceOptions.sketchSize = m_traceSketch->value();
    s.spectrum = m_spectrum->isChecked();
    s.spectrumOptions.topK = m_topK->value();
    s.spectrumOptions.bottomK = m_bottomK->value();
    s.spectrumOptions.densityRuns = m_densityRuns->value();
    s.spectrumOptions.densitySteps = m_densitySteps->value();
    s.spectrumOptions.relativeTolerance = s.eigen.relativeTolerance;
    s.spectrumOptions.maxIterations = s.eigen.maxIterations;
    s.spectrumOptions.hvp = s.eigen.hvp;
    s.spectrumOptions.exactUpTo = s.traceOptions.exactUpTo;
    s.spectrumOptions.graph = s.eigen.graph;
    s.sharpness = m_sharpness->isChecked();
    s.sharpnessOptions.rho = m_rho->value();
    s.sharpnessOptions.samples = m_perturbations->value();
    s.line = m_line->isChecked();
    s.surface = m_surface->isChecked();
    s.surfaceOptions.resolution = m_resolution->value();
    s.surfaceOptions.span = m_span->value();
    s.surfaceOptions.directions.filterNormalize = m_filterNormalize->isChecked();
    s.surfaceOptions.curvature = static_cast<CurvatureMode>(m_gridCurvature->currentData().toInt());
    s.surfaceOptions.refine = m_refine->isChecked() && s.surfaceOptions.curvature != CurvatureMode::Hvp;
    s.surfaceOptions.pointBatching =
        m_pointBatching->isChecked() ? PointBatching::Auto : PointBatching::Off;
    s.lineOptions.pointBatching = s.surfaceOptions.pointBatching;
    s.lineOptions.resolution = s.surfaceOptions.resolution;
    s.lineOptions.span = s.surfaceOptions.span;
    s.lineOptions.directions = s.surfaceOptions.directions;
    s.seed = static_cast<std::uint64_t>(m_seed->value());
    s.timeBudget = m_timeBudget->value();
    return s;
}

void SettingsPanel::setSettings(const ProbeSettings& s)
{
    auto has = [&](DirectionKind k) {
        return std::find(s.directionKinds.begin(), s.directionKinds.end(), k)
               != s.directionKinds.end();
    };
    m_random->setChecked(has(DirectionKind::Random));
    m_gradient->setChecked(has(DirectionKind::Gradient));
    m_pca->setChecked(has(DirectionKind::Pca));
    m_k->setValue(s.curvature.count);
    m_epsilon->setValue(s.curvature.epsilon);
    m_power->setChecked(s.power);
    m_lanczos->setChecked(s.lanczos);
    m_tolerance->setValue(s.eigen.relativeTolerance);
    m_maxIterations->setValue(s.eigen.maxIterations);
    m_hvp->setCurrentIndex(m_hvp->findData(static_cast<int>(s.eigen.hvp)));
    m_trace->setChecked(s.trace);
    m_traceMax->setValue(s.traceOptions.maxSamples);
    m_traceEstimator->setCurrentIndex(
        m_traceEstimator->findData(static_cast<int>(s.traceOptions.estimator)));
    m_traceSketch->setValue(s.traceOptions.sketchSize);
    m_spectrum->setChecked(s.spectrum);
    m_topK->setValue(s.spectrumOptions.topK);
    m_bottomK->setValue(s.spectrumOptions.bottomK);
    m_densityRuns->setValue(s.spectrumOptions.densityRuns);
    m_densitySteps->setValue(s.spectrumOptions.densitySteps);
    m_sharpness->setChecked(s.sharpness);
    m_rho->setValue(s.sharpnessOptions.rho);
    m_perturbations->setValue(s.sharpnessOptions.samples);
    m_line->setChecked(s.line);
    m_surface->setChecked(s.surface);
    m_resolution->setValue(s.surfaceOptions.resolution);
    m_span->setValue(s.surfaceOptions.span);
    m_filterNormalize->setChecked(s.surfaceOptions.directions.filterNormalize);
    m_gridCurvature->setCurrentIndex(
        m_gridCurvature->findData(static_cast<int>(s.surfaceOptions.curvature)));
    m_refine->setChecked(s.surfaceOptions.refine);
    m_pointBatching->setChecked(s.surfaceOptions.pointBatching == PointBatching::Auto);
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(s.seed, 2147483647)));
    m_timeBudget->setValue(s.timeBudget);
}

ProblemOptions SettingsPanel::problemOptions(Task task) const
{
    ProblemOptions o;
    o.loss = loss().value_or(defaultLoss(task));
    o.probeRows = m_probeRows->value();
    o.batchSize = m_batchSize->value();
    o.seed = static_cast<std::uint64_t>(m_seed->value());
    return o;
}

std::optional<LossKind> SettingsPanel::loss() const
{
    const int kind = m_loss->currentData().toInt();
    return kind < 0 ? std::nullopt : std::optional<LossKind>(static_cast<LossKind>(kind));
}

void SettingsPanel::setLoss(std::optional<LossKind> loss)
{
    m_loss->setCurrentIndex(m_loss->findData(loss ? static_cast<int>(*loss) : -1));
}

void SettingsPanel::setProblemOptions(const ProblemOptions& o, Task task)
{
    // A workspace keeps the loss it was probed with: the task's default shows as "Task default",
    // any other (MAE, the model's own output, ...) stays chosen.
    setLoss(o.loss == defaultLoss(task) ? std::nullopt : std::optional<LossKind>(o.loss));
    m_probeRows->setValue(static_cast<int>(o.probeRows));
    m_batchSize->setValue(static_cast<int>(o.batchSize));
}

DeviceKind SettingsPanel::device() const
{
    return static_cast<DeviceKind>(m_device->currentData().toInt());
}

void SettingsPanel::setDevice(DeviceKind device)
{
    m_device->setCurrentIndex(m_device->findData(static_cast<int>(device)));
}

void SettingsPanel::setResolution(int points)
{
    m_resolution->setValue(points);
}

} // namespace borehole
