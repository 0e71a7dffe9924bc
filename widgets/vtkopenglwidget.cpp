#include "vtkopenglwidget.h"

#include <QOpenGLContext>
#include <QOpenGLFunctions>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

namespace borehole {

struct VtkOpenGLWidget::Impl
{
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkGenericRenderWindowInteractor> interactor;
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    vtkNew<vtkCallbackCommand> renderRequest;
    vtkNew<vtkCallbackCommand> contextQuery;
    bool initialized = false;
    bool software = false;
    int renders = 0;
};

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent) : QOpenGLWidget(parent), d(std::make_unique<Impl>())
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(160, 120);

    d->window->AddRenderer(d->renderer);
    d->window->SetMultiSamples(0);
    d->window->SetReadyForRendering(false);
    d->window->SetOwnContext(false);
    d->window->SetFrameBlitModeToBlitToCurrent();
    d->window->SetForceMaximumHardwareLineWidth(1);

    // The interactor must not render on its own (the context may not be current); it asks Qt
    // for a repaint instead, and VTK renders in paintGL().
    d->interactor->SetRenderWindow(d->window);
    d->interactor->SetInteractorStyle(d->style);
    d->interactor->EnableRenderOff();
    d->renderRequest->SetClientData(this);
    d->renderRequest->SetCallback([](vtkObject*, unsigned long, void* self, void*) {
        static_cast<VtkOpenGLWidget*>(self)->update();
    });
    d->interactor->AddObserver(vtkCommand::RenderEvent, d->renderRequest);

    d->contextQuery->SetClientData(this);
    d->contextQuery->SetCallback([](vtkObject*, unsigned long event, void* self, void* callData) {
        auto* w = static_cast<VtkOpenGLWidget*>(self);
        if (event == vtkCommand::WindowMakeCurrentEvent) {
            if (w->context() && QOpenGLContext::currentContext() != w->context())
                w->makeCurrent();
        } else if (event == vtkCommand::WindowIsCurrentEvent) {
            *static_cast<bool*>(callData) =
                w->context() && QOpenGLContext::currentContext() == w->context();
        }
    });
    d->window->AddObserver(vtkCommand::WindowMakeCurrentEvent, d->contextQuery);
    d->window->AddObserver(vtkCommand::WindowIsCurrentEvent, d->contextQuery);
}

VtkOpenGLWidget::~VtkOpenGLWidget()
{
    // QOpenGLWidget's destructor destroys the context after this body and after d is gone; its
    // aboutToBeDestroyed must not call releaseGraphics() on the half-destroyed widget then.
    if (context())
        disconnect(context(), &QOpenGLContext::aboutToBeDestroyed, this,
                   &VtkOpenGLWidget::releaseGraphics);
    releaseGraphics();
}

void VtkOpenGLWidget::releaseGraphics()
{
    if (!d->initialized)
        return;
    if (context()) {
        makeCurrent();
        d->window->SetIsCurrent(true);
        d->window->ReleaseGraphicsResources(d->window);
        d->window->Finalize();
        doneCurrent();
    }
    d->initialized = false;
}

vtkRenderer* VtkOpenGLWidget::renderer() const
{
    return d->renderer;
}

vtkRenderWindow* VtkOpenGLWidget::renderWindow() const
{
    return d->window;
}

bool VtkOpenGLWidget::softwareRendering() const
{
    return d->software;
}

int VtkOpenGLWidget::renderCount() const
{
    return d->renders;
}

void VtkOpenGLWidget::initializeGL()
{
    if (d->initialized)
        releaseGraphics();
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this,
            &VtkOpenGLWidget::releaseGraphics, Qt::DirectConnection);
    // A software rasteriser (Mesa's llvmpipe under Xvfb or in a VM, SwiftShader) draws every
    // frame on the CPU: tens of milliseconds for a surface.
    const auto* renderer = reinterpret_cast<const char*>(
        context()->functions()->glGetString(GL_RENDERER));
    const QByteArray name = renderer ? QByteArray(renderer).toLower() : QByteArray();
    d->software = name.contains("llvmpipe") || name.contains("softpipe")
                  || name.contains("swiftshader") || name.contains("software rasterizer");
    d->window->SetIsCurrent(true);
    d->window->SetMapped(1);
    d->window->SetIsDirect(1);
    d->window->SetSupportsOpenGL(1);
    d->window->InitializeFromCurrentContext();
    d->window->SetIsCurrent(false);
    d->initialized = true;
    d->interactor->Initialize();
}

void VtkOpenGLWidget::resizeGL(int w, int h)
{
    const qreal ratio = devicePixelRatioF();
    const int pw = static_cast<int>(w * ratio);
    const int ph = static_cast<int>(h * ratio);
    d->window->SetSize(pw, ph);
    d->interactor->UpdateSize(pw, ph);
}

