// Issue 14: what the main window checks and says when a model and data are opened (the outputs
// of a forward() returning several, the input a convolutional model takes, features fitted to
// raw scales, a classifier probed as a regression), the Selection dock's columns, and the Help
// menu (user guide rendered in the application, keyboard shortcuts).
#include "datapanel.h"
#include "gui_test_support.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "reportexport.h"
#include "selectiontable.h"
#include "settingspanel.h"
#include "surfaceview.h"
#include "vtkopenglwidget.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QAbstractTextDocumentLayout>
#include <QPageLayout>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextDocument>

using namespace borehole;

class TestModelChecks : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> m_window;

    static QString data(const char* name) { return test::dataDir() + QLatin1Char('/') + QLatin1String(name); }

    bool runAndWait(MainWindow& w, QString* failure = nullptr)
    {
        QSignalSpy finished(&w, &MainWindow::probeFinished);
        QSignalSpy failed(&w, &MainWindow::probeFailed);
        if (!w.startProbe())
            return false;
        QElapsedTimer clock;
        clock.start();
        while (finished.count() + failed.count() == 0 && clock.elapsed() < 180000)
            QTest::qWait(20);
        if (failure && failed.count() > 0)
            *failure = failed.first().first().toString();
        return finished.count() > 0;
    }

    QComboBox* outputCombo(MainWindow& w)
    {
        for (auto* box : w.dataPanel()->findChildren<QComboBox*>())
            if (box->toolTip().startsWith(QStringLiteral("forward() returns several")))
                return box;
        return nullptr;
    }

