#include "surfaceview.h"

#include "colormap.h"
#include "exportutil.h"
#include "plotstyle.h"
#include "vtkopenglwidget.h"

#include <QAction>
#include <QFileInfo>
#include <QIcon>
#include <QResizeEvent>
#include <QToolBar>
#include <QVBoxLayout>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellPicker.h>
#include <vtkContourFilter.h>
#include <vtkCubeAxesActor.h>
#include <vtkDoubleArray.h>
#include <vtkLineSource.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace borehole {

QString asciiForVtk(const QString& text)
{
    static const std::pair<const char*, const char*> map[] = {
        {"α", "alpha"}, {"β", "beta"},  {"θ", "theta"}, {"ε", "eps"}, {"ρ", "rho"},
        {"λ", "lambda"}, {"∇", "grad "}, {"‖", "||"},   {"×", "x"},   {"₀", "0"},
        {"₁", "1"},     {"₂", "2"},     {"₃", "3"},     {"²", "^2"},  {"−", "-"},
        {"·", "*"},     {"ä", "ae"},    {"ö", "oe"},    {"ü", "ue"},  {"ß", "ss"}};
    QString out = text;
    for (const auto& [from, to] : map)
        out.replace(QString::fromUtf8(from), QString::fromUtf8(to));
    return out;
}

