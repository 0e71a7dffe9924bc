<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>borehole</name>
    <message>
        <source>Cannot write to the folder of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot replace %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 forward, %2 gradient, %3 HVP, %4 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borehole probe report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by Borehole %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model and data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 tensors, %3 layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 training, %3 validation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standardisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>features: %1, targets: %2 (training-row statistics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 probe rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings and seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K, ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eigenvalue solvers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>power: %1, Lanczos: %2, tolerance %3, at most %4 iterations, HVP %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, at most %2 samples, tolerance %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, ρ = %2, %3 perturbations%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, layer-wise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Landscape grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line: %1, surface: %2, %3 points per axis, span ±%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions and normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; biases %2; d₂ %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random, filter-normalised (Li et al. 2018)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random, scaled to ‖θ‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zeroed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orthogonalised to d₁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L(θ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∇L(θ)‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖θ‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FD curvature, %1 (K = %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dᵀΔg/ε = %1 ± %2; ‖Δg‖/ε = %3 ± %4 [%5]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λmax (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after %2 iterations%3 [%4]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, not converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tr(H) (Hutchinson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ± %2 (%3 samples) [%4]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean ΔL %1, worst ΔL %2, radius %3 [%4]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 points, %3, cos∠(d₁, d₂) = %4 [%5]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No region selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points selected in the %2, x ∈ [%3, %4], y ∈ [%5, %6].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCA map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more (export the selection for all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::CurvaturePlot</name>
    <message>
        <source>Export plot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plot shown as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curvature by direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λmax convergence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1D line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean dᵀΔg/ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λmax (%1) = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direction kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>directional curvature dᵀ(∇L(θ+εd)−∇L(θ))/ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 relative error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration (HVPs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λmax estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relative error (dashed) [1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running Hutchinson estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final ± standard error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rademacher samples (HVPs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tr(H) estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current θ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::DataPanel</name>
    <message>
        <source>The column the model predicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns fed to the model, in this order. Unchecked columns are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression uses the MSE loss; classification uses cross-entropy on integer labels 0..C−1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standardise features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero mean, unit variance per feature, with statistics of the training rows only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standardise targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression only: losses are then in standardised target units. Use it when the model was trained that way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of rows held out for the validation metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::HeatmapView</name>
    <message>
        <source>current θ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the map by the loss or by the local curvature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the heatmap as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to select a region; hover to read values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grid curvature ∂²/∂α² + ∂²/∂β²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α = %1, β = %2
%3 = %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
grid curvature = %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::MainWindow</name>
    <message>
        <source>%1 forward, %2 gradient, %3 HVP, %4 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borehole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a probe to see its summary here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surface 3D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCA map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curvature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model (.pt) and a data set (.csv) to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a TorchScript model (.pt) (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open TorchScript model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript models (*.pt *.pth);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a CSV data set with a header row (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open CSV data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borehole workspaces (*.borehole *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Workspace &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borehole workspaces (*.borehole *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the probe report as HTML or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected region as JSON or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run Probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected probes (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running probe after its current step (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Borehole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running probe before opening a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened model %1 (%2 parameters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running probe before opening data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened data %1 (%2 rows, %3 columns)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running probe before opening a workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model (.pt) and a data set (.csv) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe started: %1 directions × K=%2, surface %3, seed %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probing… %1 % — %2 elapsed, about %3 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe finished in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  loss and gradient: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  FD curvature %1 (K=%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  power iteration (%1 iterations): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Lanczos (%1 iterations): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Hutchinson trace (%1 samples): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  sharpness (%1 perturbations): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  1D line (%1 points): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  2D surface (%1×%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  total: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: L(θ) = %1, λmax = %2, in %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe cancelled after %1 s; previous results kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points selected; lowest %2 = %3 at α = %4, β = %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grid points in the selected region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a rectangle in the heatmap or the PCA map to select points first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 selected points to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a probe (or open a workspace with results) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss surface (3D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L(θ + α·d₁ + β·d₂); the red marker is the current θ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same grid seen from above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid points projected onto the first two principal components of their local shape features, binned and coloured by the mean value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported report to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported view to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Model:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Data:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters in %2 tensors, %3 layers%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, has buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows, %2 columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Borehole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Borehole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Borehole %1&lt;/h3&gt;&lt;p&gt;Drills into the loss landscape of a TorchScript model: finite-difference curvature, top Hessian eigenvalue (power iteration, Lanczos), Hutchinson trace, ε-sharpness and 1D/2D loss landscapes.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::PcaView</name>
    <message>
        <source>Colour each bin by the mean of this value over its points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the PCA map as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grid curvature ∂²/∂α² + ∂²/∂β²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC1 (%1 % of variance) [standardised score]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC2 (%1 % of variance) [standardised score]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::ProbeWorker</name>
    <message>
        <source>Unknown error while probing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::SelectionTable</name>
    <message>
        <source>ix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curvature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::SettingsPanel</name>
    <message>
        <source>Curvature along directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K random unit directions in parameter space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The normalised gradient direction (always one direction)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal components of mini-batch gradient samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of directions K per kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finite-difference step ε along each unit direction, in parameter units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kinds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ε:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hessian spectrum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dominant (largest magnitude) eigenvalue of the Hessian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanczos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest algebraic eigenvalue, with full reorthogonalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop when the relative change (power) or the relative residual bound (Lanczos) falls below this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iteration cap of both solvers (one HVP each)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact (double backward)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finite differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Hessian-vector products are computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hutchinson trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate of tr(H) from Rademacher probes, with its standard error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most Rademacher samples for the trace estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λmax:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max iterations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HVP:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max samples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perturbation sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ε-sharpness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss increase under random perturbations of radius ρ·‖θ‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perturbation radius ρ, relative to ‖θ‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of random perturbations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ρ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1D line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L(θ + α·d) along one random direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2D surface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L(θ + α·d₁ + β·d₂) on a grid (shown in 3D, heatmap and PCA map)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid points per axis (the surface costs resolution² forward passes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α and β range over [−span, span], in units of the (filter-normalised) direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter-normalised directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale each filter of a direction to the norm of the matching filter of θ (Li et al. 2018)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grid second differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact HVPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curvature stored per grid point (HVPs cost two per point)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curvature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master seed: the split, directions and samples derive from it. Same seed, same numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to compute. auto uses CUDA when libtorch sees a GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training rows the probes evaluate L on (a fixed, seeded subset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batch size for the gradient samples of PCA directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>borehole::SurfaceView</name>
    <message>
        <source>Reset camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the whole surface from the default angle (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wireframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the surface as a wireframe mesh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height and colour show log₁₀ of the value (shifted to be positive if needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Floor contours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw contour lines of the value on the floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the current 3D view as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 3D view could not be rendered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Probe the loss-landscape curvature of a TorchScript model on a CSV data set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model (.pt), a data set (.csv) or a workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target column of the CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regression or classification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standardise regression targets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surface grid points per axis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start probing right away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language (en, de).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data has no column &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid option</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
