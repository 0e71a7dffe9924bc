#include "studykeys.h"

#include "studydashboard.h"

#include <borehole/study.h>

#include <QComboBox>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <utility>

namespace borehole {

namespace {

// The translation context of the key labels and notes.
class StudyKeys
{
    Q_DECLARE_TR_FUNCTIONS(StudyKeys)
};

} // namespace

double studyValue(const RankedConfiguration& row, const QString& key)
{
    if (const double v = hyperparameterValue(row.record.hyper, key.toStdString()); !std::isnan(v))
        return v;
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (key == kPredictedKey)
        return row.predicted;
    if (key == kPromisingnessKey)
        return row.promisingness;
    if (key == kOutcomeKey)
        return row.outcome ? *row.outcome : kNaN;
    return row.record.feature(key.toStdString());
}

QString studyKeyUnit(const QString& key)
{
    if (key == QLatin1String("learning_rate") || key == QLatin1String("weight_decay"))
        return StudyKeys::tr("log scale");
    if (key == QLatin1String("lambda_max") || key == QLatin1String("trace")
        || key.startsWith(QLatin1String("curvature_")))
        return StudyKeys::tr("loss / parameter-unit²");
    if (key == QLatin1String("batch_size"))
        return StudyKeys::tr("examples");
    if (key == QLatin1String("lr_lambda_max") || key == QLatin1String("eos_ratio"))
        return StudyKeys::tr("dimensionless");
    return {};
}

QString studyKeyLabel(const QString& key)
{
    static const QString curvature = QStringLiteral("curvature_");
    if (key.startsWith(curvature))
        return StudyKeys::tr("FD curvature (%1 directions)").arg(key.mid(curvature.size()));
    const std::pair<const char*, QString> labels[] = {
        {"learning_rate", StudyKeys::tr("Learning rate")},
        {"weight_decay", StudyKeys::tr("Weight decay")},
        {"momentum", StudyKeys::tr("Momentum")},
        {"batch_size", StudyKeys::tr("Batch size")},
        {"sam_rho", StudyKeys::tr("SAM ρ")},
        {"init_scale", StudyKeys::tr("Initial weight scale")},
        {"burst_initial_loss", StudyKeys::tr("Loss before the burst")},
        {"burst_final_loss", StudyKeys::tr("Loss after the burst")},
        {"burst_loss_delta", StudyKeys::tr("Loss change over the burst")},
        {"burst_log_loss_ratio", StudyKeys::tr("log(loss after / before the burst)")},
        {"burst_validation_metric", StudyKeys::tr("Validation metric after the burst")},
        {"gradient_norm", StudyKeys::tr("Gradient norm ‖∇L‖")},
        {"lambda_max", StudyKeys::tr("λmax")},
        {"lr_lambda_max", StudyKeys::tr("lr·λmax")},
        {"eos_bound", StudyKeys::tr("Stability bound B/lr")},
        {"eos_ratio", StudyKeys::tr("λmax / stability bound")},
        {"trace", StudyKeys::tr("tr(H)")},
        {"sharpness", StudyKeys::tr("Perturbation sensitivity")},
        {"predicted", StudyKeys::tr("Predicted outcome")},
        {"promisingness", StudyKeys::tr("Promisingness")},
        {"outcome", StudyKeys::tr("Measured outcome")},
    };
    for (const auto& [k, label] : labels)
        if (key == QLatin1String(k))
            return label;
    return key;
}

QStringList studyColourKeys(const StudyRows& rows)
{
    std::set<std::string> features;
    for (const auto& [id, row] : rows)
        for (const auto& [name, value] : row.record.features)
            features.insert(name);
    QStringList keys;
    for (const auto& f : features)
        keys << QString::fromStdString(f);
    return keys + QStringList{kPredictedKey, kPromisingnessKey, kOutcomeKey};
}

QStringList studyAxisKeys(const StudyRows& rows)
{
    QStringList keys;
    for (const auto& name : hyperparameterNames())
        if (name != "optimizer")
            keys << QString::fromStdString(name);
    return keys + studyColourKeys(rows);
}

void fillKeyCombo(QComboBox* box, const QStringList& keys, const QString& fallback)
{
    const QString key = box->currentData().toString();
    const QString current = key.isEmpty() ? fallback : key;
    const QSignalBlocker block(box);
    box->clear();
    for (const QString& k : keys) {
        box->addItem(studyKeyLabel(k), k);
        box->setItemData(box->count() - 1, k, Qt::ToolTipRole);
    }
    const int i = box->findData(current);
    box->setCurrentIndex(i >= 0 ? i : std::max(0, box->findData(fallback)));
}

QString missingColourNote(const QString& key, const std::vector<double>& values)
{
    if (values.empty()
        || std::any_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }))
        return {};
    if (key == kPredictedKey)
        return StudyKeys::tr("Grey: no predicted outcomes yet. The meta-model predicts outcomes "
                             "once configurations have full runs (Train selected / Train next "
                             "N).");
    if (key == kOutcomeKey)
        return StudyKeys::tr("Grey: no measured outcomes yet. Train configurations fully (Train "
                             "selected / Train next N).");
    return StudyKeys::tr("Grey: no probed configuration has a value for %1.")
        .arg(studyKeyLabel(key));
}

} // namespace borehole