void VtkOpenGLWidget::paintGL()
{
    if (!d->initialized)
        return;
    const qreal ratio = devicePixelRatioF();
    const int pw = static_cast<int>(width() * ratio);
    const int ph = static_cast<int>(height() * ratio);
    if (d->window->GetSize()[0] != pw || d->window->GetSize()[1] != ph) {
        d->window->SetSize(pw, ph);
        d->interactor->UpdateSize(pw, ph);
    }
    // Qt changed GL state (bound its framebuffer, viewport) behind VTK's state cache.
    d->window->GetState()->Reset();
    d->window->GetState()->Push();
    d->window->SetIsCurrent(true);
    d->window->SetReadyForRendering(true);
    d->window->Render();
    d->window->SetReadyForRendering(false);
    d->window->SetIsCurrent(false);
    d->window->GetState()->Pop();
    ++d->renders;
}

QImage VtkOpenGLWidget::renderToImage()
{
    // grabFramebuffer() renders through paintGL() into the widget's framebuffer.
    return grabFramebuffer();
}

namespace {

void setEventPosition(vtkGenericRenderWindowInteractor* rwi, const QPointF& pos, qreal ratio,
                      int heightPx, Qt::KeyboardModifiers modifiers, int repeat = 0)
{
    rwi->SetEventInformationFlipY(static_cast<int>(pos.x() * ratio),
                                  static_cast<int>(pos.y() * ratio),
                                  (modifiers & Qt::ControlModifier) ? 1 : 0,
                                  (modifiers & Qt::ShiftModifier) ? 1 : 0, 0, repeat);
    rwi->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
    (void)heightPx;
}

} // namespace

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event)
{
    setEventPosition(d->interactor, event->position(), devicePixelRatioF(), height(),
                     event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton: d->interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent); break;
    case Qt::MiddleButton: d->interactor->InvokeEvent(vtkCommand::MiddleButtonPressEvent); break;
    case Qt::RightButton: d->interactor->InvokeEvent(vtkCommand::RightButtonPressEvent); break;
    default: break;
    }
    event->accept();
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event)
{
    setEventPosition(d->interactor, event->position(), devicePixelRatioF(), height(),
                     event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton: d->interactor->InvokeEvent(vtkCommand::LeftButtonReleaseEvent); break;
    case Qt::MiddleButton: d->interactor->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent); break;
    case Qt::RightButton: d->interactor->InvokeEvent(vtkCommand::RightButtonReleaseEvent); break;
    default: break;
    }
    event->accept();
}

void VtkOpenGLWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    setEventPosition(d->interactor, event->position(), devicePixelRatioF(), height(),
                     event->modifiers(), 1);
    if (event->button() == Qt::LeftButton)
        d->interactor->InvokeEvent(vtkCommand::LeftButtonDoubleClickEvent);
    event->accept();
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event)
{
    setEventPosition(d->interactor, event->position(), devicePixelRatioF(), height(),
                     event->modifiers());
    d->interactor->InvokeEvent(vtkCommand::MouseMoveEvent);
    event->accept();
    if (event->buttons() == Qt::NoButton) {
        const double ratio = devicePixelRatioF();
        // Flipped as SetEventInformationFlipY does: y from the bottom row of device pixels.
        emit pointerMoved(QPoint(static_cast<int>(event->position().x() * ratio),
                                 static_cast<int>(height() * ratio)
                                     - static_cast<int>(event->position().y() * ratio) - 1));
    }
}

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event)
{
    setEventPosition(d->interactor, event->position(), devicePixelRatioF(), height(),
                     event->modifiers());
    const int delta = event->angleDelta().y();
    if (delta > 0)
        d->interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
    else if (delta < 0)
        d->interactor->InvokeEvent(vtkCommand::MouseWheelBackwardEvent);
    event->accept();
}

void VtkOpenGLWidget::keyPressEvent(QKeyEvent* event)
{
    const QString text = event->text();
    const char key = text.isEmpty() ? 0 : text.at(0).toLatin1();
    d->interactor->SetKeyEventInformation((event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                          (event->modifiers() & Qt::ShiftModifier) ? 1 : 0, key,
                                          event->isAutoRepeat() ? 1 : 0);
    d->interactor->InvokeEvent(vtkCommand::KeyPressEvent);
    // No key reaches the style's CharEvent: 'w'/'s' would change actors behind the view's
    // toggles, 'q'/'e' would try to exit the interactor's event loop, and 'r' only re-fits the
    // bounds. R is the view's own reset (the documented default view, like Ctrl+0).
    if (key == 'r' || key == 'R')
        emit resetCameraRequested();
    QOpenGLWidget::keyPressEvent(event);
}

void VtkOpenGLWidget::keyReleaseEvent(QKeyEvent* event)
{
    d->interactor->InvokeEvent(vtkCommand::KeyReleaseEvent);
    QOpenGLWidget::keyReleaseEvent(event);
}

void VtkOpenGLWidget::enterEvent(QEnterEvent* event)
{
    d->interactor->InvokeEvent(vtkCommand::EnterEvent);
    QOpenGLWidget::enterEvent(event);
}

void VtkOpenGLWidget::leaveEvent(QEvent* event)
{
    d->interactor->InvokeEvent(vtkCommand::LeaveEvent);
    emit pointerLeft();
    QOpenGLWidget::leaveEvent(event);
}

} // namespace borehole
