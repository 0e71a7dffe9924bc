#pragma once
// The keys the study views plot and colour by: a hyperparameter ("learning_rate", "momentum",
// ...; hyperparameterNames() without the optimizer), a probe feature ("lambda_max", "trace",
// "curvature_8", ...) or a score ("predicted", "promisingness", "outcome"). One place says what
// a key's value is for a configuration (NaN when it has none), what users read for it and in
// which unit, so that the map, the PCA plot and the report agree. Keys stay the database's and
// JSON exports' names; labels go through tr().
#include <borehole/study_runner.h>

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <vector>

class QComboBox;

namespace borehole {

/// The probed configurations by id, as the study views receive them.
using StudyRows = std::map<std::int64_t, RankedConfiguration>;

inline const QString kPredictedKey = QStringLiteral("predicted");
inline const QString kPromisingnessKey = QStringLiteral("promisingness");
inline const QString kOutcomeKey = QStringLiteral("outcome");

/// The row's value for `key`: its hyperparameter, score or probe feature; NaN when missing.
double studyValue(const RankedConfiguration& row, const QString& key);
/// What a user reads for the key; the key itself for names this build does not know.
QString studyKeyLabel(const QString& key);
/// The key's unit (or "log scale" for rates and decays); empty when it has none.
QString studyKeyUnit(const QString& key);
/// Keys a dot can be coloured by: the rows' features (sorted), then the three scores.
QStringList studyColourKeys(const StudyRows& rows);
/// Keys an axis can show: the hyperparameters but the optimizer, then studyColourKeys().
QStringList studyAxisKeys(const StudyRows& rows);
/// Refills `box` with the keys (items show labels and carry their keys) without emitting
/// currentIndexChanged; the current key survives a refill, else `fallback`, else the first.
void fillKeyCombo(QComboBox* box, const QStringList& keys, const QString& fallback);
/// Why every dot coloured by `key` is grey (no value of `values` is finite), or empty.
QString missingColourNote(const QString& key, const std::vector<double>& values);

} // namespace borehole
