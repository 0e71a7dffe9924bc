// Model and data set loading, pairing and validation, with the exact messages users see.
#include "bh_test.h"
#include "test_support.h"

#include <borehole/error.h>
#include <borehole/csv.h>
#include <borehole/probes.h>
#include <borehole/problem.h>
#include <borehole/report.h>

#include <cmath>

using namespace borehole;

class TestLoaders : public QObject
{
    Q_OBJECT
    BH_TEST_FRIEND

private slots:
    void loadsExampleModel();
    void splitIsSeededAndComplete();
    void classificationData();
    void badClassLabelNamesTheLine();
    void unknownTargetColumn();
    void featureAndTargetOverlap();
    void badValidationFraction();
    void missingModel();
    void notTorchScript();
    void emptyModelFile();
    void modelRejectsFeatureShape();
    void modelOutputDoesNotFitTarget();
    void classificationLossOnRegressionData();
    void exampleProblemAndMetrics();
    void parametersRoundTrip();
    void parseEnums();
    void validationFractionNaN();
    void classLabelTooLarge();
    void damagedArchives();
    void scalarOutputIsALossOnlyWithLossOutput();
    void nonFloatAndDetachedOutputs();
    void bceNeedsTargetsInUnitInterval();
    void nonFiniteModelIsNamed();
    void memoryIsEstimatedBeforeProbing();
};

void TestLoaders::loadsExampleModel()
{
    const auto m = Model::load(bht::example("diabetes/diabetes_mlp.pt"));
    const auto& s = m.summary();
    QCOMPARE(s.parameterCount, std::int64_t(10 * 32 + 32 + 32 * 32 + 32 + 32 + 1));
    QCOMPARE(s.parameters.size(), std::size_t(6));
    BH_COMPARE_TEXT(s.parameters[0].name, "net.0.weight");
    QVERIFY(s.parameters[0].shape == (std::vector<std::int64_t>{32, 10}));
    QCOMPARE(s.layerCount, std::int64_t(3));
    QVERIFY(s.device == "cpu" || s.device == "cuda");
}

void TestLoaders::splitIsSeededAndComplete()
{
    DatasetOptions o;
    o.seed = 7;
    const auto a = Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), o);
    QCOMPARE(a.summary().rows, std::int64_t(442));
    QCOMPARE(a.summary().validationRows, std::int64_t(88));
    QCOMPARE(a.summary().trainRows, std::int64_t(354));
    QCOMPARE(a.featureCount(), std::int64_t(10));
    QCOMPARE(a.targetCount(), std::int64_t(1));
    BH_COMPARE_TEXT(a.summary().targetColumns[0], "progression");
    o.targetColumns = {"bmi"};
    o.featureColumns = {"age", "bp"};
    const auto b = Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), o);
    QCOMPARE(b.featureCount(), std::int64_t(2));
}

void TestLoaders::classificationData()
{
    DatasetOptions o;
    o.task = Task::Classification;
    const auto d = Dataset::loadCsv(bht::example("wine/wine.csv"), o);
    QCOMPARE(d.summary().classCount, std::int64_t(3));
    QCOMPARE(d.featureCount(), std::int64_t(13));
}

void TestLoaders::badClassLabelNamesTheLine()
{
    DatasetOptions o;
    o.task = Task::Classification;
    o.validationFraction = 0.0;
    const std::string path = bht::data("bad_labels.csv");
    BH_THROWS(Dataset::loadCsv(path, o), InputError,
              path + ":3:4 (column 'label'): class label 1.5 is not a non-negative integer");
}

void TestLoaders::unknownTargetColumn()
{
    DatasetOptions o;
    o.targetColumns = {"outcome"};
    const std::string path = bht::example("diabetes/diabetes.csv");
    BH_THROWS(Dataset::loadCsv(path, o), InputError,
              path + ": no column named 'outcome' (columns: age, sex, bmi, bp, s1, s2, s3, s4, "
                     "s5, s6, progression)");
}

void TestLoaders::featureAndTargetOverlap()
{
    DatasetOptions o;
    o.targetColumns = {"bmi"};
    o.featureColumns = {"age", "bmi"};
    const std::string path = bht::example("diabetes/diabetes.csv");
    BH_THROWS(Dataset::loadCsv(path, o), InputError,
              path + ": column 'bmi' is both a feature and a target");
}