QString unicodeFontFile()
{
    static const QString found = [] {
        QStringList candidates;
        const QString override = qEnvironmentVariable("BOREHOLE_VTK_FONT");
        if (!override.isEmpty())
            candidates << override;
        candidates << QStringLiteral("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
                   << QStringLiteral("/usr/share/fonts/TTF/DejaVuSans.ttf")
                   << QStringLiteral("/usr/share/fonts/dejavu/DejaVuSans.ttf")
                   << QStringLiteral("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
                   << QStringLiteral("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
                   << QStringLiteral("/Library/Fonts/Arial Unicode.ttf")
                   << QStringLiteral("C:/Windows/Fonts/arial.ttf");
        for (const QString& path : candidates)
            if (QFileInfo(path).isFile())
                return path;
        return QString();
    }();
    return found;
}

namespace {

/// Text as VTK should draw it: as is with a Unicode font, transliterated without one.
QString vtkText(const QString& text)
{
    return unicodeFontFile().isEmpty() ? asciiForVtk(text) : text;
}

void useUnicodeFont(vtkTextProperty* p)
{
    const QString font = unicodeFontFile();
    if (font.isEmpty())
        return;
    p->SetFontFamily(VTK_FONT_FILE);
    p->SetFontFile(font.toLocal8Bit().constData());
}

/// "α, β: × filter-normalised direction" when both axes share a unit, else one "name: unit"
/// per axis that has one, separated by "; "; empty when neither has a unit.
QString axisUnitsCaption(const QString& xName, const QString& xUnit, const QString& yName,
                         const QString& yUnit)
{
    if (!xUnit.isEmpty() && xUnit == yUnit)
        return QStringLiteral("%1, %2: %3").arg(xName, yName, xUnit);
    QStringList parts;
    if (!xUnit.isEmpty())
        parts << QStringLiteral("%1: %2").arg(xName, xUnit);
    if (!yUnit.isEmpty())
        parts << QStringLiteral("%1: %2").arg(yName, yUnit);
    return parts.join(QStringLiteral("; "));
}

} // namespace

struct SurfaceView::Impl
{
    std::optional<Grid2D> grid;
    /// The axes of the last grid shown, kept by clear(): a grid on the same axes after a clear
    /// (the finished surface after its live rows, the next probe of the same plane) keeps the
    /// camera the user turned to.
    std::optional<std::pair<Axis, Axis>> lastAxes;
    bool wireframe = false;
    bool logZ = false;
    bool contours = true;

    vtkNew<vtkPolyData> surface;
    vtkNew<vtkPolyDataNormals> normals;
    vtkNew<vtkPolyDataMapper> surfaceMapper;
    vtkNew<vtkActor> surfaceActor;
    vtkNew<vtkPolyData> floor;
    vtkNew<vtkContourFilter> contour;
    vtkNew<vtkPolyDataMapper> contourMapper;
    vtkNew<vtkActor> contourActor;
    vtkNew<vtkSphereSource> marker;
    vtkNew<vtkPolyDataMapper> markerMapper;
    vtkNew<vtkActor> markerActor;
    vtkNew<vtkLineSource> stem;
    vtkNew<vtkPolyDataMapper> stemMapper;
    vtkNew<vtkActor> stemActor;
    std::vector<std::vector<std::pair<double, double>>> floorLines;
    bool originMarker = true;
    vtkNew<vtkPolyData> lines;
    vtkNew<vtkPolyDataMapper> linesMapper;
    vtkNew<vtkActor> linesActor;
    vtkNew<vtkLookupTable> lut;
    vtkNew<vtkScalarBarActor> scalarBar;
    vtkNew<vtkCubeAxesActor> axes;
    vtkNew<vtkTextActor> readout;
    /// The axes' units, top left: the 3D titles carry the names only (long titles crossed
    /// below the plot and ran off the view's bottom edge).
    vtkNew<vtkTextActor> unitsCaption;
    vtkNew<vtkSphereSource> hoverMarker; ///< the grid point the readout names
    vtkNew<vtkPolyDataMapper> hoverMapper;
    vtkNew<vtkActor> hoverActor;
    std::optional<std::pair<std::size_t, std::size_t>> hovered;
    vtkNew<vtkCellPicker> picker;
    QString readoutText;
    QStringList axisTitles;
    QString axisUnits;
    ColourScale colourScale;
    std::pair<double, double> colourRange{0.0, 1.0};
    bool actorsAdded = false;
};

SurfaceView::SurfaceView(QWidget* parent) : QWidget(parent), d(std::make_unique<Impl>())
{
    m_canvas = new VtkOpenGLWidget(this);
    connect(m_canvas, &VtkOpenGLWidget::resetCameraRequested, this, &SurfaceView::resetCamera);
    m_toolBar = new QToolBar(this);
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* reset = m_toolBar->addAction(QIcon(QStringLiteral(":/icons/reset-camera.svg")),
                                       tr("Reset camera"), this, &SurfaceView::resetCamera);
    reset->setToolTip(tr("Look at the whole surface from the default angle (R)"));
    m_wireframeAction = m_toolBar->addAction(QIcon(QStringLiteral(":/icons/wireframe.svg")),
                                             tr("Wireframe"));
    m_wireframeAction->setCheckable(true);
    m_wireframeAction->setToolTip(tr("Draw the surface as a wireframe mesh"));
    connect(m_wireframeAction, &QAction::toggled, this, &SurfaceView::setWireframe);
    m_logAction = m_toolBar->addAction(QIcon(QStringLiteral(":/icons/log-scale.svg")), tr("Log z"));
    m_logAction->setCheckable(true);
    m_logAction->setToolTip(
        tr("Height and colour show log₁₀ of the value (shifted to be positive if needed)"));
    connect(m_logAction, &QAction::toggled, this, &SurfaceView::setLogZ);
    m_contourAction = m_toolBar->addAction(QIcon(QStringLiteral(":/icons/contours.svg")),
                                           tr("Floor contours"));
    m_contourAction->setCheckable(true);
    m_contourAction->setChecked(d->contours);
    m_contourAction->setToolTip(tr("Draw contour lines of the value on the floor"));
    connect(m_contourAction, &QAction::toggled, this, &SurfaceView::setContours);
    auto* exportAction = m_toolBar->addAction(QIcon(QStringLiteral(":/icons/export.svg")),
                                              tr("Export PNG…"), this,
                                              &SurfaceView::exportRequested);
    exportAction->setToolTip(tr("Save the current 3D view as a PNG image"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_canvas, 1);

    // Colour map: viridis until the user picks another, shared with the 2D views.
    fillLookupTable();
    connect(m_canvas, &VtkOpenGLWidget::pointerMoved, this, &SurfaceView::onPointerMoved);
    connect(m_canvas, &VtkOpenGLWidget::pointerLeft, this, [this] { onPointerMoved(QPoint(-1, -1)); });
    d->picker->SetTolerance(0.0);
    d->picker->PickFromListOn();
    d->picker->AddPickList(d->surfaceActor);
    d->readout->SetPosition(8, 8);
    d->readout->SetVisibility(false);
    d->readout->GetTextProperty()->SetFontSize(13);
    d->readout->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    d->readout->GetTextProperty()->SetBackgroundColor(1.0, 1.0, 1.0);
    d->readout->GetTextProperty()->SetBackgroundOpacity(0.8);
    d->readout->GetTextProperty()->ShadowOff();
    useUnicodeFont(d->readout->GetTextProperty());
    d->unitsCaption->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    d->unitsCaption->SetPosition(0.012, 0.975);
    d->unitsCaption->GetTextProperty()->SetJustificationToLeft();
    d->unitsCaption->GetTextProperty()->SetVerticalJustificationToTop();
    d->unitsCaption->GetTextProperty()->SetFontSize(12);
    d->unitsCaption->GetTextProperty()->SetColor(0.25, 0.25, 0.25);
    d->unitsCaption->GetTextProperty()->ShadowOff();
    useUnicodeFont(d->unitsCaption->GetTextProperty());
    d->hoverMapper->SetInputConnection(d->hoverMarker->GetOutputPort());
    d->hoverActor->SetMapper(d->hoverMapper);
    d->hoverActor->GetProperty()->SetColor(1.0, 1.0, 1.0);
    d->hoverActor->GetProperty()->SetAmbient(0.6);
    d->hoverActor->SetVisibility(false);
    d->hoverActor->PickableOff();

    d->normals->SetInputData(d->surface);
    d->normals->SplittingOff();
    d->surfaceMapper->SetInputConnection(d->normals->GetOutputPort());
    d->surfaceMapper->SetLookupTable(d->lut);
    d->surfaceMapper->SetScalarModeToUsePointData();
    d->surfaceMapper->ScalarVisibilityOn();
    d->surfaceMapper->SetInterpolateScalarsBeforeMapping(true);
    d->surfaceActor->SetMapper(d->surfaceMapper);
    // Some ambient light keeps the colour readable on faces turned away from the headlight
    // (steep cells of a coarse study map were nearly black).
    d->surfaceActor->GetProperty()->SetAmbient(0.3);
    d->surfaceActor->GetProperty()->SetDiffuse(0.75);
    d->surfaceActor->GetProperty()->SetSpecular(0.2);
    d->surfaceActor->GetProperty()->SetSpecularPower(20);

    d->contour->SetInputData(d->floor);
    d->contourMapper->SetInputConnection(d->contour->GetOutputPort());
    d->contourMapper->SetLookupTable(d->lut);
    d->contourMapper->ScalarVisibilityOn();
    d->contourActor->SetMapper(d->contourMapper);
    d->contourActor->GetProperty()->SetLineWidth(1.5);

    d->markerMapper->SetInputConnection(d->marker->GetOutputPort());
    d->markerActor->SetMapper(d->markerMapper);
    d->markerActor->GetProperty()->SetColor(0.86, 0.1, 0.1);
    d->marker->SetThetaResolution(24);
    d->marker->SetPhiResolution(16);
    d->stemMapper->SetInputConnection(d->stem->GetOutputPort());
    d->stemActor->SetMapper(d->stemMapper);
    d->stemActor->GetProperty()->SetColor(0.86, 0.1, 0.1);
    d->stemActor->GetProperty()->SetLineWidth(2.0);

    d->linesMapper->SetInputData(d->lines);
    d->linesMapper->ScalarVisibilityOff();
    d->linesActor->SetMapper(d->linesMapper);
    d->linesActor->GetProperty()->SetColor(0.8, 0.0, 0.0);
    d->linesActor->GetProperty()->SetLineWidth(2.5);

    d->scalarBar->SetLookupTable(d->lut);
    d->scalarBar->SetNumberOfLabels(5);
    d->scalarBar->SetMaximumWidthInPixels(90);
    d->scalarBar->SetPosition(0.87, 0.12);
    d->scalarBar->SetWidth(0.11);
    d->scalarBar->SetHeight(0.76);
    d->scalarBar->UnconstrainedFontSizeOn();
    d->scalarBar->SetBarRatio(0.3);
    d->scalarBar->SetLabelFormat("%-6.3g");
    // Labels on the bar's left, inside the view: on its right they ran off the view's edge
    // ("2.904e+0…" cut at 535 px, the default window's 3D view).
    d->scalarBar->SetTextPositionToPrecedeScalarBar();
    for (vtkTextProperty* p : {d->scalarBar->GetTitleTextProperty(),
                               d->scalarBar->GetLabelTextProperty()}) {
        p->SetColor(0.1, 0.1, 0.1);
        p->ShadowOff();
        p->ItalicOff();
        p->SetFontSize(12);
    }
    d->scalarBar->GetTitleTextProperty()->SetFontSize(13);
    d->scalarBar->GetTitleTextProperty()->BoldOn();
    useUnicodeFont(d->scalarBar->GetTitleTextProperty());

    d->axes->SetFlyModeToOuterEdges();
    d->axes->SetScreenSize(12.0);
    d->axes->SetTitleOffset(18.0);
    d->axes->SetXLabelFormat("%-6.2g");
    d->axes->SetYLabelFormat("%-6.2g");
    d->axes->SetZLabelFormat("%-6.3g");
    // The labels carry their own digits (tickLabelFormat): VTK's automatic scaling printed
    // 28.75 for a loss of 28,750 and wrote its "(x10^3)" exponent over the z labels.
    d->axes->SetLabelScaling(false, 0, 0, 0);
    // Titles and labels as screen-aligned 2D text (vtkTextActor, FreeType) so that a Unicode
    // font file applies; the default 3D vector text knows ASCII only.
    if (!unicodeFontFile().isEmpty())
        d->axes->SetUse2DMode(1);
    for (int i = 0; i < 3; ++i) {
        useUnicodeFont(d->axes->GetTitleTextProperty(i));
        d->axes->GetTitleTextProperty(i)->SetColor(0.1, 0.1, 0.1);
        d->axes->GetLabelTextProperty(i)->SetColor(0.25, 0.25, 0.25);
    }
    d->axes->GetXAxesLinesProperty()->SetColor(0.3, 0.3, 0.3);
    d->axes->GetYAxesLinesProperty()->SetColor(0.3, 0.3, 0.3);
    d->axes->GetZAxesLinesProperty()->SetColor(0.3, 0.3, 0.3);

    vtkRenderer* ren = m_canvas->renderer();
    ren->SetBackground(1.0, 1.0, 1.0);
    ren->SetBackground2(0.86, 0.89, 0.94);
    ren->GradientBackgroundOn();
    d->axes->SetCamera(ren->GetActiveCamera());
}

SurfaceView::~SurfaceView() = default;

bool SurfaceView::hasData() const
{
    return d->grid.has_value();
}

std::size_t SurfaceView::pointCount() const
{
    return d->grid ? d->grid->values.size() : 0;
}

bool SurfaceView::wireframe() const
{
    return d->wireframe;
}
bool SurfaceView::logZ() const
{
    return d->logZ;
}
bool SurfaceView::contours() const
{
    return d->contours;
}

void SurfaceView::setGrid(const Grid2D& grid)
{
    if (grid.nx() < 2 || grid.ny() < 2 || grid.values.size() != grid.nx() * grid.ny()) {
        clear();
        return;
    }
    const auto sameAxis = [](const Axis& a, const Axis& b) {
        return a.name == b.name && a.unit == b.unit && a.values.front() == b.values.front()
               && a.values.back() == b.values.back();
    };
    const bool sameAxes = d->lastAxes && sameAxis(d->lastAxes->first, grid.x)
                          && sameAxis(d->lastAxes->second, grid.y);
    if (!std::any_of(grid.values.begin(), grid.values.end(),
                     [](double v) { return std::isfinite(v); })) {
        clear(); // nothing to draw yet (no finished point)
        return;
    }
    d->grid = grid;
    d->lastAxes = std::make_pair(grid.x, grid.y);
    if (!d->readoutText.isEmpty()) { // it named the old grid's point; the next move reads anew
        d->readoutText.clear();
        d->readout->SetVisibility(false);
        d->hoverActor->SetVisibility(false);
        emit readoutChanged(QString());
    }
    rebuild();
    if (sameAxes) {
        m_canvas->renderer()->ResetCameraClippingRange();
        m_canvas->requestRender();
    } else
        resetCamera();
}

void SurfaceView::clear()
{
    d->grid.reset();
    d->readoutText.clear();
    d->axisTitles.clear();
    d->axisUnits.clear();
    d->readout->SetVisibility(false);
    d->hoverActor->SetVisibility(false);
    vtkRenderer* ren = m_canvas->renderer();
    ren->RemoveAllViewProps();
    d->actorsAdded = false;
    m_canvas->requestRender();
}

void SurfaceView::setFloorLines(const std::vector<std::vector<std::pair<double, double>>>& lines)
{
    d->floorLines = lines;
    if (d->grid)
        rebuild();
}

std::size_t SurfaceView::floorLineCount() const
{
    return d->floorLines.size();
}

void SurfaceView::setOriginMarkerVisible(bool visible)
{
    d->originMarker = visible;
    d->markerActor->SetVisibility(visible);
    d->stemActor->SetVisibility(visible);
    m_canvas->requestRender();
}

void SurfaceView::setWireframe(bool on)
{
    d->wireframe = on;
    if (m_wireframeAction->isChecked() != on)
        m_wireframeAction->setChecked(on);
    if (on)
        d->surfaceActor->GetProperty()->SetRepresentationToWireframe();
    else
        d->surfaceActor->GetProperty()->SetRepresentationToSurface();
    m_canvas->requestRender();
}

void SurfaceView::setLogZ(bool on)
{
    if (m_logAction->isChecked() != on)
        m_logAction->setChecked(on);
    if (d->logZ == on)
        return;
    d->logZ = on;
    if (d->grid) {
        rebuild();
        resetCamera();
    }
}

void SurfaceView::setContours(bool on)
{
    d->contours = on;
    if (m_contourAction->isChecked() != on)
        m_contourAction->setChecked(on);
    d->contourActor->SetVisibility(on);
    m_canvas->requestRender();
}

void SurfaceView::rebuild()
{
    const Grid2D& g = *d->grid;
    const std::size_t nx = g.nx();
    const std::size_t ny = g.ny();

    // Values shown: raw, or log10 shifted so that the smallest is 1e-12·(range) above zero.
    // Points not evaluated yet (NaN: live rows of a running probe) are left out of the range
    // and of the surface: a cell is drawn only when its four corners are finite.
    std::vector<double> shown = g.values;
    double rawMin = std::numeric_limits<double>::infinity();
    double rawMax = -rawMin;
    for (double v : shown)
        if (std::isfinite(v)) {
            rawMin = std::min(rawMin, v);
            rawMax = std::max(rawMax, v);
        }
    // One transform for the values, the centre and a locked colour range.
    const double shift
        = rawMin > 0.0 ? 0.0 : -rawMin + 1e-6 * std::max(rawMax - rawMin, 1e-300);
    auto toShown = [&](double v) {
        return d->logZ ? std::log10(std::max(v + shift, 1e-300)) : v;
    };
    for (double& v : shown)
        if (std::isfinite(v))
            v = toShown(v);
    const double center = toShown(g.centerValue);
    double vmin = std::numeric_limits<double>::infinity();
    double vmax = -vmin;
    for (double v : shown)
        if (std::isfinite(v)) {
            vmin = std::min(vmin, v);
            vmax = std::max(vmax, v);
        }
    if (!(vmax > vmin))
        vmax = vmin + 1.0;

    const double xmin = g.x.values.front();
    const double xmax = g.x.values.back();
    const double ymin = g.y.values.front();
    const double ymax = g.y.values.back();
    const double extent = std::max(xmax - xmin, ymax - ymin);
    // Heights are scaled so the surface is about 0.6 of its width tall; the z axis is labelled
    // with the real values through the cube axes' z range.
    const double zScale = 0.6 * extent / (vmax - vmin);
    const double floorZ = -0.15 * extent;

    vtkNew<vtkPoints> points;
    points->SetNumberOfPoints(static_cast<vtkIdType>(nx * ny));
    vtkNew<vtkPoints> floorPoints;
    floorPoints->SetNumberOfPoints(static_cast<vtkIdType>(nx * ny));
    vtkNew<vtkDoubleArray> scalars;
    scalars->SetName("value");
    scalars->SetNumberOfTuples(static_cast<vtkIdType>(nx * ny));
    for (std::size_t iy = 0; iy < ny; ++iy) {
        for (std::size_t ix = 0; ix < nx; ++ix) {
            const auto id = static_cast<vtkIdType>(iy * nx + ix);
            const double v = shown[iy * nx + ix];
            points->SetPoint(id, g.x.values[ix], g.y.values[iy],
                             std::isfinite(v) ? (v - vmin) * zScale : 0.0);
            floorPoints->SetPoint(id, g.x.values[ix], g.y.values[iy], floorZ);
            scalars->SetValue(id, v);
        }
    }
    vtkNew<vtkCellArray> quads;
    for (std::size_t iy = 0; iy + 1 < ny; ++iy) {
        for (std::size_t ix = 0; ix + 1 < nx; ++ix) {
            const vtkIdType a = static_cast<vtkIdType>(iy * nx + ix);
            const vtkIdType quad[4] = {a, a + 1, a + 1 + static_cast<vtkIdType>(nx),
                                       a + static_cast<vtkIdType>(nx)};
            if (std::all_of(std::begin(quad), std::end(quad),
                            [&](vtkIdType i) { return std::isfinite(shown[std::size_t(i)]); }))
                quads->InsertNextCell(4, quad);
        }
    }
    d->surface->Initialize();
    d->surface->SetPoints(points);
    d->surface->SetPolys(quads);
    d->surface->GetPointData()->SetScalars(scalars);
    d->surface->Modified();

    vtkNew<vtkCellArray> floorQuads;
    floorQuads->DeepCopy(quads);
    vtkNew<vtkDoubleArray> floorScalars;
    floorScalars->DeepCopy(scalars);
    d->floor->Initialize();
    d->floor->SetPoints(floorPoints);
    d->floor->SetPolys(floorQuads);
    d->floor->GetPointData()->SetScalars(floorScalars);
    d->floor->Modified();
    d->contour->GenerateValues(12, vmin + 0.02 * (vmax - vmin), vmax - 0.02 * (vmax - vmin));
    d->contourActor->SetVisibility(d->contours);

    // Colours over the data's range, or over the locked one (heights stay the data's).
    double cmin = vmin;
    double cmax = vmax;
    const bool locked = d->colourScale.validLock();
    if (locked) {
        cmin = toShown(d->colourScale.min);
        cmax = toShown(d->colourScale.max);
        if (!(cmax > cmin)) // log z of a range below the shift
            cmax = cmin + 1.0;
    }
    d->colourRange = {cmin, cmax};
    d->lut->SetRange(cmin, cmax);
    d->surfaceMapper->SetScalarRange(cmin, cmax);
    d->contourMapper->SetScalarRange(cmin, cmax);

    const double zc = (center - vmin) * zScale;
    d->marker->SetCenter(0.0, 0.0, zc);
    d->marker->SetRadius(0.025 * extent);
    d->stem->SetPoint1(0.0, 0.0, floorZ);
    d->stem->SetPoint2(0.0, 0.0, zc);

    // Floor lines just above the floor, so that the contours do not hide them.
    vtkNew<vtkPoints> linePoints;
    vtkNew<vtkCellArray> polylines;
    for (const auto& line : d->floorLines) {
        if (line.size() < 2)
            continue;
        polylines->InsertNextCell(static_cast<vtkIdType>(line.size()));
        for (const auto& [x, y] : line)
            polylines->InsertCellPoint(linePoints->InsertNextPoint(x, y, floorZ + 0.002 * extent));
    }
    d->lines->Initialize();
    d->lines->SetPoints(linePoints);
    d->lines->SetLines(polylines);
    d->lines->Modified();
    d->linesActor->SetVisibility(polylines->GetNumberOfCells() > 0);

    const QString valueName = coreText(g.valueName);
    const QString valueTitle =
        vtkText(d->logZ ? QStringLiteral("log₁₀ %1").arg(valueName) : valueName);
    d->scalarBar->SetTitle(
        (locked ? tr("%1\n(locked range)").arg(valueTitle) : valueTitle).toUtf8().constData());
    // Names on the axes, units in the corner: "α [× filter-normalised direction]" and its β
    // twin crossed below the plot in the default window and ran off the bottom of small views.
    const QString xName = vtkText(QString::fromStdString(g.x.name));
    const QString yName = vtkText(QString::fromStdString(g.y.name));
    d->axisTitles = {xName, yName};
    d->axes->SetXTitle(xName.toUtf8().constData());
    d->axes->SetYTitle(yName.toUtf8().constData());
    d->axisUnits = axisUnitsCaption(xName, vtkText(coreText(g.x.unit)), yName,
                                    vtkText(coreText(g.y.unit)));
    d->unitsCaption->SetInput(d->axisUnits.toUtf8().constData());
    d->unitsCaption->SetVisibility(!d->axisUnits.isEmpty());
    // The value's name is the colour bar's title. In 2D text mode VTK 9.1 places the z title at
    // the axis with no offset (only x and y titles get one), on top of the z labels, so the
    // z axis is left untitled there rather than unreadable.
    d->axes->SetZTitle(d->axes->GetUse2DMode() ? "" : valueTitle.toUtf8().constData());
    d->axes->SetBounds(xmin, xmax, ymin, ymax, floorZ, (vmax - vmin) * zScale);
    d->axes->SetXAxisRange(xmin, xmax);
    d->axes->SetYAxisRange(ymin, ymax);
    d->axes->SetZAxisRange(vmin + floorZ / zScale, vmax);
    // Enough digits that the labels of a nearly flat surface still differ.
    d->axes->SetZLabelFormat(tickLabelFormat(vmin + floorZ / zScale, vmax, 8).c_str());
    d->scalarBar->SetLabelFormat(
        tickLabelFormat(cmin, cmax, d->scalarBar->GetNumberOfLabels()).c_str());

    vtkRenderer* ren = m_canvas->renderer();
    if (!d->actorsAdded) {
        ren->AddActor(d->surfaceActor);
        ren->AddActor(d->contourActor);
        ren->AddActor(d->markerActor);
        ren->AddActor(d->stemActor);
        ren->AddActor(d->linesActor);
        ren->AddActor(d->axes);
        ren->AddActor2D(d->scalarBar);
        ren->AddActor2D(d->readout);
        ren->AddActor2D(d->unitsCaption);
        ren->AddActor(d->hoverActor);
        d->actorsAdded = true;
    }
    m_canvas->requestRender();
}

void SurfaceView::fillLookupTable()
{
    d->lut->SetNumberOfTableValues(256);
    for (int i = 0; i < 256; ++i) {
        const QColor c = colourAt(d->colourScale.map, i / 255.0);
        d->lut->SetTableValue(i, c.redF(), c.greenF(), c.blueF(), 1.0);
    }
    d->lut->Build();
    d->lut->Modified();
}

void SurfaceView::setColourScale(const ColourScale& scale)
{
    const bool newMap = scale.map != d->colourScale.map;
    d->colourScale = scale;
    if (newMap)
        fillLookupTable();
    if (d->grid)
        rebuild();
}

const ColourScale& SurfaceView::colourScale() const
{
    return d->colourScale;
}

std::pair<double, double> SurfaceView::colourRange() const
{
    return d->colourRange;
}

QStringList SurfaceView::axisTitles() const
{
    return d->axisTitles;
}

QString SurfaceView::axisUnits() const
{
    return d->axisUnits;
}

bool SurfaceView::zLabelsShown() const
{
    return d->axes->GetZAxisLabelVisibility() != 0;
}

void SurfaceView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event); // the layout has sized the canvas already
    const bool show = m_canvas->height() >= kMinZLabelHeight;
    if (show != zLabelsShown()) {
        d->axes->SetZAxisLabelVisibility(show);
        m_canvas->requestRender();
    }
}

QString SurfaceView::readoutAt(QPoint display)
{
    if (!d->grid || display.x() < 0 || display.y() < 0)
        return {};
    vtkRenderer* ren = m_canvas->renderer();
    if (!d->picker->Pick(display.x(), display.y(), 0.0, ren)
        || d->picker->GetActor() != d->surfaceActor.GetPointer())
        return {};
    double world[3];
    d->picker->GetPickPosition(world);
    const Grid2D& g = *d->grid;
    auto nearest = [](const std::vector<double>& axis, double v) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < axis.size(); ++i)
            if (std::abs(axis[i] - v) < std::abs(axis[best] - v))
                best = i;
        return best;
    };
    const std::size_t ix = nearest(g.x.values, world[0]);
    const std::size_t iy = nearest(g.y.values, world[1]);
    d->hovered = std::make_pair(ix, iy);
    const auto name = [](const Axis& a) { return QString::fromStdString(a.name); };
    QString text = QStringLiteral("%1 = %2\n%3 = %4\n%5 = %6")
                       .arg(name(g.x))
                       .arg(g.x.values[ix], 0, 'g', 4)
                       .arg(name(g.y))
                       .arg(g.y.values[iy], 0, 'g', 4)
                       .arg(coreText(g.valueName))
                       .arg(g.at(ix, iy), 0, 'g', 6);
    if (g.curvature.size() == g.values.size())
        text += QStringLiteral("\n%1 = %2")
                    .arg(QString::fromStdString(g.curvatureName))
                    .arg(g.curvature[iy * g.nx() + ix], 0, 'g', 6);
    return text;
}

