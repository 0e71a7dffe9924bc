#include "widgetsinit.h"

#include "probeworker.h"

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

void initBoreholeWidgets()
{
    initResources();
    registerProbeMetaTypes();
}

} // namespace borehole