void TestLoaders::badValidationFraction()
{
    DatasetOptions o;
    o.validationFraction = 0.95;
    BH_THROWS(Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), o), InputError,
              "validation fraction 0.95 is outside [0, 0.9]");
}

void TestLoaders::missingModel()
{
    const std::string path = bht::data("missing.pt");
    BH_THROWS(Model::load(path), InputError,
              path + ": cannot open model file (No such file or directory)");
}

void TestLoaders::notTorchScript()
{
    const std::string path = bht::data("not_torchscript.pt");
    BH_THROWS(Model::load(path), InputError,
              path + ": not a TorchScript model (no zip directory found; save it with "
                     "torch.jit.script(model).save(path))");
}

void TestLoaders::emptyModelFile()
{
    const std::string path = bht::data("empty.csv");
    BH_THROWS(Model::load(path), InputError, path + ": the model file is empty");
}

void TestLoaders::modelRejectsFeatureShape()
{
    DatasetOptions d;
    const std::string dataPath = bht::example("diabetes/diabetes.csv");
    const std::string modelPath = bht::data("tiny_mlp.pt");
    auto data = Dataset::loadCsv(dataPath, d);
    // The cause, not the interpreter's "The following operation failed …" headline, and which
    // weight wants how many features.
    BH_THROWS(Problem(Model::load(modelPath), data, {}), InputError,
              "model '" + modelPath + "' rejected input tensor 'features' [8, 10] from '"
                  + dataPath + "'; its first weight 'hidden.weight' [6, 4] takes 4 features, the "
                               "data has 10; libtorch said: RuntimeError: mat1 and mat2 shapes "
                               "cannot be multiplied (8x10 and 4x6)");
}

void TestLoaders::modelOutputDoesNotFitTarget()
{
    DatasetOptions d;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    BH_THROWS(Problem(Model::load(bht::data("tiny_mlp.pt")), data, {}), InputError,
              "model output tensor [8, 2] does not fit target tensor [8, 1] for loss mse: "
              "expected one output per target value (2 outputs per row look like class scores: "
              "for integer labels use the task classification with the loss cross-entropy)");
}

void TestLoaders::classificationLossOnRegressionData()
{
    DatasetOptions d;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    ProblemOptions o;
    o.loss = LossKind::CrossEntropy;
    BH_THROWS(Problem(Model::load(bht::data("tiny_mlp.pt")), data, o), InputError,
              "model output tensor [8, 2] does not fit target tensor [8, 1] for loss "
              "cross-entropy: cross-entropy needs a classification task (integer labels)");
}

void TestLoaders::exampleProblemAndMetrics()
{
    DatasetOptions d;
    d.standardizeTargets = true;
    auto data = Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), d);
    ProblemOptions o;
    o.probeRows = 100;
    Problem p(Model::load(bht::example("diabetes/diabetes_mlp.pt")), data, o);
    QCOMPARE(p.summary().probeRows, std::int64_t(100));
    QVERIFY(p.summary().outputShape == (std::vector<std::int64_t>{100, 1}));
    const double loss = p.loss();
    // A trained model on standardised targets: well below the variance (1) of the target.
    QVERIFY2(loss > 0.0 && loss < 0.8, bh::closeMessage(loss, 0.4, 1).c_str());
    const double mse = p.validationMetric(Metric::Mse);
    const double mae = p.validationMetric(Metric::Mae);
    QVERIFY(mse > 0.0 && mae > 0.0);
    QVERIFY(mae * mae <= mse + 1e-9); // Jensen: (E|e|)² ≤ E e²
    BH_THROWS(p.validationMetric(Metric::Accuracy), InputError,
              "metric accuracy needs a classification task with logits [rows, classes]; model "
              "output is [88, 1]");

    DatasetOptions c;
    c.task = Task::Classification;
    auto wine = Dataset::loadCsv(bht::example("wine/wine.csv"), c);
    ProblemOptions co;
    co.loss = LossKind::CrossEntropy;
    Problem w(Model::load(bht::example("wine/wine_mlp.pt")), wine, co);
    const double acc = w.validationMetric(Metric::Accuracy);
    QVERIFY2(acc > 0.8 && acc <= 1.0, bh::closeMessage(acc, 0.9, 1).c_str());
}