QPoint SurfaceView::displayPositionOf(std::size_t ix, std::size_t iy)
{
    if (!d->grid || ix >= d->grid->nx() || iy >= d->grid->ny())
        return QPoint(-1, -1);
    double p[3];
    d->surface->GetPoint(static_cast<vtkIdType>(iy * d->grid->nx() + ix), p);
    vtkRenderer* ren = m_canvas->renderer();
    ren->SetWorldPoint(p[0], p[1], p[2], 1.0);
    ren->WorldToDisplay();
    double out[3];
    ren->GetDisplayPoint(out);
    return QPoint(static_cast<int>(std::lround(out[0])), static_cast<int>(std::lround(out[1])));
}

QString SurfaceView::currentReadout() const
{
    return d->readoutText;
}

void SurfaceView::onPointerMoved(QPoint display)
{
    d->hovered.reset();
    const QString text = readoutAt(display);
    if (text == d->readoutText)
        return;
    d->readoutText = text;
    if (d->hovered && d->grid) {
        double p[3];
        d->surface->GetPoint(static_cast<vtkIdType>(d->hovered->second * d->grid->nx()
                                                    + d->hovered->first),
                             p);
        const double extent = std::max(d->grid->x.values.back() - d->grid->x.values.front(),
                                       d->grid->y.values.back() - d->grid->y.values.front());
        d->hoverMarker->SetCenter(p);
        d->hoverMarker->SetRadius(0.018 * extent);
    }
    d->hoverActor->SetVisibility(!text.isEmpty());
    d->readout->SetInput(vtkText(text).toUtf8().constData());
    d->readout->SetVisibility(!text.isEmpty());
    m_canvas->requestRender();
    emit readoutChanged(text);
}

