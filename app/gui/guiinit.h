#pragma once
// Application identity (organisation and name used by QSettings) and translations.
#include <QString>

class QApplication;

namespace borehole {

/// Sets organisation/application names and loads the translation for `locale` (the system
/// locale when empty) from the installed or build-tree translations folder. Returns the
/// language loaded ("en" when none matched).
QString initGuiApplication(QApplication& app, const QString& locale = {});

} // namespace borehole