void TestLoaders::parametersRoundTrip()
{
    auto p = bht::quadraticProblem();
    auto theta = p.parameters();
    theta[3] = 42.0f;
    p.setParameters(theta);
    QCOMPARE(p.parameters()[3], 42.0f);
    BH_THROWS(p.setParameters({1.0f}), InputError,
              "parameter vector has 1 values but the model has 12 parameters");
}

void TestLoaders::parseEnums()
{
    QVERIFY(parseLossKind("MAE") == LossKind::Mae);
    QVERIFY(parseTask("classification") == Task::Classification);
    QVERIFY(parseDeviceKind("CPU") == DeviceKind::Cpu);
    BH_THROWS(parseLossKind("hinge"), InputError,
              "unknown loss 'hinge' (expected mse, mae, cross-entropy, bce or output)");
    BH_THROWS(parseDeviceKind("tpu"), InputError,
              "unknown device 'tpu' (expected auto, cpu or cuda)");
    BH_THROWS(parseMetric("f1"), InputError,
              "unknown metric 'f1' (expected mse, mae, accuracy or loss)");
}

void TestLoaders::validationFractionNaN()
{
    // NaN passed "< 0 || > 0.9" and then overflowed the row count (UBSan).
    DatasetOptions o;
    o.validationFraction = std::nan("");
    BH_THROWS(Dataset::loadCsv(bht::data("four_features.csv"), o), InputError,
              "validation fraction nan is outside [0, 0.9]");
}

void TestLoaders::classLabelTooLarge()
{
    DatasetOptions o;
    o.task = Task::Classification;
    o.validationFraction = 0;
    const auto table = parseCsv("a,label\n1,0\n2,1\n3,1e30\n", "mem.csv");
    BH_THROWS(Dataset::fromTable(table, o), InputError,
              "mem.csv:4:2 (column 'label'): class label 1e+30 is too large (labels are 0 … "
              "number of classes − 1, at most 1000000 classes)");
}

void TestLoaders::damagedArchives()
{
    const std::string flipped = bht::data("bad/bitflip.pt");
    BH_THROWS(Model::load(flipped), InputError,
              flipped + ": damaged model file: the checksum (CRC-32) of entry 'linear/data/0' "
                        "does not match its contents, so its bytes changed after it was written; "
                        "save the model again or copy it anew");
    const std::string truncated = bht::data("bad/truncated.pt");
    BH_THROWS(Model::load(truncated), InputError,
              truncated + ": damaged model file: it starts like a zip archive but its directory "
                          "at the end is missing (truncated?); save the model again or copy it "
                          "anew");
    const std::string folder = bht::data("bad/a_folder.csv");
    BH_THROWS(Model::load(folder), InputError, folder + ": is a folder, not a model file");
    // The intact original loads.
    QCOMPARE(Model::load(bht::data("linear.pt")).summary().parameterCount, std::int64_t(5));
}

void TestLoaders::scalarOutputIsALossOnlyWithLossOutput()
{
    // forward() returns one number: it crashed (SIGSEGV) reading the output's row count.
    DatasetOptions d;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    const std::string path = bht::data("bad/scalar_output.pt");
    BH_THROWS(Problem(Model::load(path), data, {}), InputError,
              "model '" + path + "' returned a single number (a 0-d tensor) from forward(), but "
              "the loss mse needs one output per data row; if the model computes its own loss, "
              "use the loss 'output'");
    ProblemOptions o;
    o.loss = LossKind::ModelOutput;
    Problem p(Model::load(path), data, o);
    QVERIFY(p.summary().outputShape.empty());
    const double l = p.loss();
    QVERIFY(std::isfinite(l) && l > 0.0);
}

void TestLoaders::nonFloatAndDetachedOutputs()
{
    DatasetOptions d;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    const std::string ints = bht::data("bad/int_output.pt");
    BH_THROWS(Problem(Model::load(ints), data, {}), InputError,
              "model '" + ints + "' returned a Long tensor from forward(); probes need "
              "floating-point outputs (logits, predictions or a loss), not labels from argmax or "
              "a comparison");
    const std::string detached = bht::data("bad/detached.pt");
    BH_THROWS(Problem(Model::load(detached), data, {}), InputError,
              "model '" + detached + "''s output does not depend on its parameters (forward() "
              "detaches it, e.g. with .detach(), torch.no_grad() or a conversion to another "
              "type), so there is no gradient to probe");
}

