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
    void tupleOutputIsChosen();
    void dictOutputIsChosenByKey();
    void outputsAreListedOnOneRow();
    void convolutionalModelDoesNotClaimAWidth();
    void rawScaleModelIsWarnedAbout();
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

void TestLoaders::tupleOutputIsChosen()
{
    // forward() returns (prediction, features), as many real models return (logits, features).
    const auto data = Dataset::loadCsv(bht::data("four_features.csv"), {});
    const std::string path = bht::data("two_outputs.pt");
    BH_THROWS(Problem(Model::load(path), data, {}), InputError,
              path + ": forward() returns a tuple of 2 tensors (0: [8, 1], 1: [8, 8]); choose one "
                     "with --output 0|1");
    ProblemOptions o;
    o.output = "2";
    BH_THROWS(Problem(Model::load(path), data, o), InputError,
              path + ": forward() returns a tuple of 2 tensors (0: [8, 1], 1: [8, 8]), it has no "
                     "output '2'; choose one with --output 0|1");
    o.output = "0";
    Problem problem(Model::load(path), data, o);
    BH_COMPARE_TEXT(problem.summary().output, "0 of a tuple of 2 tensors");
    QVERIFY(problem.summary().outputShape == (std::vector<std::int64_t>{32, 1}));
    QVERIFY(std::isfinite(problem.loss()));
    // Features [n, 8] against a [n, 1] target: refused by the usual pairing check.
    o.output = "1";
    BH_THROWS_PREFIX(Problem(Model::load(path), data, o), InputError,
                     "model output tensor [8, 8] does not fit target tensor [8, 1] for loss mse");
    // An output chosen for a model that returns one tensor is a mistake, not ignored.
    o.output = "0";
    BH_THROWS(Problem(Model::load(bht::data("linear.pt")), data, o), InputError,
              bht::data("linear.pt") + ": forward() returns one tensor [8, 1], so there is no "
                                       "output '0' to choose; leave --output out");
}

void TestLoaders::dictOutputIsChosenByKey()
{
    const auto data = Dataset::loadCsv(bht::data("four_features.csv"), {});
    const std::string path = bht::data("dict_outputs.pt");
    BH_THROWS(Problem(Model::load(path), data, {}), InputError,
              path + ": forward() returns a dict of 2 tensors (prediction: [8, 1], features: "
                     "[8, 8]); choose one with --output prediction|features");
    ProblemOptions o;
    o.output = "prediction";
    Problem byKey(Model::load(path), data, o);
    BH_COMPARE_TEXT(byKey.summary().output, "prediction of a dict of 2 tensors");
    // Same weights as two_outputs.pt (same seed): the same prediction, the same loss.
    o.output = "0";
    Problem byIndex(Model::load(bht::data("two_outputs.pt")), data, o);
    QCOMPARE(byKey.loss(), byIndex.loss());
}

void TestLoaders::outputsAreListedOnOneRow()
{
    const auto data = Dataset::loadCsv(bht::data("four_features.csv"), {});
    const auto tuple = inspectModelOutputs(Model::load(bht::data("two_outputs.pt")), data);
    BH_COMPARE_TEXT(tuple.kind, "tuple");
    QCOMPARE(tuple.outputs.size(), std::size_t(2));
    BH_COMPARE_TEXT(describe(tuple.outputs[0]), "0: [1, 1]");
    BH_COMPARE_TEXT(describe(tuple.outputs[1]), "1: [1, 8]");
    BH_COMPARE_TEXT(tuple.outputs[1].dtype, "Float");
    const auto dict = inspectModelOutputs(Model::load(bht::data("dict_outputs.pt")), data);
    BH_COMPARE_TEXT(dict.kind, "dict");
    BH_COMPARE_TEXT(describe(dict.outputs[0]), "prediction: [1, 1]");
    BH_COMPARE_TEXT(describe(dict.outputs[1]), "features: [1, 8]");
    const auto single = inspectModelOutputs(Model::load(bht::data("linear.pt")), data);
    BH_COMPARE_TEXT(single.kind, "tensor");
    QCOMPARE(single.outputs.size(), std::size_t(1));
    BH_COMPARE_TEXT(describe(single.outputs[0]), "[1, 1]");
    // A model that rejects the row says so with the usual message, on one row.
    const std::string tiny = bht::data("tiny_mlp.pt");
    const std::string diabetes = bht::example("diabetes/diabetes.csv");
    BH_THROWS_PREFIX(inspectModelOutputs(Model::load(tiny), Dataset::loadCsv(diabetes, {})),
                     InputError,
                     "model '" + tiny + "' rejected input tensor 'features' [1, 10] from '"
                         + diabetes + "'; its first weight 'hidden.weight' [6, 4] takes 4 "
                                      "features, the data has 10; libtorch said: ");
}

