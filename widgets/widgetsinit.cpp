#include "widgetsinit.h"

#include "probeworker.h"

#include <QGuiApplication>
#include <QOpenGLContext>
#include <QSurfaceFormat>

#include <vtkGenericOpenGLRenderWindow.h>

static void initResources()
{
    Q_INIT_RESOURCE(borehole);
}

namespace borehole {

void installDefaultSurfaceFormat()
{
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setDepthBufferSize(24);
    format.setAlphaBufferSize(8);
    format.setStencilBufferSize(0);
    format.setSamples(0);
    // No vsync wait in swapBuffers(): a repaint must never block the GUI thread for a frame.
    format.setSwapInterval(0);
    QSurfaceFormat::setDefaultFormat(format);
}

bool openGLWidgetsAvailable(QString* why)
{
    const QString platform = QGuiApplication::platformName();
    // These plugins lack the raster-GL surface QOpenGLWidget composes through (Qt's own check is
    // private API: QPlatformIntegration::RasterGLSurface).
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal")) {
        if (why)
            *why = QStringLiteral("the Qt platform '%1' cannot show OpenGL widgets").arg(platform);
        return false;
    }
    QOpenGLContext context;
    if (!context.create()) {
        if (why)
            *why = QStringLiteral("no OpenGL context can be created on the Qt platform '%1'")
                       .arg(platform);
        return false;
    }
    return true;
}

void initBoreholeWidgets()
{
    initResources();
    registerProbeMetaTypes();
}

} // namespace borehole
