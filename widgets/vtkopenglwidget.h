#pragma once
// The VTK-in-Qt 6 bridge. Debian's VTK Qt module targets Qt 5, so this widget drives a
// vtkGenericOpenGLRenderWindow from a QOpenGLWidget's context itself: VTK renders inside
// paintGL() into the widget's framebuffer, and mouse, wheel and key events are forwarded to a
// vtkGenericRenderWindowInteractor with a trackball-camera style. VTK types stay out of this
// header except as forward declarations.
#include <QImage>
#include <QOpenGLWidget>

#include <memory>

class vtkRenderer;
class vtkRenderWindow;

namespace borehole {

class VtkOpenGLWidget : public QOpenGLWidget
{
    Q_OBJECT
public:
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    vtkRenderer* renderer() const;
    vtkRenderWindow* renderWindow() const;

    /// Schedules a render on the next paint (coalesced by Qt's update()).
    void requestRender() { update(); }
    /// Renders now (at the widget's size) and returns the image, without showing it on screen
    /// being required beyond the widget having a valid size.
    QImage renderToImage();

    /// Number of paintGL() calls that rendered, for tests.
    int renderCount() const;
    /// The OpenGL renderer is a software rasteriser (llvmpipe, softpipe, SwiftShader): every
    /// frame costs tens of milliseconds of CPU. False until the widget was first shown.
    bool softwareRendering() const;

signals:
    /// The user pressed R: the owning view returns its camera to its default view. (VTK's own
    /// 'r' only re-fits the bounds and keeps the direction the user turned to.)
    void resetCameraRequested();
    /// The pointer moved with no button held (display coordinates: device pixels from the
    /// bottom left, as VTK's pickers take them), or left the widget (pointerLeft).
    void pointerMoved(QPoint display);
    void pointerLeft();

protected:
    void initializeGL() override;
    void paintGL() override;
    void resizeGL(int w, int h) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void releaseGraphics();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace borehole