void TestLoaders::bceNeedsTargetsInUnitInterval()
{
    DatasetOptions d;
    const std::string path = bht::data("bad/big_targets.csv");
    auto data = Dataset::loadCsv(path, d);
    ProblemOptions o;
    o.loss = LossKind::BceWithLogits;
    BH_THROWS(Problem(Model::load(bht::data("linear.pt")), data, o), InputError,
              "the loss bce needs targets in [0, 1], but the target of '" + path
                  + "' spans 25 to 346 (use mse or mae for a regression target)");
}

void TestLoaders::nonFiniteModelIsNamed()
{
    DatasetOptions d;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    const std::string path = bht::data("bad/nan_weight.pt");
    Problem p(Model::load(path), data, {});
    const auto bad = p.model().nonFiniteTensors();
    QCOMPARE(bad.size(), std::size_t(2));
    BH_COMPARE_TEXT(bad[0], "'fc.weight' (1 NaN)");
    BH_COMPARE_TEXT(bad[1], "'fc.bias' (1 Inf)");
    const auto base = lossAndGradient(p);
    BH_THROWS(requireFinite(p, base), InputError,
              "L(θ) = nan on the 32 probe rows of '" + bht::data("four_features.csv")
                  + "' with model '" + path + "'; the model holds non-finite values in "
                  "'fc.weight' (1 NaN), 'fc.bias' (1 Inf); nothing can be probed where the loss "
                  "is not finite");
    ProbeSettings s;
    BH_THROWS_PREFIX(runProbes(p, s), InputError, "L(θ) = nan on the 32 probe rows");
    // A finite model passes.
    Problem good(Model::load(bht::data("linear.pt")), data, {});
    requireFinite(good, lossAndGradient(good));
}

void TestLoaders::memoryIsEstimatedBeforeProbing()
{
    DatasetOptions d;
    auto data = Dataset::loadCsv(bht::data("four_features.csv"), d);
    Problem p(Model::load(bht::data("linear.pt")), data, {});
    ProbeSettings s;
    s.directionKinds = {DirectionKind::Random};
    s.curvature.count = 2000000000;
    const auto e = estimateProbeMemory(p, s);
    // (K + 3) parameter copies of 5 floats: 2e9 × 20 bytes = 40 GB.
    QVERIFY(e.bytes > 3.9e10 && e.bytes < 4.1e10);
    BH_COMPARE_TEXT(e.largestPart,
                    "finite-difference curvature along 2000000000 random directions of 5 parameters");
    MemoryEstimate limited = e;
    limited.available = 8e9;
    BH_THROWS(requireMemory(limited), InputError,
              "the probe would need about 40.0 GB of memory for finite-difference curvature "
              "along 2000000000 random directions of 5 parameters, more than the 8.0 GB "
              "available on this machine; choose fewer directions, iterations or points");
    s.curvature.count = 8;
    requireMemory(estimateProbeMemory(p, s)); // the defaults fit anywhere
}

BH_TEST_MAIN(TestLoaders, &TestLoaders::loadsExampleModel, &TestLoaders::splitIsSeededAndComplete,
             &TestLoaders::classificationData, &TestLoaders::badClassLabelNamesTheLine,
             &TestLoaders::unknownTargetColumn, &TestLoaders::featureAndTargetOverlap,
             &TestLoaders::badValidationFraction, &TestLoaders::missingModel,
             &TestLoaders::notTorchScript, &TestLoaders::emptyModelFile,
             &TestLoaders::modelRejectsFeatureShape, &TestLoaders::modelOutputDoesNotFitTarget,
             &TestLoaders::classificationLossOnRegressionData,
             &TestLoaders::exampleProblemAndMetrics, &TestLoaders::parametersRoundTrip,
             &TestLoaders::parseEnums, &TestLoaders::validationFractionNaN,
             &TestLoaders::classLabelTooLarge, &TestLoaders::damagedArchives,
             &TestLoaders::scalarOutputIsALossOnlyWithLossOutput,
             &TestLoaders::nonFloatAndDetachedOutputs, &TestLoaders::bceNeedsTargetsInUnitInterval,
             &TestLoaders::nonFiniteModelIsNamed, &TestLoaders::memoryIsEstimatedBeforeProbing)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_loaders.moc"
#endif