void TestLoaders::convolutionalModelDoesNotClaimAWidth()
{
    // The first 2-D weight is the classifier's fc.weight [10, 256]; "takes 256 features" was
    // wrong (the model takes 64 values per row). The first weight is the convolution's: it
    // knows the channels, not the width.
    const std::string model = bht::data("cnn.pt");
    const std::string dataPath = bht::data("four_features.csv");
    BH_THROWS(Problem(Model::load(model), Dataset::loadCsv(dataPath, {}), {}), InputError,
              "model '" + model + "' rejected input tensor 'features' [8, 4] from '" + dataPath
                  + "'; its first weight 'conv.weight' [4, 1, 3, 3] is a 2-D convolution's "
                    "(images with 1 channel), so the number of features a row needs cannot be "
                    "read from the weights; libtorch said: RuntimeError: shape '[-1, 1, 8, 8]' "
                    "is invalid for input of size 32");
}

void TestLoaders::rawScaleModelIsWarnedAbout()
{
    // raw_linear.pt was fitted to raw_scales.csv's raw values (x1 ≈ 1000, x2 ≈ 0.01).
    const std::string path = bht::data("raw_scales.csv");
    DatasetOptions d;
    d.validationFraction = 0.0;
    Problem standardised(Model::load(bht::data("raw_linear.pt")), Dataset::loadCsv(path, d), {});
    BH_COMPARE_TEXT(standardised.summary().featureScaleWarning,
                    "the model fits the raw feature values better than the standardised ones "
                    "(loss 0.00236525 on raw, 41574.3 on standardised features, first 60 "
                    "training rows): its first layer looks fitted to raw scales; probe it "
                    "without standardising the features (--no-standardize, or untick "
                    "'Standardise features')");
    d.standardizeFeatures = false;
    Problem raw(Model::load(bht::data("raw_linear.pt")), Dataset::loadCsv(path, d), {});
    BH_COMPARE_TEXT(raw.summary().featureScaleWarning, "");
    // Models trained on standardised features are not warned about.
    Problem example(Model::load(bht::example("diabetes/diabetes_mlp.pt")),
                    Dataset::loadCsv(bht::example("diabetes/diabetes.csv"), {}), {});
    BH_COMPARE_TEXT(example.summary().featureScaleWarning, "");
    Problem linear(Model::load(bht::data("linear.pt")),
                   Dataset::loadCsv(bht::data("four_features.csv"), {}), {});
    BH_COMPARE_TEXT(linear.summary().featureScaleWarning, "");
    // The report says how the features were scaled, and warns.
    ProbeSettings quick;
    quick.directionKinds = {};
    quick.power = quick.lanczos = quick.trace = quick.sharpness = false;
    const auto text = formatSummary(runProbes(standardised, quick));
    QVERIFY(text.find("  scaling    features standardised (mean and std of the training rows), "
                      "targets raw\n") != std::string::npos);
    QVERIFY(text.find("  WARNING    the model fits the raw feature values better")
            != std::string::npos);
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
             &TestLoaders::nonFiniteModelIsNamed, &TestLoaders::memoryIsEstimatedBeforeProbing,
             &TestLoaders::tupleOutputIsChosen, &TestLoaders::dictOutputIsChosenByKey,
             &TestLoaders::outputsAreListedOnOneRow,
             &TestLoaders::convolutionalModelDoesNotClaimAWidth,
             &TestLoaders::rawScaleModelIsWarnedAbout)

#ifdef BOREHOLE_TEST_WITH_QT
#include "test_loaders.moc"
#endif
