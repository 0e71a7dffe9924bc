#include "colourmenu.h"

#include "plotstyle.h"

#include <QActionGroup>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <cmath>

namespace borehole {

namespace {

const QString kMapKey = QStringLiteral("colour/map");
const QString kLockedKey = QStringLiteral("colour/locked");
const QString kMinKey = QStringLiteral("colour/min");
const QString kMaxKey = QStringLiteral("colour/max");

/// A number as the user typed it: in their locale ("1,5" in German) or in C form ("1.5", "1e-3").
std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    double v = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok)
        v = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

ColourScale storedColourScale()
{
    QSettings settings;
    ColourScale s;
    if (auto map = colourMapFromKey(settings.value(kMapKey).toString()))
        s.map = *map;
    bool okMin = false;
    bool okMax = false;
    const double min = settings.value(kMinKey).toDouble(&okMin);
    const double max = settings.value(kMaxKey).toDouble(&okMax);
    s.locked = settings.value(kLockedKey).toBool() && okMin && okMax;
    if (s.locked) {
        s.min = min;
        s.max = max;
        s.locked = s.validLock();
    }
    return s;
}

ColourMenu::ColourMenu(std::function<std::optional<std::pair<double, double>>()> dataRange,
                       QWidget* parent)
    : QMenu(tr("C&olour"), parent), m_dataRange(std::move(dataRange)),
      m_scale(storedColourScale())
{
    m_maps = new QActionGroup(this);
    m_maps->setExclusive(true);
    for (ColourMapKind kind : kColourMaps) {
        QAction* a = addAction(colourMapName(kind));
        a->setCheckable(true);
        a->setData(colourMapKey(kind));
        m_maps->addAction(a);
        connect(a, &QAction::triggered, this, [this, kind] {
            ColourScale s = m_scale;
            s.map = kind;
            setScale(s);
        });
    }
    addSeparator();
    m_lock = addAction(tr("&Lock Range to Shown Data"));
    m_lock->setCheckable(true);
    m_lock->setToolTip(tr("Colour every probe on the loss range shown now, so that probes "
                          "compare by colour; uncheck to colour each probe over its own range"));
    connect(m_lock, &QAction::triggered, this, [this](bool on) {
        if (on) {
            if (!lockToShownData())
                syncChecks(); // nothing shown: stays unlocked
        } else {
            ColourScale s = m_scale;
            s.locked = false;
            setScale(s);
        }
    });
    addAction(tr("Set &Range…"), this, &ColourMenu::askRange);
    syncChecks();
}

void ColourMenu::setScale(const ColourScale& scale)
{
    ColourScale s = scale;
    s.locked = s.validLock();
    const bool changed = s != m_scale;
    m_scale = s;
    syncChecks();
    if (!changed)
        return;
    QSettings settings;
    settings.setValue(kMapKey, colourMapKey(s.map));
    settings.setValue(kLockedKey, s.locked);
    if (s.locked) {
        settings.setValue(kMinKey, s.min);
        settings.setValue(kMaxKey, s.max);
    }
    emit scaleChanged(m_scale);
}

bool ColourMenu::lockToShownData()
{
    const auto range = m_dataRange ? m_dataRange() : std::nullopt;
    if (!range || !(range->first < range->second))
        return false;
    ColourScale s = m_scale;
    s.locked = true;
    s.min = range->first;
    s.max = range->second;
    setScale(s);
    return true;
}

QString ColourMenu::parseRange(const QString& low, const QString& high, double* min, double* max)
{
    const auto lo = parseNumber(low);
    if (!lo)
        return tr("The lowest value '%1' is not a number.").arg(low.trimmed());
    const auto hi = parseNumber(high);
    if (!hi)
        return tr("The highest value '%1' is not a number.").arg(high.trimmed());
    if (!(*lo < *hi))
        return tr("The lowest value must be below the highest.");
    *min = *lo;
    *max = *hi;
    return {};
}

void ColourMenu::askRange()
{
    QDialog dialog(parentWidget());
    dialog.setWindowTitle(tr("Colour Range"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* intro = new QLabel(tr("Colour the loss between these values in the 3D view, the heatmap "
                                "and the PCA map; values outside take the end colours."),
                             &dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    const auto shown = m_dataRange ? m_dataRange() : std::nullopt;
    const double lo = m_scale.locked ? m_scale.min : (shown ? shown->first : 0.0);
    const double hi = m_scale.locked ? m_scale.max : (shown ? shown->second : 1.0);
    auto* low = new QLineEdit(QLocale().toString(lo, 'g', 6), &dialog);
    auto* high = new QLineEdit(QLocale().toString(hi, 'g', 6), &dialog);
    form->addRow(tr("Lowest value:"), low);
    form->addRow(tr("Highest value:"), high);
    layout->addLayout(form);
    auto* error = new QLabel(&dialog);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    error->setWordWrap(true);
    error->hide();
    layout->addWidget(error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        double min = 0.0;
        double max = 0.0;
        const QString why = parseRange(low->text(), high->text(), &min, &max);
        if (!why.isEmpty()) {
            error->setText(why);
            error->show();
            return;
        }
        ColourScale s = m_scale;
        s.locked = true;
        s.min = min;
        s.max = max;
        setScale(s);
        dialog.accept();
    });
    dialog.exec();
}

void ColourMenu::syncChecks()
{
    for (QAction* a : m_maps->actions())
        a->setChecked(a->data().toString() == colourMapKey(m_scale.map));
    m_lock->setChecked(m_scale.locked);
    m_lock->setText(m_scale.locked
                        ? tr("&Lock Range to Shown Data (locked: %1 to %2)")
                              .arg(QLocale().toString(m_scale.min, 'g', 4),
                                   QLocale().toString(m_scale.max, 'g', 4))
                        : tr("&Lock Range to Shown Data"));
}

} // namespace borehole
