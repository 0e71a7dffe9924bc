#pragma once
// The 2D loss landscape as a warped, colour-mapped 3D surface (VTK through VtkOpenGLWidget):
// scalar bar, axes titled with the direction names and units, the current θ marked at the
// origin, optional contour lines on the floor, wireframe and log-z toggles, PNG export.
#include "colormap.h"

#include <borehole/landscape.h>

#include <QImage>
#include <QPoint>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <array>
#include <memory>
#include <utility>
#include <vector>

class QAction;
class QToolBar;

namespace borehole {

class VtkOpenGLWidget;

class SurfaceView : public QWidget
{
    Q_OBJECT
public:
    explicit SurfaceView(QWidget* parent = nullptr);
    ~SurfaceView() override;

    /// Shows `grid` (replacing what was shown). The camera is reset when the axes change (names
    /// or ranges); an update of the same map — a study growing live, a refined probe — keeps the
    /// view the user turned to.
    void setGrid(const Grid2D& grid);
    void clear();
    bool hasData() const;
    /// Number of grid points currently shown.
    std::size_t pointCount() const;

    /// Polylines drawn in red on the floor, in the grid's axis units (e.g. a stability bound
    /// over two hyperparameters); kept across setGrid() until replaced.
    void setFloorLines(const std::vector<std::vector<std::pair<double, double>>>& lines);
    std::size_t floorLineCount() const;
    /// The red sphere and stem that mark θ at the origin (on by default; off where the origin
    /// means nothing, as on a study map).
    void setOriginMarkerVisible(bool visible);

    bool wireframe() const;
    bool logZ() const;
    bool contours() const;

    /// Renders the current view at the widget's size.
    QImage renderImage();
    /// Writes renderImage() as PNG atomically; returns false with `error` set on failure.
    bool exportPng(const QString& path, QString* error = nullptr);

    /// The colour map and a locked loss range (the surface keeps its heights from the data;
    /// only the colours follow the locked range, so several probes share one colour scale).
    void setColourScale(const ColourScale& scale);
    const ColourScale& colourScale() const;
    /// The value range the colours span now (the locked range, else the data's; log₁₀ under
    /// log z), for tests and the legend.
    std::pair<double, double> colourRange() const;
    /// The x and y axis titles drawn (the axes' names; empty without a grid) and the caption of
    /// their units in the view's top-left corner ("α, β: × filter-normalised direction").
    QStringList axisTitles() const;
    QString axisUnits() const;
    /// Whether the z axis prints its labels: not in views under kMinZLabelHeight pixels high,
    /// where VTK's six or so labels overlap (the colour bar carries the scale there).
    bool zLabelsShown() const;
    static constexpr int kMinZLabelHeight = 300;
    /// The grid point under a display position (VTK display coordinates: device pixels from the
    /// bottom left), as "name = value" lines for both axes and the value; empty off the surface.
    QString readoutAt(QPoint display);
    /// Where grid point (ix, iy) is drawn, in display coordinates (for tests of the readout).
    QPoint displayPositionOf(std::size_t ix, std::size_t iy);
    /// The readout shown in the view's corner now (empty when the pointer is off the surface).
    QString currentReadout() const;
    VtkOpenGLWidget* canvas() const { return m_canvas; }
    QToolBar* toolBar() const { return m_toolBar; }

public slots:
    void setWireframe(bool on);
    void setLogZ(bool on);
    void setContours(bool on);
    void resetCamera();
    /// Turns the camera about the view-up axis by `degrees` (as a horizontal mouse drag does).
    void azimuth(double degrees);
    /// The camera's position in world coordinates.
    std::array<double, 3> cameraPosition() const;

signals:
    /// The user asked for an export; the owner picks the file.
    void exportRequested();
    /// The pointer moved over (text) or off (empty) the surface: the grid point's readout.
    void readoutChanged(const QString& text);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void fillLookupTable();
    void onPointerMoved(QPoint display);
    struct Impl;
    std::unique_ptr<Impl> d;
    VtkOpenGLWidget* m_canvas = nullptr;
    QToolBar* m_toolBar = nullptr;
    QAction* m_wireframeAction = nullptr;
    QAction* m_logAction = nullptr;
    QAction* m_contourAction = nullptr;
};

/// VTK's bundled fonts lack Greek letters and subscripts: "α (d₁)" becomes "alpha (d1)".
/// Used only when no Unicode font file is found (see unicodeFontFile()).
QString asciiForVtk(const QString& text);
/// A TrueType font with Greek letters and subscripts for VTK's text (DejaVu Sans, Liberation
/// Sans, Noto Sans — the first that exists; BOREHOLE_VTK_FONT overrides), or empty.
QString unicodeFontFile();

} // namespace borehole