private slots:
    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->setErrorDialogsEnabled(false);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->settingsPanel()->setSettings(test::smallProbe());
        m_window->settingsPanel()->setDevice(DeviceKind::Cpu);
    }
    void cleanup() { m_window.reset(); }

    void tupleOutputsAreOfferedOnOpen()
    {
        // Defect 9: a model returning (prediction, features) was refused only at Run.
        MainWindow& w = *m_window;
        QVERIFY(w.openModel(data("two_outputs.pt")));
        QVERIFY(w.openData(data("four_features.csv")));
        QComboBox* combo = outputCombo(w);
        QVERIFY(combo);
        QVERIFY(combo->isVisible());
        QCOMPARE(combo->count(), 2);
        // Choosing the features output is refused on the spot, not only at Run.
        combo->setCurrentIndex(1);
        QVERIFY2(w.dataPanel()->outputNote().contains(QStringLiteral(
                     "The model and the data do not fit: model output tensor [8, 8] does not fit "
                     "target tensor [8, 1] for loss mse")),
                 qPrintable(w.dataPanel()->outputNote()));
        combo->setCurrentIndex(0);
        QCOMPARE(combo->itemText(0), QStringLiteral("0: [1, 1]"));
        QCOMPARE(combo->itemText(1), QStringLiteral("1: [1, 8]"));
        QCOMPARE(w.dataPanel()->output(), QStringLiteral("0"));
        QCOMPARE(w.dataPanel()->outputNote(),
                 QStringLiteral("forward() returns a tuple of 2 tensors (shapes on one row): "
                                "choose the prediction."));
        QVERIFY(runAndWait(w));
        QCOMPARE(QString::fromStdString(w.report()->problem.output),
                 QStringLiteral("0 of a tuple of 2 tensors"));
        // The choice is kept in the workspace and comes back with it.
        const QString path = test::outputDir() + QStringLiteral("/two_outputs.borehole");
        QVERIFY(w.saveWorkspace(path));
        QCOMPARE(w.currentWorkspace().problem.output, std::string("0"));
        // The features output does not fit a one-column target: core's message at Run.
        combo->setCurrentIndex(1);
        QCOMPARE(w.dataPanel()->output(), QStringLiteral("1"));
        QString failure;
        QVERIFY(!runAndWait(w, &failure));
        QVERIFY2(failure.startsWith(QStringLiteral(
                     "model output tensor [8, 8] does not fit target tensor [8, 1] for loss mse")),
                 qPrintable(failure));
        // A single-tensor model shows no choice, only what it returns.
        QVERIFY(w.openModel(data("linear.pt")));
        QVERIFY(!combo->isVisible());
        QCOMPARE(w.dataPanel()->output(), QString());
        QCOMPARE(w.dataPanel()->outputNote(),
                 QStringLiteral("forward() returns one tensor, [1, 1] on one row."));
        // The workspace restores output 0 of the tuple model.
        QVERIFY(w.openWorkspace(path));
        QCOMPARE(w.dataPanel()->output(), QStringLiteral("0"));
        QVERIFY(combo->isVisible());
    }

    void dictOutputsAreOfferedByKey()
    {
        MainWindow& w = *m_window;
        QVERIFY(w.openModel(data("dict_outputs.pt")));
        QVERIFY(w.openData(data("four_features.csv")));
        QComboBox* combo = outputCombo(w);
        QVERIFY(combo);
        QCOMPARE(combo->itemText(0), QStringLiteral("prediction: [1, 1]"));
        QCOMPARE(combo->itemText(1), QStringLiteral("features: [1, 8]"));
        QCOMPARE(w.dataPanel()->output(), QStringLiteral("prediction"));
        QVERIFY(runAndWait(w));
        QCOMPARE(QString::fromStdString(w.report()->problem.output),
                 QStringLiteral("prediction of a dict of 2 tensors"));
    }

    void convolutionalModelOnTheWrongWidthIsToldOnOpen()
    {
        // Defect 8: "first weight 'fc.weight' [10, 512] takes 512 features" for a CNN that
        // takes 64 values per row; now said when the files are opened, not only at Run.
        MainWindow& w = *m_window;
        QVERIFY(w.openModel(data("cnn.pt")));
        QVERIFY(w.openData(data("four_features.csv")));
        const QString note = w.dataPanel()->outputNote();
        QVERIFY2(note.startsWith(QStringLiteral("The model does not run on this data: model '")),
                 qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral(
                     "rejected input tensor 'features' [1, 4] from '")),
                 qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral(
                     "'; its first weight 'conv.weight' [4, 1, 3, 3] is a 2-D convolution's "
                     "(images with 1 channel), so the number of features a row needs cannot be "
                     "read from the weights; libtorch said: RuntimeError: shape '[-1, 1, 8, 8]' "
                     "is invalid for input of size 4")),
                 qPrintable(note));
        QVERIFY(!note.contains(QStringLiteral("takes 256 features")));
    }

    void classifierProbedAsRegressionSuggestsClassification()
    {
        // Defect 7: "[8,10] vs [8,1]" without suggesting the task classification.
        MainWindow& w = *m_window;
        QVERIFY(w.openModel(data("bad/ten_outputs.pt")));
        QVERIFY(w.openData(data("four_features.csv")));
        QVERIFY(w.dataPanel()->options().task == Task::Regression);
        // Said on open, under the outputs, before anything runs.
        QCOMPARE(w.dataPanel()->outputNote(),
                 QStringLiteral("forward() returns one tensor, [1, 10] on one row.\nThe model and "
                                "the data do not fit: model output tensor [8, 10] does not fit "
                                "target tensor [8, 1] for loss mse: expected one output per target "
                                "value (10 outputs per row look like class scores: for integer "
                                "labels use the task classification with the loss cross-entropy)"));
        QString failure;
        QVERIFY(!runAndWait(w, &failure));
        QCOMPARE(failure,
                 QStringLiteral("model output tensor [8, 10] does not fit target tensor [8, 1] "
                                "for loss mse: expected one output per target value (10 outputs "
                                "per row look like class scores: for integer labels use the task "
                                "classification with the loss cross-entropy)"));
    }

    void modelOutputsRefineTheTaskGuess()
    {
        // Defect 7: the task was guessed from the target alone; the model's outputs per row
        // (one per class for classification) now decide where the target cannot.
        MainWindow& w = *m_window;
        QVERIFY(w.openModel(test::diabetesModel()));
        QVERIFY(w.openData(test::diabetesData()));
        QVERIFY(w.dataPanel()->options().task == Task::Regression);
        // 'sex' holds the labels 1 and 2, but the model has one output: a regression target.
        QVERIFY(w.dataPanel()->setTarget(QStringLiteral("sex")));
        QVERIFY(w.dataPanel()->options().task == Task::Regression);
        QCOMPARE(w.dataPanel()->taskNote(),
                 QStringLiteral("Task guessed from 'sex': regression. Its 2 whole-number values "
                                "could be class labels, but the model has one output per row, and "
                                "classification needs one per class."));
        QCOMPARE(w.dataPanel()->outputNote(),
                 QStringLiteral("forward() returns one tensor, [1, 1] on one row."));
        // 12 rows with 8 distinct labels 0…7 are too many for a guess from the target alone; a
        // model with 10 outputs per row makes them classes.
        QVERIFY(w.openModel(data("bad/ten_outputs.pt")));
        QVERIFY(w.openData(data("few_labels.csv")));
        QVERIFY(w.dataPanel()->options().task == Task::Classification);
        QCOMPARE(w.dataPanel()->taskNote(),
                 QStringLiteral("Task guessed from 'digit': classification (8 distinct "
                                "whole-number labels, all below the model's 10 outputs per row)."));
        QVERIFY(runAndWait(w));
        QVERIFY(w.report()->data.task == Task::Classification);
        // A task chosen by hand is left alone.
        w.dataPanel()->setTask(Task::Regression);
        QVERIFY(w.openModel(data("bad/ten_outputs.pt")));
        QVERIFY(w.dataPanel()->options().task == Task::Regression);
    }

    void rawScaleModelIsWarnedAboutAndScalingIsShown()
    {
        // Defect 14: "Standardise features" is on by default and nothing said so where the
        // results are read; a model fitted to raw values got no warning.
        MainWindow& w = *m_window;
        QVERIFY(w.openModel(data("raw_linear.pt")));
        QVERIFY(w.openData(data("raw_scales.csv")));
        QVERIFY(w.dataPanel()->options().standardizeFeatures);
        const QString warning = w.dataPanel()->featureScaleWarning();
        QVERIFY2(warning.startsWith(QStringLiteral(
                     "the model fits the raw feature values better than the standardised ones "
                     "(loss ")),
                 qPrintable(warning));
        QVERIFY(warning.endsWith(QStringLiteral(
            "its first layer looks fitted to raw scales; probe it without standardising the "
            "features (--no-standardize, or untick 'Standardise features')")));
        QVERIFY(runAndWait(w));
        QVERIFY(w.statusText().endsWith(QStringLiteral("; features standardised")));
        QVERIFY(w.logText().contains(QStringLiteral("Warning: the model fits the raw feature")));
        const QString html = test::outputDir() + QStringLiteral("/raw_scales_report.html");
        QVERIFY(w.exportReport(html));
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QStringLiteral("features: yes, targets: no")));
        QVERIFY(text.contains(QStringLiteral("its first layer looks fitted to raw scales")));
        // Defect 4: the PDF's summary lines (this warning, PCA's explained variances) ran off
        // the page. Laid out as writeHtmlPdf lays it out, the document keeps to the page width.
        {
            ReportContent content;
            content.report = *w.report();
            QTextDocument doc;
            doc.setHtml(reportHtml(content, false));
            const QPageLayout page(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                   QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
            const double width = page.paintRectPixels(150).width();
            doc.setPageSize(QSizeF(width, page.paintRectPixels(150).height()));
            QVERIFY2(doc.documentLayout()->documentSize().width() <= width + 1.0,
                     qPrintable(QStringLiteral("%1 px wide on a %2 px page")
                                    .arg(doc.documentLayout()->documentSize().width())
                                    .arg(width)));
        }
        // Raw features: no warning, and the status line says so.
        w.dataPanel()->setOptions([&] {
            DatasetOptions o = w.dataPanel()->options();
            o.standardizeFeatures = false;
            return o;
        }());
        QCOMPARE(w.dataPanel()->featureScaleWarning(), QString());
        QVERIFY(runAndWait(w));
        QVERIFY(w.statusText().endsWith(QStringLiteral("; raw features")));
        // The diabetes MLP was trained on standardised features: no warning.
        QVERIFY(w.openModel(test::diabetesModel()));
        QVERIFY(w.openData(test::diabetesData()));
        QCOMPARE(w.dataPanel()->featureScaleWarning(), QString());
    }

    void selectionDockShowsEveryColumn()
    {
        // Defect 13: at the default window size the dock showed ix, iy and α; β and the loss
        // were scrolled out of sight.
        MainWindow& w = *m_window;
        w.resize(1290, 653);
        QVERIFY(w.openModel(test::diabetesModel()));
        QVERIFY(w.openData(test::diabetesData()));
        ProbeSettings s = test::smallProbe();
        s.surfaceOptions.resolution = 31; // the GUI's default grid: α = −0.93333, …
        w.settingsPanel()->setSettings(s);
        QVERIFY(runAndWait(w));
        w.heatmapView()->selectRegion(-0.51, 0.51, -0.51, 0.51);
        QTest::qWait(50);
        SelectionTable* table = w.selectionTable();
        QVERIFY(table->isVisible());
        QCOMPARE(table->columnCount(), 5);
        const int viewport = table->viewport()->width();
        for (int c = 0; c < table->columnCount(); ++c) {
            const int right = table->columnViewportPosition(c) + table->columnWidth(c);
            QVERIFY2(table->columnViewportPosition(c) >= 0 && right <= viewport,
                     qPrintable(QStringLiteral("column %1 (%2) ends at %3 of %4 px")
                                    .arg(c)
                                    .arg(table->horizontalHeaderItem(c)->text())
                                    .arg(right)
                                    .arg(viewport)));
        }
        QCOMPARE(table->horizontalHeaderItem(4)->text(), QStringLiteral("loss"));
        QVERIFY(!table->horizontalScrollBar()->isVisible());
    }

    void threeDTextStaysInsideTheView()
    {
        // Defect 5: in the default window (1290 × 653, a 535 × 375 3D view) the colour bar's
        // labels ran off the view's right edge ("2.904e+0…"), the titles "α [× filter-normalised
        // direction]" and "β […]" crossed below the plot and the β title reached the bottom
        // edge; smaller views were worse. The axes now carry their names and the view's top-left
        // corner their shared unit; views under 300 px drop the z labels, which overlapped
        // there. Text is dark (titles 0.1, labels 0.25 grey); none may touch
        // the right, bottom or left border, at the default size, a large one and a small one.
        MainWindow& w = *m_window;
        QVERIFY(w.openModel(test::diabetesModel()));
        QVERIFY(w.openData(test::diabetesData()));
        ProbeSettings s = test::smallProbe();
        s.surfaceOptions.resolution = 31;
        w.settingsPanel()->setSettings(s);
        auto darkOnBorders = [](const QImage& image) {
            auto dark = [&](int x, int y) {
                const QRgb p = image.pixel(x, y);
                return qRed(p) < 110 && qGreen(p) < 110 && qBlue(p) < 110;
            };
            QStringList found;
            int right = 0, bottom = 0, left = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int k = 0; k < 3; ++k) {
                    right += dark(image.width() - 1 - k, y);
                    left += dark(k, y);
                }
            for (int x = 0; x < image.width(); ++x)
                for (int k = 0; k < 3; ++k)
                    bottom += dark(x, image.height() - 1 - k);
            if (right)
                found << QStringLiteral("%1 on the right").arg(right);
            if (bottom)
                found << QStringLiteral("%1 on the bottom").arg(bottom);
            if (left)
                found << QStringLiteral("%1 on the left").arg(left);
            return found.join(QStringLiteral(", "));
        };
        for (QSize size : {QSize(1290, 653), QSize(1600, 1000), QSize(1100, 560)}) {
            w.resize(size);
            w.viewTabs()->setCurrentWidget(w.surfaceView());
            QTest::qWait(100);
            QVERIFY(runAndWait(w)); // a new map resets the camera for the view's size
            QCOMPARE(w.surfaceView()->axisTitles(), (QStringList{"α (d₁)", "β (d₂)"}));
            // The small view's six z labels overlapped (the colour bar carries the scale).
            QCOMPARE(w.surfaceView()->zLabelsShown(),
                     w.surfaceView()->canvas()->height() >= SurfaceView::kMinZLabelHeight);
            QCOMPARE(w.surfaceView()->zLabelsShown(), size.width() != 1100);
            QCOMPARE(w.surfaceView()->axisUnits(),
                     QStringLiteral("α (d₁), β (d₂): × filter-normalised direction"));
            const QImage image =
                w.surfaceView()->renderImage().convertToFormat(QImage::Format_RGB32);
            image.save(test::outputDir()
                       + QStringLiteral("/surface_text_%1.png").arg(size.width()));
            const QString borders = darkOnBorders(image);
            QVERIFY2(borders.isEmpty(), qPrintable(QStringLiteral("dark pixels on the borders of "
                                                                  "the %1×%2 view: %3")
                                                       .arg(image.width())
                                                       .arg(image.height())
                                                       .arg(borders)));
        }
        // A new model empties the view: no stale titles or units.
        QVERIFY(w.openModel(test::diabetesModel()));
        QVERIFY(w.surfaceView()->axisTitles().isEmpty());
        QVERIFY(w.surfaceView()->axisUnits().isEmpty());
    }

    void helpOpensTheUserGuideAndShortcuts()
    {
        // Defect 13: Help had only About.
        MainWindow& w = *m_window;
        QVERIFY(w.userGuideAction());
        QCOMPARE(w.userGuideAction()->shortcut(), QKeySequence(QKeySequence::HelpContents));
        w.userGuideAction()->trigger();
        auto* guide = w.findChild<QDialog*>(QStringLiteral("userGuideDialog"));
        QVERIFY(guide && guide->isVisible());
        auto* browser = guide->findChild<QTextBrowser*>(QStringLiteral("userGuideBrowser"));
        QVERIFY(browser);
        const QString text = browser->toPlainText();
        // docs/gui.md, rendered from Markdown (no '#' or '|' left of headings and tables).
        QVERIFY2(text.startsWith(QStringLiteral("The Borehole desktop application")),
                 qPrintable(text.left(200)));
        QVERIFY(text.contains(QStringLiteral("Shortcuts: Ctrl+O model")));
        QVERIFY(!text.contains(QStringLiteral("## Starting")));
        QFile source(QStringLiteral(BOREHOLE_SOURCE_DIR "/docs/gui.md"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QFile shipped(QStringLiteral(":/docs/gui.md"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QCOMPARE(shipped.readAll(), source.readAll());

        w.shortcutsAction()->trigger();
        auto* dialog = w.findChild<QDialog*>(QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog && dialog->isVisible());
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
        QVERIFY(table);
        QMap<QString, QString> keys;
        for (int r = 0; r < table->rowCount(); ++r)
            keys.insert(table->item(r, 0)->text(), table->item(r, 1)->text());
        QCOMPARE(keys.value(QStringLiteral("Run Probe")), QStringLiteral("F5 or Ctrl+R"));
        QCOMPARE(keys.value(QStringLiteral("Open Model…")), QStringLiteral("Ctrl+O"));
        QCOMPARE(keys.value(QStringLiteral("Reset Camera")), QStringLiteral("Ctrl+0"));
        QCOMPARE(keys.value(QStringLiteral("User Guide")), QStringLiteral("F1"));
        QCOMPARE(keys.value(QStringLiteral("Surface 3D: reset the camera")), QStringLiteral("R"));
    }
};

BOREHOLE_GUI_TEST_MAIN(TestModelChecks)
#include "test_model_checks.moc"