void SurfaceView::resetCamera()
{
    vtkRenderer* ren = m_canvas->renderer();
    vtkCamera* camera = ren->GetActiveCamera();
    if (d->grid) {
        double b[6];
        d->axes->GetBounds(b);
        const double c[3] = {(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2};
        camera->SetFocalPoint(c);
        camera->SetPosition(c[0] - 1.3, c[1] - 2.2, c[2] + 1.5);
        camera->SetViewUp(0.0, 0.0, 1.0);
        ren->ResetCamera(b);
        camera->Zoom(0.82);
    }
    m_canvas->requestRender();
}

void SurfaceView::azimuth(double degrees)
{
    m_canvas->renderer()->GetActiveCamera()->Azimuth(degrees);
    m_canvas->renderer()->ResetCameraClippingRange();
    m_canvas->requestRender();
}

std::array<double, 3> SurfaceView::cameraPosition() const
{
    std::array<double, 3> p{};
    m_canvas->renderer()->GetActiveCamera()->GetPosition(p.data());
    return p;
}

QImage SurfaceView::renderImage()
{
    return m_canvas->renderToImage();
}

bool SurfaceView::exportPng(const QString& path, QString* error)
{
    const QImage image = renderImage();
    if (image.isNull()) {
        if (error)
            *error = tr("The 3D view could not be rendered.");
        return false;
    }
    return saveImageAtomically(image, path, error);
}

} // namespace borehole
