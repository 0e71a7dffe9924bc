#pragma once
// Process-wide set-up for the widgets library, shared by the application and the test mains.
#include <QString>

namespace borehole {

/// Makes a 3.2 core-profile OpenGL context (what VTK's OpenGL2 backend needs) the default for
/// every QOpenGLWidget. Must run before the QApplication is created.
void installDefaultSurfaceFormat();

/// Registers the icons (resources/borehole.qrc, linked into this static library) and the meta
/// types that cross threads. Call once after the QApplication exists.
void initBoreholeWidgets();

/// Whether this platform can show the OpenGL widgets of the 3D views. Qt's offscreen and
/// minimal platforms cannot ("QOpenGLWidget is not supported on this platform"), and Qt 6.4
/// then crashes in its backing-store flush as soon as such a window is shown; a platform on which
/// no OpenGL context can be created cannot either. False with the reason in `why`. Call after
/// the QApplication exists.
bool openGLWidgetsAvailable(QString* why = nullptr);

} // namespace borehole
