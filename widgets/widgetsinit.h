#pragma once
// Process-wide set-up for the widgets library, shared by the application and the test mains.

namespace borehole {

/// Makes a 3.2 core-profile OpenGL context (what VTK's OpenGL2 backend needs) the default for
/// every QOpenGLWidget. Must run before the QApplication is created.
void installDefaultSurfaceFormat();

/// Registers the icons (resources/borehole.qrc, linked into this static library) and the meta
/// types that cross threads. Call once after the QApplication exists.
void initBoreholeWidgets();

} // namespace borehole
