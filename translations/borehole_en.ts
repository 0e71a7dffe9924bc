<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ColourMap</name>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Cividis (colour-blind safe)</source>
        <translation>Cividis (colour-blind safe)</translation>
    </message>
    <message>
        <source>Cool–warm</source>
        <translation>Cool–warm</translation>
    </message>
    <message>
        <source>Greys</source>
        <translation>Greys</translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>%1 (locked range)</source>
        <translation>%1 (locked range)</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>× filter-normalised direction</source>
        <translation>× filter-normalised direction</translation>
    </message>
    <message>
        <source>× direction scaled to ‖θ‖</source>
        <translation>× direction scaled to ‖θ‖</translation>
    </message>
</context>
<context>
    <name>ProbeHistory</name>
    <message>
        <source>#%1 · %2 on %3 · %4</source>
        <translation>#%1 · %2 on %3 · %4</translation>
    </message>
    <message>
        <source>Both probes need a surface.</source>
        <translation>Both probes need a surface.</translation>
    </message>
    <message>
        <source>The surfaces lie on different grids (%1 axis: %2 %3 against %4 %5): probe both with the same resolution and span to subtract them.</source>
        <translation>The surfaces lie on different grids (%1 axis: %2 %3 against %4 %5): probe both with the same resolution and span to subtract them.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>L(θ)</source>
        <translation>L(θ)</translation>
    </message>
    <message>
        <source>‖∇L(θ)‖</source>
        <translation>‖∇L(θ)‖</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>λmin</source>
        <translation>λmin</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>FD curvature, %1 (mean ± sd)</source>
        <translation>FD curvature, %1 (mean ± sd)</translation>
    </message>
    <message>
        <source>Sharpness: mean / worst loss increase</source>
        <translation>Sharpness: mean / worst loss increase</translation>
    </message>
    <message>
        <source>Validation metric</source>
        <translation>Validation metric</translation>
    </message>
    <message>
        <source>Surface: lowest / highest loss</source>
        <translation>Surface: lowest / highest loss</translation>
    </message>
    <message>
        <source>Time [s]</source>
        <translation>Time [s]</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The meta-model needs at least 3 probed configurations.</source>
        <translation>The meta-model needs at least 3 probed configurations.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>%1 forward, %2 gradient, %3 HVP, %4 s</source>
        <translation>%1 forward, %2 gradient, %3 HVP, %4 s</translation>
    </message>
    <message>
        <source>Borehole probe report</source>
        <translation>Borehole probe report</translation>
    </message>
    <message>
        <source>Written by Borehole %1 on %2.</source>
        <translation>Written by Borehole %1 on %2.</translation>
    </message>
    <message>
        <source>Model and data</source>
        <translation>Model and data</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <source>%1 in %2 tensors, %3 layers</source>
        <translation>%1 in %2 tensors, %3 layers</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>%1 (%2 training, %3 validation)</source>
        <translation>%1 (%2 training, %3 validation)</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Standardisation</source>
        <translation>Standardisation</translation>
    </message>
    <message>
        <source>features: %1, targets: %2 (training-row statistics)</source>
        <translation>features: %1, targets: %2 (training-row statistics)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>%1 on %2 probe rows</source>
        <translation>%1 on %2 probe rows</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Settings and seeds</source>
        <translation>Settings and seeds</translation>
    </message>
    <message>
        <source>Master seed</source>
        <translation>Master seed</translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation>Split seed</translation>
    </message>
    <message>
        <source>Direction kinds</source>
        <translation>Direction kinds</translation>
    </message>
    <message>
        <source>K, ε</source>
        <translation>K, ε</translation>
    </message>
    <message>
        <source>Eigenvalue solvers</source>
        <translation>Eigenvalue solvers</translation>
    </message>
    <message>
        <source>power: %1, Lanczos: %2, tolerance %3, at most %4 iterations, HVP %5</source>
        <translation>power: %1, Lanczos: %2, tolerance %3, at most %4 iterations, HVP %5</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>%1, at most %2 samples, tolerance %3</source>
        <translation>%1, at most %2 samples, tolerance %3</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Sharpness</translation>
    </message>
    <message>
        <source>%1, ρ = %2, %3 perturbations%4</source>
        <translation>%1, ρ = %2, %3 perturbations%4</translation>
    </message>
    <message>
        <source>, layer-wise</source>
        <translation>, layer-wise</translation>
    </message>
    <message>
        <source>Landscape grid</source>
        <translation>Landscape grid</translation>
    </message>
    <message>
        <source>line: %1, surface: %2, %3 points per axis, span ±%4</source>
        <translation>line: %1, surface: %2, %3 points per axis, span ±%4</translation>
    </message>
    <message>
        <source>Directions and normalisation</source>
        <translation>Directions and normalisation</translation>
    </message>
    <message>
        <source>%1; biases %2; d₂ %3</source>
        <translation>%1; biases %2; d₂ %3</translation>
    </message>
    <message>
        <source>random, filter-normalised (Li et al. 2018)</source>
        <translation>random, filter-normalised (Li et al. 2018)</translation>
    </message>
    <message>
        <source>random, scaled to ‖θ‖</source>
        <translation>random, scaled to ‖θ‖</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>kept</translation>
    </message>
    <message>
        <source>zeroed</source>
        <translation>zeroed</translation>
    </message>
    <message>
        <source>orthogonalised to d₁</source>
        <translation>orthogonalised to d₁</translation>
    </message>
    <message>
        <source>as drawn</source>
        <translation>as drawn</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>L(θ)</source>
        <translation>L(θ)</translation>
    </message>
    <message>
        <source>‖∇L(θ)‖</source>
        <translation>‖∇L(θ)‖</translation>
    </message>
    <message>
        <source>‖θ‖</source>
        <translation>‖θ‖</translation>
    </message>
    <message>
        <source>Validation %1</source>
        <translation>Validation %1</translation>
    </message>
    <message>
        <source>FD curvature, %1 (K = %2)</source>
        <translation>FD curvature, %1 (K = %2)</translation>
    </message>
    <message>
        <source>dᵀΔg/ε = %1 ± %2; ‖Δg‖/ε = %3 ± %4 [%5]</source>
        <translation>dᵀΔg/ε = %1 ± %2; ‖Δg‖/ε = %3 ± %4 [%5]</translation>
    </message>
    <message>
        <source>λmax (%1)</source>
        <translation>λmax (%1)</translation>
    </message>
    <message>
        <source>%1 after %2 iterations%3 [%4]</source>
        <translation>%1 after %2 iterations%3 [%4]</translation>
    </message>
    <message>
        <source>, not converged</source>
        <translation>, not converged</translation>
    </message>
    <message>
        <source>%1 ± %2 (%3 samples) [%4]</source>
        <translation>%1 ± %2 (%3 samples) [%4]</translation>
    </message>
    <message>
        <source>mean ΔL %1, worst ΔL %2, radius %3 [%4]</source>
        <translation>mean ΔL %1, worst ΔL %2, radius %3 [%4]</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>Surface</translation>
    </message>
    <message>
        <source>%1 × %2 points, %3, cos∠(d₁, d₂) = %4 [%5]</source>
        <translation>%1 × %2 points, %3, cos∠(d₁, d₂) = %4 [%5]</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selection</translation>
    </message>
    <message>
        <source>No region selected.</source>
        <translation>No region selected.</translation>
    </message>
    <message>
        <source>%1 points selected in the %2, x ∈ [%3, %4], y ∈ [%5, %6].</source>
        <translation>%1 points selected in the %2, x ∈ [%3, %4], y ∈ [%5, %6].</translation>
    </message>
    <message>
        <source>PCA map</source>
        <translation>PCA map</translation>
    </message>
    <message>
        <source>heatmap</source>
        <translation>heatmap</translation>
    </message>
    <message>
        <source>… and %1 more (export the selection for all).</source>
        <translation>… and %1 more (export the selection for all).</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>tr(H) (%1)</source>
        <translation>tr(H) (%1)</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spectrum</translation>
    </message>
    <message>
        <source>top %1, bottom %2, density %3 runs × %4 steps; exact Hessian up to %5 parameters</source>
        <translation>top %1, bottom %2, density %3 runs × %4 steps; exact Hessian up to %5 parameters</translation>
    </message>
    <message>
        <source>%1 [%2]</source>
        <translation>%1 [%2]</translation>
    </message>
    <message>
        <source>Largest eigenvalues</source>
        <translation>Largest eigenvalues</translation>
    </message>
    <message>
        <source>Smallest eigenvalues</source>
        <translation>Smallest eigenvalues</translation>
    </message>
    <message>
        <source>Every eigenvalue</source>
        <translation>Every eigenvalue</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Model output</source>
        <translation>Model output</translation>
    </message>
</context>
<context>
    <name>StudyKeys</name>
    <message>
        <source>log scale</source>
        <translation>log scale</translation>
    </message>
    <message>
        <source>loss / parameter-unit²</source>
        <translation>loss / parameter-unit²</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>examples</translation>
    </message>
    <message>
        <source>dimensionless</source>
        <translation>dimensionless</translation>
    </message>
    <message>
        <source>FD curvature (%1 directions)</source>
        <translation>FD curvature (%1 directions)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight decay</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <source>SAM ρ</source>
        <translation>SAM ρ</translation>
    </message>
    <message>
        <source>Initial weight scale</source>
        <translation>Initial weight scale</translation>
    </message>
    <message>
        <source>Loss before the burst</source>
        <translation>Loss before the burst</translation>
    </message>
    <message>
        <source>Loss after the burst</source>
        <translation>Loss after the burst</translation>
    </message>
    <message>
        <source>Loss change over the burst</source>
        <translation>Loss change over the burst</translation>
    </message>
    <message>
        <source>log(loss after / before the burst)</source>
        <translation>log(loss after / before the burst)</translation>
    </message>
    <message>
        <source>Validation metric after the burst</source>
        <translation>Validation metric after the burst</translation>
    </message>
    <message>
        <source>Gradient norm ‖∇L‖</source>
        <translation>Gradient norm ‖∇L‖</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>lr·λmax</source>
        <translation>lr·λmax</translation>
    </message>
    <message>
        <source>Stability bound B/lr</source>
        <translation>Stability bound B/lr</translation>
    </message>
    <message>
        <source>λmax / stability bound</source>
        <translation>λmax / stability bound</translation>
    </message>
    <message>
        <source>tr(H)</source>
        <translation>tr(H)</translation>
    </message>
    <message>
        <source>Perturbation sensitivity</source>
        <translation>Perturbation sensitivity</translation>
    </message>
    <message>
        <source>Predicted outcome</source>
        <translation>Predicted outcome</translation>
    </message>
    <message>
        <source>Promisingness</source>
        <translation>Promisingness</translation>
    </message>
    <message>
        <source>Measured outcome</source>
        <translation>Measured outcome</translation>
    </message>
    <message>
        <source>Grey: no predicted outcomes yet. The meta-model predicts outcomes once configurations have full runs (Train selected / Train next N).</source>
        <translation>Grey: no predicted outcomes yet. The meta-model predicts outcomes once configurations have full runs (Train selected / Train next N).</translation>
    </message>
    <message>
        <source>Grey: no measured outcomes yet. Train configurations fully (Train selected / Train next N).</source>
        <translation>Grey: no measured outcomes yet. Train configurations fully (Train selected / Train next N).</translation>
    </message>
    <message>
        <source>Grey: no probed configuration has a value for %1.</source>
        <translation>Grey: no probed configuration has a value for %1.</translation>
    </message>
</context>
<context>
    <name>StudyReport</name>
    <message>
        <source>Borehole study report</source>
        <translation>Borehole study report</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Outcome metric</source>
        <translation>Outcome metric</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>Configurations</translation>
    </message>
    <message>
        <source>%1: %2 done, %3 failed, %4 pending, %5 running; %6 full runs</source>
        <translation>%1: %2 done, %3 failed, %4 pending, %5 running; %6 full runs</translation>
    </message>
    <message>
        <source>Meta-model</source>
        <translation>Meta-model</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>outcome model (fitted on full-run outcomes)</source>
        <translation>outcome model (fitted on full-run outcomes)</translation>
    </message>
    <message>
        <source>proxy model (probe score; no outcome model yet)</source>
        <translation>proxy model (probe score; no outcome model yet)</translation>
    </message>
    <message>
        <source>Ensemble members</source>
        <translation>Ensemble members</translation>
    </message>
    <message>
        <source>Training rows</source>
        <translation>Training rows</translation>
    </message>
    <message>
        <source>Validation error</source>
        <translation>Validation error</translation>
    </message>
    <message>
        <source>RMSE %1 (fitted units%2), Spearman ρ %3 on held-out rows</source>
        <translation>RMSE %1 (fitted units%2), Spearman ρ %3 on held-out rows</translation>
    </message>
    <message>
        <source>: log of the metric</source>
        <translation>: log of the metric</translation>
    </message>
    <message>
        <source>too few rows to hold any out</source>
        <translation>too few rows to hold any out</translation>
    </message>
    <message>
        <source>Fitted</source>
        <translation>Fitted</translation>
    </message>
    <message>
        <source>No meta-model fitted yet.</source>
        <translation>No meta-model fitted yet.</translation>
    </message>
    <message>
        <source>Ranking (most promising first)</source>
        <translation>Ranking (most promising first)</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Hyperparameters</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Predicted</translation>
    </message>
    <message>
        <source>±</source>
        <translation>±</translation>
    </message>
    <message>
        <source>Promisingness</source>
        <translation>Promisingness</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Measured</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>diverged</translation>
    </message>
    <message>
        <source>… and %1 more configurations.</source>
        <translation>… and %1 more configurations.</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>Maps</translation>
    </message>
    <message>
        <source>Target mode</source>
        <translation>Target mode</translation>
    </message>
    <message>
        <source>No target set.</source>
        <translation>No target set.</translation>
    </message>
    <message>
        <source>Target %1, probability ≥ %2.</source>
        <translation>Target %1, probability ≥ %2.</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probability</translation>
    </message>
    <message>
        <source>Full-run cost</source>
        <translation>Full-run cost</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>Spec</translation>
    </message>
    <message>
        <source>Probe-halving rungs</source>
        <translation>Probe-halving rungs</translation>
    </message>
    <message>
        <source>Rung</source>
        <translation>Rung</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validation</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Probe-halving (η = %1): no rung opened yet; rung 1 opens when every configuration is probed.</source>
        <translation>Probe-halving (η = %1): no rung opened yet; rung 1 opens when every configuration is probed.</translation>
    </message>
    <message>
        <source>Probe-halving (η = %1): %2 rung runs up to rung %3.</source>
        <translation>Probe-halving (η = %1): %2 rung runs up to rung %3.</translation>
    </message>
    <message>
        <source>Rung %1 → %2 (%3 entrants): the score promoted %4, as the validation alone would have.</source>
        <translation>Rung %1 → %2 (%3 entrants): the score promoted %4, as the validation alone would have.</translation>
    </message>
    <message>
        <source>Rung %1 → %2 (%3 entrants): the score promoted %4; the validation alone (plain successive halving) would have promoted %5.</source>
        <translation>Rung %1 → %2 (%3 entrants): the score promoted %4; the validation alone (plain successive halving) would have promoted %5.</translation>
    </message>
    <message>
        <source>Database %1, written by %2 on %3.</source>
        <translation>Database %1, written by %2 on %3.</translation>
    </message>
    <message>
        <source>Chosen configuration</source>
        <translation>Chosen configuration</translation>
    </message>
    <message>
        <source>Configuration #%1, chosen by %2.</source>
        <translation>Configuration #%1, chosen by %2.</translation>
    </message>
    <message>
        <source>lr·λmax / bound</source>
        <translation>lr·λmax / bound</translation>
    </message>
    <message>
        <source>Loss after burst</source>
        <translation>Loss after burst</translation>
    </message>
    <message>
        <source>Fewer than two configurations were trained fully: nothing to replay the baselines on yet.</source>
        <translation>Fewer than two configurations were trained fully: nothing to replay the baselines on yet.</translation>
    </message>
    <message>
        <source>Every full run diverged: there is no pick to compare.</source>
        <translation>Every full run diverged: there is no pick to compare.</translation>
    </message>
    <message>
        <source>%1 configurations were trained fully; the best, #%2, reached %3.</source>
        <translation>%1 configurations were trained fully; the best, #%2, reached %3.</translation>
    </message>
    <message>
        <source>The first one trained (the probe ranking&apos;s pick when the active loop chose it), #%1, diverged.</source>
        <translation>The first one trained (the probe ranking&apos;s pick when the active loop chose it), #%1, diverged.</translation>
    </message>
    <message>
        <source>The first one trained (the probe ranking&apos;s pick when the active loop chose it), #%1, is %2 off the best.</source>
        <translation>The first one trained (the probe ranking&apos;s pick when the active loop chose it), #%1, is %2 off the best.</translation>
    </message>
    <message>
        <source>Successive halving (η = %1) would train every configuration fully here: too few configurations or too coarse curves for a rung.</source>
        <translation>Successive halving (η = %1) would train every configuration fully here: too few configurations or too coarse curves for a rung.</translation>
    </message>
    <message>
        <source>Successive halving (η = %1, rungs: %2) replayed on the recorded curves would have picked #%3, %4 off the best, with %5 % of the compute of training every configuration fully.</source>
        <translation>Successive halving (η = %1, rungs: %2) replayed on the recorded curves would have picked #%3, %4 off the best, with %5 % of the compute of training every configuration fully.</translation>
    </message>
    <message>
        <source>Random search with that compute (the best of %1 random full runs) is on average %2 off the best; it does at least as well as the first pick with probability %3.</source>
        <translation>Random search with that compute (the best of %1 random full runs) is on average %2 off the best; it does at least as well as the first pick with probability %3.</translation>
    </message>
    <message>
        <source>Random search with that compute (the best of %1 random full runs) can pick a run that diverged; it does at least as well as the first pick with probability %2.</source>
        <translation>Random search with that compute (the best of %1 random full runs) can pick a run that diverged; it does at least as well as the first pick with probability %2.</translation>
    </message>
    <message>
        <source>The LR range test needs runs of its own and is not replayed here.</source>
        <translation>The LR range test needs runs of its own and is not replayed here.</translation>
    </message>
    <message>
        <source>The pick against the baselines</source>
        <translation>The pick against the baselines</translation>
    </message>
    <message>
        <source>transferred model (fitted on other tasks, fine-tuned on this study&apos;s full runs)</source>
        <translation>transferred model (fitted on other tasks, fine-tuned on this study&apos;s full runs)</translation>
    </message>
    <message>
        <source>RMSE %1 (fitted units%2), Spearman ρ %3 on this study&apos;s full runs, before fine-tuning on them</source>
        <translation>RMSE %1 (fitted units%2), Spearman ρ %3 on this study&apos;s full runs, before fine-tuning on them</translation>
    </message>
    <message>
        <source>not measured: fewer than 2 full runs in this study</source>
        <translation>not measured: fewer than 2 full runs in this study</translation>
    </message>
</context>
<context>
    <name>borehole::ColourMenu</name>
    <message>
        <source>C&amp;olour</source>
        <translation>C&amp;olour</translation>
    </message>
    <message>
        <source>&amp;Lock Range to Shown Data</source>
        <translation>&amp;Lock Range to Shown Data</translation>
    </message>
    <message>
        <source>Colour every probe on the loss range shown now, so that probes compare by colour; uncheck to colour each probe over its own range</source>
        <translation>Colour every probe on the loss range shown now, so that probes compare by colour; uncheck to colour each probe over its own range</translation>
    </message>
    <message>
        <source>Set &amp;Range…</source>
        <translation>Set &amp;Range…</translation>
    </message>
    <message>
        <source>The lowest value &apos;%1&apos; is not a number.</source>
        <translation>The lowest value &apos;%1&apos; is not a number.</translation>
    </message>
    <message>
        <source>The highest value &apos;%1&apos; is not a number.</source>
        <translation>The highest value &apos;%1&apos; is not a number.</translation>
    </message>
    <message>
        <source>The lowest value must be below the highest.</source>
        <translation>The lowest value must be below the highest.</translation>
    </message>
    <message>
        <source>Colour Range</source>
        <translation>Colour Range</translation>
    </message>
    <message>
        <source>Colour the loss between these values in the 3D view, the heatmap and the PCA map; values outside take the end colours.</source>
        <translation>Colour the loss between these values in the 3D view, the heatmap and the PCA map; values outside take the end colours.</translation>
    </message>
    <message>
        <source>Lowest value:</source>
        <translation>Lowest value:</translation>
    </message>
    <message>
        <source>Highest value:</source>
        <translation>Highest value:</translation>
    </message>
    <message>
        <source>&amp;Lock Range to Shown Data (locked: %1 to %2)</source>
        <translation>&amp;Lock Range to Shown Data (locked: %1 to %2)</translation>
    </message>
</context>
<context>
    <name>borehole::CompareView</name>
    <message>
        <source>α (× direction)</source>
        <translation>α (× direction)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>eigenvalue λ</source>
        <translation>eigenvalue λ</translation>
    </message>
    <message>
        <source>spectral density φ(λ)</source>
        <translation>spectral density φ(λ)</translation>
    </message>
    <message>
        <source>A:</source>
        <translation>A:</translation>
    </message>
    <message>
        <source>minus B:</source>
        <translation>minus B:</translation>
    </message>
    <message>
        <source>1D lines</source>
        <translation>1D lines</translation>
    </message>
    <message>
        <source>Spectral density</source>
        <translation>Spectral density</translation>
    </message>
    <message>
        <source>Surface difference</source>
        <translation>Surface difference</translation>
    </message>
    <message>
        <source>Tick two probes with surfaces in the Probes list to see their difference.</source>
        <translation>Tick two probes with surfaces in the Probes list to see their difference.</translation>
    </message>
    <message>
        <source>Choose two different probes.</source>
        <translation>Choose two different probes.</translation>
    </message>
    <message>
        <source>Both probes need a surface.</source>
        <translation>Both probes need a surface.</translation>
    </message>
    <message>
        <source>A − B on their common %1 × %2 grid: from %3 to %4.</source>
        <translation>A − B on their common %1 × %2 grid: from %3 to %4.</translation>
    </message>
    <message>
        <source>The directions differ in kind (%1 against %2), so the same α, β are different points of the two landscapes.</source>
        <translation>The directions differ in kind (%1 against %2), so the same α, β are different points of the two landscapes.</translation>
    </message>
    <message>
        <source>Different models: each surface spans its own θ along directions drawn (and filter-normalised) for that model.</source>
        <translation>Different models: each surface spans its own θ along directions drawn (and filter-normalised) for that model.</translation>
    </message>
    <message>
        <source>curvature</source>
        <translation>curvature</translation>
    </message>
    <message>
        <source>FD random
‖ΔG‖/ε</source>
        <translation>FD random
‖ΔG‖/ε</translation>
    </message>
    <message>
        <source>FD gradient
‖ΔG‖/ε</source>
        <translation>FD gradient
‖ΔG‖/ε</translation>
    </message>
    <message>
        <source>FD PCA
‖ΔG‖/ε</source>
        <translation>FD PCA
‖ΔG‖/ε</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>Curvature</source>
        <translation>Curvature</translation>
    </message>
</context>
<context>
    <name>borehole::CurvaturePlot</name>
    <message>
        <source>Export plot…</source>
        <translation>Export plot…</translation>
    </message>
    <message>
        <source>Save the plot shown as PNG, SVG or PDF</source>
        <translation>Save the plot shown as PNG, SVG or PDF</translation>
    </message>
    <message>
        <source>Curvature by direction</source>
        <translation>Curvature by direction</translation>
    </message>
    <message>
        <source>λmax convergence</source>
        <translation>λmax convergence</translation>
    </message>
    <message>
        <source>Trace estimate</source>
        <translation>Trace estimate</translation>
    </message>
    <message>
        <source>1D line</source>
        <translation>1D line</translation>
    </message>
    <message>
        <source>mean dᵀΔg/ε</source>
        <translation>mean dᵀΔg/ε</translation>
    </message>
    <message>
        <source>λmax (%1) = %2</source>
        <translation>λmax (%1) = %2</translation>
    </message>
    <message>
        <source>direction kind</source>
        <translation>direction kind</translation>
    </message>
    <message>
        <source>directional curvature dᵀ(∇L(θ+εd)−∇L(θ))/ε</source>
        <translation>directional curvature dᵀ(∇L(θ+εd)−∇L(θ))/ε</translation>
    </message>
    <message>
        <source>%1 estimate</source>
        <translation>%1 estimate</translation>
    </message>
    <message>
        <source>%1 relative error bound</source>
        <translation>%1 relative error bound</translation>
    </message>
    <message>
        <source>iteration (HVPs)</source>
        <translation>iteration (HVPs)</translation>
    </message>
    <message>
        <source>λmax estimate</source>
        <translation>λmax estimate</translation>
    </message>
    <message>
        <source>relative error bound (dashed) [1]</source>
        <translation>relative error bound (dashed) [1]</translation>
    </message>
    <message>
        <source>final ± standard error</source>
        <translation>final ± standard error</translation>
    </message>
    <message>
        <source>Rademacher samples (HVPs)</source>
        <translation>Rademacher samples (HVPs)</translation>
    </message>
    <message>
        <source>tr(H) estimate</source>
        <translation>tr(H) estimate</translation>
    </message>
    <message>
        <source>current θ</source>
        <translation>current θ</translation>
    </message>
    <message>
        <source>running %1 estimate</source>
        <translation>running %1 estimate</translation>
    </message>
    <message>
        <source>loss / parameter-unit²</source>
        <translation>loss / parameter-unit²</translation>
    </message>
</context>
<context>
    <name>borehole::DataPanel</name>
    <message>
        <source>The column the model predicts</source>
        <translation>The column the model predicts</translation>
    </message>
    <message>
        <source>Columns fed to the model, in this order. Unchecked columns are ignored.</source>
        <translation>Columns fed to the model, in this order. Unchecked columns are ignored.</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>Regression</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Regression uses the MSE loss; classification uses cross-entropy on integer labels 0..C−1</source>
        <translation>Regression uses the MSE loss; classification uses cross-entropy on integer labels 0..C−1</translation>
    </message>
    <message>
        <source>Standardise features</source>
        <translation>Standardise features</translation>
    </message>
    <message>
        <source>Zero mean, unit variance per feature, with statistics of the training rows only</source>
        <translation>Zero mean, unit variance per feature, with statistics of the training rows only</translation>
    </message>
    <message>
        <source>Standardise targets</source>
        <translation>Standardise targets</translation>
    </message>
    <message>
        <source>Regression only: losses are then in standardised target units. Use it when the model was trained that way.</source>
        <translation>Regression only: losses are then in standardised target units. Use it when the model was trained that way.</translation>
    </message>
    <message>
        <source>Fraction of rows held out for the validation metric</source>
        <translation>Fraction of rows held out for the validation metric</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Target:</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Features:</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Task:</translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation>Validation fraction:</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: classification (%2 distinct whole-number labels, %3 to %4). The model needs one output per class.</source>
        <translation>Task guessed from &apos;%1&apos;: classification (%2 distinct whole-number labels, %3 to %4). The model needs one output per class.</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: regression (not a small set of whole-number labels).</source>
        <translation>Task guessed from &apos;%1&apos;: regression (not a small set of whole-number labels).</translation>
    </message>
    <message>
        <source>forward() returns several tensors (e.g. logits and features): the one that is the prediction. Found by a trial forward on one row.</source>
        <translation>forward() returns several tensors (e.g. logits and features): the one that is the prediction. Found by a trial forward on one row.</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>forward() returns a %1 of %2 tensors (shapes on one row): choose the prediction.</source>
        <translation>forward() returns a %1 of %2 tensors (shapes on one row): choose the prediction.</translation>
    </message>
    <message>
        <source>forward() returns one tensor, %1 on one row.</source>
        <translation>forward() returns one tensor, %1 on one row.</translation>
    </message>
    <message>
        <source>The model does not run on this data: %1</source>
        <translation>The model does not run on this data: %1</translation>
    </message>
    <message>
        <source>The model and the data do not fit: %1</source>
        <translation>The model and the data do not fit: %1</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: regression. Its %2 whole-number values could be class labels, but the model has one output per row, and classification needs one per class.</source>
        <translation>Task guessed from &apos;%1&apos;: regression. Its %2 whole-number values could be class labels, but the model has one output per row, and classification needs one per class.</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: classification (%2 distinct whole-number labels, all below the model&apos;s %3 outputs per row).</source>
        <translation>Task guessed from &apos;%1&apos;: classification (%2 distinct whole-number labels, all below the model&apos;s %3 outputs per row).</translation>
    </message>
</context>
<context>
    <name>borehole::FileLoader</name>
    <message>
        <source>Loading model %1…</source>
        <translation>Loading model %1…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>Opening workspace %1…</source>
        <translation>Opening workspace %1…</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Clear list</translation>
    </message>
</context>
<context>
    <name>borehole::HeatmapView</name>
    <message>
        <source>current θ</source>
        <translation>current θ</translation>
    </message>
    <message>
        <source>Colour the map by the loss or by the local curvature</source>
        <translation>Colour the map by the loss or by the local curvature</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Save the heatmap as PNG, SVG or PDF</source>
        <translation>Save the heatmap as PNG, SVG or PDF</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Colour:</translation>
    </message>
    <message>
        <source>grid curvature ∂²/∂α² + ∂²/∂β²</source>
        <translation>grid curvature ∂²/∂α² + ∂²/∂β²</translation>
    </message>
    <message>
        <source>α = %1, β = %2
%3 = %4</source>
        <translation>α = %1, β = %2
%3 = %4</translation>
    </message>
    <message>
        <source>
grid curvature = %1</source>
        <translation>
grid curvature = %1</translation>
    </message>
    <message>
        <source>contour lines</source>
        <translation>contour lines</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>Contours</translation>
    </message>
    <message>
        <source>Draw ten evenly spaced contour lines of the shown value</source>
        <translation>Draw ten evenly spaced contour lines of the shown value</translation>
    </message>
    <message>
        <source>Drag or click to select, Shift+click to extend; hover to read values.</source>
        <translation>Drag or click to select, Shift+click to extend; hover to read values.</translation>
    </message>
</context>
<context>
    <name>borehole::JobWorker</name>
    <message>
        <source>Internal error: the job ended without a result.</source>
        <translation>Internal error: the job ended without a result.</translation>
    </message>
</context>
<context>
    <name>borehole::MainWindow</name>
    <message>
        <source>%1 forward, %2 gradient, %3 HVP, %4 s</source>
        <translation>%1 forward, %2 gradient, %3 HVP, %4 s</translation>
    </message>
    <message>
        <source>Borehole</source>
        <translation>Borehole</translation>
    </message>
    <message>
        <source>Open a model (.pt) and a data set (.csv) to start.</source>
        <translation>Open a model (.pt) and a data set (.csv) to start.</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>Open &amp;Model…</translation>
    </message>
    <message>
        <source>Open a TorchScript model (.pt) (%1)</source>
        <translation>Open a TorchScript model (.pt) (%1)</translation>
    </message>
    <message>
        <source>Open TorchScript model</source>
        <translation>Open TorchScript model</translation>
    </message>
    <message>
        <source>TorchScript models (*.pt *.pth);;All files (*)</source>
        <translation>TorchScript models (*.pt *.pth);;All files (*)</translation>
    </message>
    <message>
        <source>Open &amp;Data…</source>
        <translation>Open &amp;Data…</translation>
    </message>
    <message>
        <source>Open a CSV data set with a header row (%1)</source>
        <translation>Open a CSV data set with a header row (%1)</translation>
    </message>
    <message>
        <source>Open CSV data set</source>
        <translation>Open CSV data set</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>Open &amp;Workspace…</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Open workspace</translation>
    </message>
    <message>
        <source>Borehole workspaces (*.borehole *.json);;All files (*)</source>
        <translation>Borehole workspaces (*.borehole *.json);;All files (*)</translation>
    </message>
    <message>
        <source>&amp;Save Workspace</source>
        <translation>&amp;Save Workspace</translation>
    </message>
    <message>
        <source>Save Workspace &amp;As…</source>
        <translation>Save Workspace &amp;As…</translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation>Save workspace</translation>
    </message>
    <message>
        <source>Borehole workspaces (*.borehole *.json)</source>
        <translation>Borehole workspaces (*.borehole *.json)</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>Export &amp;Report…</translation>
    </message>
    <message>
        <source>Save the probe report as HTML or PDF</source>
        <translation>Save the probe report as HTML or PDF</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export &amp;Selection…</source>
        <translation>Export &amp;Selection…</translation>
    </message>
    <message>
        <source>Save the selected region as JSON or CSV</source>
        <translation>Save the selected region as JSON or CSV</translation>
    </message>
    <message>
        <source>Export selection</source>
        <translation>Export selection</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Run Probe</source>
        <translation>&amp;Run Probe</translation>
    </message>
    <message>
        <source>Run the selected probes (F5)</source>
        <translation>Run the selected probes (F5)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Stop the running probe after its current step (Esc)</source>
        <translation>Stop the running probe after its current step (Esc)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation>&amp;Probe</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Reset &amp;Camera</source>
        <translation>Reset &amp;Camera</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Borehole</source>
        <translation>&amp;About Borehole</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>Model: none</source>
        <translation>Model: none</translation>
    </message>
    <message>
        <source>Data: none</source>
        <translation>Data: none</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>Export selection…</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selection</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Probe running</source>
        <translation>Probe running</translation>
    </message>
    <message>
        <source>Cancel the running probe before opening a model.</source>
        <translation>Cancel the running probe before opening a model.</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>Cannot open model</translation>
    </message>
    <message>
        <source>Opened model %1 (%2 parameters)</source>
        <translation>Opened model %1 (%2 parameters)</translation>
    </message>
    <message>
        <source>Cancel the running probe before opening data.</source>
        <translation>Cancel the running probe before opening data.</translation>
    </message>
    <message>
        <source>Cannot open data</source>
        <translation>Cannot open data</translation>
    </message>
    <message>
        <source>Opened data %1 (%2 rows, %3 columns)</source>
        <translation>Opened data %1 (%2 rows, %3 columns)</translation>
    </message>
    <message>
        <source>Cannot save workspace</source>
        <translation>Cannot save workspace</translation>
    </message>
    <message>
        <source>Saved workspace %1</source>
        <translation>Saved workspace %1</translation>
    </message>
    <message>
        <source>Workspace saved to %1</source>
        <translation>Workspace saved to %1</translation>
    </message>
    <message>
        <source>Cancel the running probe before opening a workspace.</source>
        <translation>Cancel the running probe before opening a workspace.</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Cannot open workspace</translation>
    </message>
    <message>
        <source>Opened workspace %1</source>
        <translation>Opened workspace %1</translation>
    </message>
    <message>
        <source>Nothing to probe</source>
        <translation>Nothing to probe</translation>
    </message>
    <message>
        <source>Open a model (.pt) and a data set (.csv) first.</source>
        <translation>Open a model (.pt) and a data set (.csv) first.</translation>
    </message>
    <message>
        <source>Probing…</source>
        <translation>Probing…</translation>
    </message>
    <message>
        <source>Probe started: %1 directions × K=%2, surface %3, seed %4</source>
        <translation>Probe started: %1 directions × K=%2, surface %3, seed %4</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>estimating…</translation>
    </message>
    <message>
        <source>Probing… %1 % — %2 elapsed, about %3 left</source>
        <translation>Probing… %1 % — %2 elapsed, about %3 left</translation>
    </message>
    <message>
        <source>Probe finished in %1 s</source>
        <translation>Probe finished in %1 s</translation>
    </message>
    <message>
        <source>  loss and gradient: %1</source>
        <translation>  loss and gradient: %1</translation>
    </message>
    <message>
        <source>  FD curvature %1 (K=%2): %3</source>
        <translation>  FD curvature %1 (K=%2): %3</translation>
    </message>
    <message>
        <source>  power iteration (%1 iterations): %2</source>
        <translation>  power iteration (%1 iterations): %2</translation>
    </message>
    <message>
        <source>  Lanczos (%1 iterations): %2</source>
        <translation>  Lanczos (%1 iterations): %2</translation>
    </message>
    <message>
        <source>  sharpness (%1 perturbations): %2</source>
        <translation>  sharpness (%1 perturbations): %2</translation>
    </message>
    <message>
        <source>  1D line (%1 points): %2</source>
        <translation>  1D line (%1 points): %2</translation>
    </message>
    <message>
        <source>  2D surface (%1×%2): %3</source>
        <translation>  2D surface (%1×%2): %3</translation>
    </message>
    <message>
        <source>  total: %1</source>
        <translation>  total: %1</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>n/a</translation>
    </message>
    <message>
        <source>Probe failed.</source>
        <translation>Probe failed.</translation>
    </message>
    <message>
        <source>Probe failed</source>
        <translation>Probe failed</translation>
    </message>
    <message>
        <source>Probe cancelled after %1 s; previous results kept.</source>
        <translation>Probe cancelled after %1 s; previous results kept.</translation>
    </message>
    <message>
        <source>Probe cancelled</source>
        <translation>Probe cancelled</translation>
    </message>
    <message>
        <source>%1 points selected; lowest %2 = %3 at α = %4, β = %5</source>
        <translation>%1 points selected; lowest %2 = %3 at α = %4, β = %5</translation>
    </message>
    <message>
        <source>No grid points in the selected region.</source>
        <translation>No grid points in the selected region.</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Nothing selected</translation>
    </message>
    <message>
        <source>Drag a rectangle in the heatmap or the PCA map to select points first.</source>
        <translation>Drag a rectangle in the heatmap or the PCA map to select points first.</translation>
    </message>
    <message>
        <source>Cannot export selection</source>
        <translation>Cannot export selection</translation>
    </message>
    <message>
        <source>Exported %1 selected points to %2</source>
        <translation>Exported %1 selected points to %2</translation>
    </message>
    <message>
        <source>No report</source>
        <translation>No report</translation>
    </message>
    <message>
        <source>Run a probe (or open a workspace with results) first.</source>
        <translation>Run a probe (or open a workspace with results) first.</translation>
    </message>
    <message>
        <source>Cannot export report</source>
        <translation>Cannot export report</translation>
    </message>
    <message>
        <source>Exported report to %1</source>
        <translation>Exported report to %1</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Report written to %1</translation>
    </message>
    <message>
        <source>Cannot export view</source>
        <translation>Cannot export view</translation>
    </message>
    <message>
        <source>Exported view to %1</source>
        <translation>Exported view to %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Model:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>&lt;b&gt;Data:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Data:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>unavailable (%1)</source>
        <translation>unavailable (%1)</translation>
    </message>
    <message>
        <source>%1 parameters in %2 tensors, %3 layers%4</source>
        <translation>%1 parameters in %2 tensors, %3 layers%4</translation>
    </message>
    <message>
        <source>, has buffers</source>
        <translation>, has buffers</translation>
    </message>
    <message>
        <source>%1 rows, %2 columns</source>
        <translation>%1 rows, %2 columns</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Device: %1</translation>
    </message>
    <message>
        <source>%1 — Borehole</source>
        <translation>%1 — Borehole</translation>
    </message>
    <message>
        <source>About Borehole</source>
        <translation>About Borehole</translation>
    </message>
    <message>
        <source>&amp;Training Panel</source>
        <translation>&amp;Training Panel</translation>
    </message>
    <message>
        <source>St&amp;udy Panel</source>
        <translation>St&amp;udy Panel</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>  %1 trace (%2 samples): %3</source>
        <translation>  %1 trace (%2 samples): %3</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Borehole %1&lt;/h3&gt;&lt;p&gt;Drills into the loss landscape of a TorchScript model: finite-difference curvature, top Hessian eigenvalue (power iteration, Lanczos), Hutch++ and Hutchinson trace, ε-sharpness and 1D/2D loss landscapes.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Borehole %1&lt;/h3&gt;&lt;p&gt;Drills into the loss landscape of a TorchScript model: finite-difference curvature, top Hessian eigenvalue (power iteration, Lanczos), Hutch++ and Hutchinson trace, ε-sharpness and 1D/2D loss landscapes.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Training %1 in the training panel.</source>
        <translation>Training %1 in the training panel.</translation>
    </message>
    <message>
        <source>Opened %1 with its saved results: L(θ) = %2</source>
        <translation>Opened %1 with its saved results: L(θ) = %2</translation>
    </message>
    <message>
        <source>Ready: press Run (F5) to probe.</source>
        <translation>Ready: press Run (F5) to probe.</translation>
    </message>
    <message>
        <source>  spectrum (%1): %2</source>
        <translation>  spectrum (%1): %2</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;User Guide</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warning: %1</translation>
    </message>
    <message>
        <source>Done: L(θ) = %1, λmax = %2, in %3 s; %4</source>
        <translation>Done: L(θ) = %1, λmax = %2, in %3 s; %4</translation>
    </message>
    <message>
        <source>features standardised</source>
        <translation>features standardised</translation>
    </message>
    <message>
        <source>raw features</source>
        <translation>raw features</translation>
    </message>
    <message>
        <source>Borehole User Guide</source>
        <translation>Borehole User Guide</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source> or </source>
        <translation> or </translation>
    </message>
    <message>
        <source>Surface 3D: reset the camera</source>
        <translation>Surface 3D: reset the camera</translation>
    </message>
    <message>
        <source>Heatmap: select a point / extend the selection</source>
        <translation>Heatmap: select a point / extend the selection</translation>
    </message>
    <message>
        <source>Click / Shift+Click</source>
        <translation>Click / Shift+Click</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>Probes</translation>
    </message>
    <message>
        <source>Showing %1: L(θ) = %2</source>
        <translation>Showing %1: L(θ) = %2</translation>
    </message>
</context>
<context>
    <name>borehole::PcaView</name>
    <message>
        <source>Colour each bin by the mean of this value over its points</source>
        <translation>Colour each bin by the mean of this value over its points</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Save the PCA map as PNG, SVG or PDF</source>
        <translation>Save the PCA map as PNG, SVG or PDF</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Colour:</translation>
    </message>
    <message>
        <source>grid curvature ∂²/∂α² + ∂²/∂β²</source>
        <translation>grid curvature ∂²/∂α² + ∂²/∂β²</translation>
    </message>
    <message>
        <source>PC1 (%1 % of variance) [standardised score]</source>
        <translation>PC1 (%1 % of variance) [standardised score]</translation>
    </message>
    <message>
        <source>PC2 (%1 % of variance) [standardised score]</source>
        <translation>PC2 (%1 % of variance) [standardised score]</translation>
    </message>
</context>
<context>
    <name>borehole::ProbeHistory</name>
    <message>
        <source>saved</source>
        <translation>saved</translation>
    </message>
</context>
<context>
    <name>borehole::ProbeHistoryPanel</name>
    <message>
        <source>Every probe of this session or workspace. Tick the probes to compare (Compare tab); double-click one to show it in the views; F2 renames.</source>
        <translation>Every probe of this session or workspace. Tick the probes to compare (Compare tab); double-click one to show it in the views; F2 renames.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Shown in the views now</source>
        <translation>Shown in the views now</translation>
    </message>
</context>
<context>
    <name>borehole::ProbeWorker</name>
    <message>
        <source>Unknown error while probing.</source>
        <translation>Unknown error while probing.</translation>
    </message>
</context>
<context>
    <name>borehole::ResultsViews</name>
    <message>
        <source>Run a probe to see its summary here.</source>
        <translation>Run a probe to see its summary here.</translation>
    </message>
    <message>
        <source>Surface 3D</source>
        <translation>Surface 3D</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>PCA map</source>
        <translation>PCA map</translation>
    </message>
    <message>
        <source>Curvature</source>
        <translation>Curvature</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spectrum</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>Partial results: the probe is still running; this shows the probes finished so far.</source>
        <translation>Partial results: the probe is still running; this shows the probes finished so far.</translation>
    </message>
    <message>
        <source>Loss surface (3D)</source>
        <translation>Loss surface (3D)</translation>
    </message>
    <message>
        <source>L(θ + α·d₁ + β·d₂); the red marker is the current θ.</source>
        <translation>L(θ + α·d₁ + β·d₂); the red marker is the current θ.</translation>
    </message>
    <message>
        <source>Loss heatmap</source>
        <translation>Loss heatmap</translation>
    </message>
    <message>
        <source>The same grid seen from above.</source>
        <translation>The same grid seen from above.</translation>
    </message>
    <message>
        <source>Grid points projected onto the first two principal components of their local shape features, binned and coloured by the mean value.</source>
        <translation>Grid points projected onto the first two principal components of their local shape features, binned and coloured by the mean value.</translation>
    </message>
    <message>
        <source>Hessian spectrum</source>
        <translation>Hessian spectrum</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)</source>
        <translation>PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Export view</translation>
    </message>
</context>
<context>
    <name>borehole::SelectionTable</name>
    <message>
        <source>ix</source>
        <translation>ix</translation>
    </message>
    <message>
        <source>iy</source>
        <translation>iy</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <source>value</source>
        <translation>value</translation>
    </message>
    <message>
        <source>curvature</source>
        <translation>curvature</translation>
    </message>
</context>
<context>
    <name>borehole::SettingsPanel</name>
    <message>
        <source>Curvature along directions</source>
        <translation>Curvature along directions</translation>
    </message>
    <message>
        <source>random</source>
        <translation>random</translation>
    </message>
    <message>
        <source>K random unit directions in parameter space</source>
        <translation>K random unit directions in parameter space</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>gradient</translation>
    </message>
    <message>
        <source>The normalised gradient direction (always one direction)</source>
        <translation>The normalised gradient direction (always one direction)</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>Principal components of mini-batch gradient samples</source>
        <translation>Principal components of mini-batch gradient samples</translation>
    </message>
    <message>
        <source>Number of directions K per kind</source>
        <translation>Number of directions K per kind</translation>
    </message>
    <message>
        <source>Finite-difference step ε along each unit direction, in parameter units</source>
        <translation>Finite-difference step ε along each unit direction, in parameter units</translation>
    </message>
    <message>
        <source>Kinds:</source>
        <translation>Kinds:</translation>
    </message>
    <message>
        <source>K:</source>
        <translation>K:</translation>
    </message>
    <message>
        <source>ε:</source>
        <translation>ε:</translation>
    </message>
    <message>
        <source>Power iteration</source>
        <translation>Power iteration</translation>
    </message>
    <message>
        <source>Dominant (largest magnitude) eigenvalue of the Hessian</source>
        <translation>Dominant (largest magnitude) eigenvalue of the Hessian</translation>
    </message>
    <message>
        <source>Lanczos</source>
        <translation>Lanczos</translation>
    </message>
    <message>
        <source>Largest algebraic eigenvalue, with full reorthogonalisation</source>
        <translation>Largest algebraic eigenvalue, with full reorthogonalisation</translation>
    </message>
    <message>
        <source>Stop when the relative change (power) or the relative residual bound (Lanczos) falls below this</source>
        <translation>Stop when the relative change (power) or the relative residual bound (Lanczos) falls below this</translation>
    </message>
    <message>
        <source>Iteration cap of both solvers (one HVP each)</source>
        <translation>Iteration cap of both solvers (one HVP each)</translation>
    </message>
    <message>
        <source>exact (double backward)</source>
        <translation>exact (double backward)</translation>
    </message>
    <message>
        <source>finite differences</source>
        <translation>finite differences</translation>
    </message>
    <message>
        <source>How Hessian-vector products are computed</source>
        <translation>How Hessian-vector products are computed</translation>
    </message>
    <message>
        <source>Estimate of tr(H) from Rademacher probes, with its standard error</source>
        <translation>Estimate of tr(H) from Rademacher probes, with its standard error</translation>
    </message>
    <message>
        <source>Most Rademacher samples for the trace estimate</source>
        <translation>Most Rademacher samples for the trace estimate</translation>
    </message>
    <message>
        <source>λmax:</source>
        <translation>λmax:</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>Tolerance:</translation>
    </message>
    <message>
        <source>Max iterations:</source>
        <translation>Max iterations:</translation>
    </message>
    <message>
        <source>HVP:</source>
        <translation>HVP:</translation>
    </message>
    <message>
        <source>Max samples:</source>
        <translation>Max samples:</translation>
    </message>
    <message>
        <source>Perturbation sensitivity</source>
        <translation>Perturbation sensitivity</translation>
    </message>
    <message>
        <source>ε-sharpness</source>
        <translation>ε-sharpness</translation>
    </message>
    <message>
        <source>Loss increase under random perturbations of radius ρ·‖θ‖</source>
        <translation>Loss increase under random perturbations of radius ρ·‖θ‖</translation>
    </message>
    <message>
        <source>Perturbation radius ρ, relative to ‖θ‖</source>
        <translation>Perturbation radius ρ, relative to ‖θ‖</translation>
    </message>
    <message>
        <source>Number of random perturbations</source>
        <translation>Number of random perturbations</translation>
    </message>
    <message>
        <source>ρ:</source>
        <translation>ρ:</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>Samples:</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>Loss landscape</translation>
    </message>
    <message>
        <source>1D line</source>
        <translation>1D line</translation>
    </message>
    <message>
        <source>L(θ + α·d) along one random direction</source>
        <translation>L(θ + α·d) along one random direction</translation>
    </message>
    <message>
        <source>2D surface</source>
        <translation>2D surface</translation>
    </message>
    <message>
        <source>L(θ + α·d₁ + β·d₂) on a grid (shown in 3D, heatmap and PCA map)</source>
        <translation>L(θ + α·d₁ + β·d₂) on a grid (shown in 3D, heatmap and PCA map)</translation>
    </message>
    <message>
        <source>Grid points per axis (the surface costs resolution² forward passes)</source>
        <translation>Grid points per axis (the surface costs resolution² forward passes)</translation>
    </message>
    <message>
        <source>α and β range over [−span, span], in units of the (filter-normalised) direction</source>
        <translation>α and β range over [−span, span], in units of the (filter-normalised) direction</translation>
    </message>
    <message>
        <source>Filter-normalised directions</source>
        <translation>Filter-normalised directions</translation>
    </message>
    <message>
        <source>Scale each filter of a direction to the norm of the matching filter of θ (Li et al. 2018)</source>
        <translation>Scale each filter of a direction to the norm of the matching filter of θ (Li et al. 2018)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>grid second differences</source>
        <translation>grid second differences</translation>
    </message>
    <message>
        <source>exact HVPs</source>
        <translation>exact HVPs</translation>
    </message>
    <message>
        <source>Curvature stored per grid point (HVPs cost two per point)</source>
        <translation>Curvature stored per grid point (HVPs cost two per point)</translation>
    </message>
    <message>
        <source>Compute:</source>
        <translation>Compute:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Resolution:</translation>
    </message>
    <message>
        <source>Span:</source>
        <translation>Span:</translation>
    </message>
    <message>
        <source>Curvature:</source>
        <translation>Curvature:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Master seed: the split, directions and samples derive from it. Same seed, same numbers.</source>
        <translation>Master seed: the split, directions and samples derive from it. Same seed, same numbers.</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Where to compute. auto uses CUDA when libtorch sees a GPU.</source>
        <translation>Where to compute. auto uses CUDA when libtorch sees a GPU.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Training rows the probes evaluate L on (a fixed, seeded subset)</source>
        <translation>Training rows the probes evaluate L on (a fixed, seeded subset)</translation>
    </message>
    <message>
        <source>Mini-batch size for the gradient samples of PCA directions</source>
        <translation>Mini-batch size for the gradient samples of PCA directions</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Device:</translation>
    </message>
    <message>
        <source>Probe rows:</source>
        <translation>Probe rows:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batch size:</translation>
    </message>
    <message>
        <source>Trace tr(H)</source>
        <translation>Trace tr(H)</translation>
    </message>
    <message>
        <source>Hutch++ (low-rank sketch + Hutchinson)</source>
        <translation>Hutch++ (low-rank sketch + Hutchinson)</translation>
    </message>
    <message>
        <source>Hutchinson</source>
        <translation>Hutchinson</translation>
    </message>
    <message>
        <source>Hutch++ computes the trace of the top subspace exactly and samples only the rest: far lower variance when a few eigenvalues dominate</source>
        <translation>Hutch++ computes the trace of the top subspace exactly and samples only the rest: far lower variance when a few eigenvalues dominate</translation>
    </message>
    <message>
        <source>Hutch++: size k of the sketched subspace (costs 2k HVPs)</source>
        <translation>Hutch++: size k of the sketched subspace (costs 2k HVPs)</translation>
    </message>
    <message>
        <source>Estimator:</source>
        <translation>Estimator:</translation>
    </message>
    <message>
        <source>Sketch size:</source>
        <translation>Sketch size:</translation>
    </message>
    <message>
        <source>Coarse-to-fine</source>
        <translation>Coarse-to-fine</translation>
    </message>
    <message>
        <source>Evaluate every 5th point, then only the cells where bicubic interpolation misses by more than 0.5 % of the range; the rest is interpolated (not with HVP curvature)</source>
        <translation>Evaluate every 5th point, then only the cells where bicubic interpolation misses by more than 0.5 % of the range; the rest is interpolated (not with HVP curvature)</translation>
    </message>
    <message>
        <source>Many points per launch</source>
        <translation>Many points per launch</translation>
    </message>
    <message>
        <source>For MLPs of Linear layers, activations and batch norms: evaluate blocks of grid points in one stacked forward; for CNNs, also time core&apos;s own layer calls with the batch norms folded in (both checked against the model&apos;s own forward; others run point by point)</source>
        <translation>For MLPs of Linear layers, activations and batch norms: evaluate blocks of grid points in one stacked forward; for CNNs, also time core&apos;s own layer calls with the batch norms folded in (both checked against the model&apos;s own forward; others run point by point)</translation>
    </message>
    <message>
        <source>Top eigenvalue and trace</source>
        <translation>Top eigenvalue and trace</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spectrum</translation>
    </message>
    <message>
        <source>Eigenvalues and density</source>
        <translation>Eigenvalues and density</translation>
    </message>
    <message>
        <source>Largest and smallest eigenvalues with residual bounds, λmin (negative curvature) and the spectral density by stochastic Lanczos quadrature. Costs up to max iterations + runs × steps HVPs; a model with at most 4,096 parameters gets the exact Hessian instead, one HVP per parameter.</source>
        <translation>Largest and smallest eigenvalues with residual bounds, λmin (negative curvature) and the spectral density by stochastic Lanczos quadrature. Costs up to max iterations + runs × steps HVPs; a model with at most 4,096 parameters gets the exact Hessian instead, one HVP per parameter.</translation>
    </message>
    <message>
        <source>Largest eigenvalues wanted, each with its own residual bound (Lanczos: one HVP per iteration until all converge, at most max iterations)</source>
        <translation>Largest eigenvalues wanted, each with its own residual bound (Lanczos: one HVP per iteration until all converge, at most max iterations)</translation>
    </message>
    <message>
        <source>Smallest eigenvalues wanted, λmin first: negative curvature, saddle detection (shares the top eigenvalues&apos; Lanczos run)</source>
        <translation>Smallest eigenvalues wanted, λmin first: negative curvature, saddle detection (shares the top eigenvalues&apos; Lanczos run)</translation>
    </message>
    <message>
        <source>Stochastic Lanczos quadrature runs for the spectral density, each costing one HVP per step; 0: no density</source>
        <translation>Stochastic Lanczos quadrature runs for the spectral density, each costing one HVP per step; 0: no density</translation>
    </message>
    <message>
        <source>Lanczos steps per density run (one HVP each): more steps resolve more of the spectrum</source>
        <translation>Lanczos steps per density run (one HVP each): more steps resolve more of the spectrum</translation>
    </message>
    <message>
        <source>Top k:</source>
        <translation>Top k:</translation>
    </message>
    <message>
        <source>Bottom k:</source>
        <translation>Bottom k:</translation>
    </message>
    <message>
        <source>Density runs:</source>
        <translation>Density runs:</translation>
    </message>
    <message>
        <source>Steps per run:</source>
        <translation>Steps per run:</translation>
    </message>
    <message>
        <source>Task default (MSE / cross-entropy)</source>
        <translation>Task default (MSE / cross-entropy)</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>MAE (L1)</source>
        <translation>MAE (L1)</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>Cross-entropy</translation>
    </message>
    <message>
        <source>Binary cross-entropy on logits</source>
        <translation>Binary cross-entropy on logits</translation>
    </message>
    <message>
        <source>Model output is the loss</source>
        <translation>Model output is the loss</translation>
    </message>
    <message>
        <source>The loss L whose landscape is probed (the CLI&apos;s --loss). Task default: MSE for regression, cross-entropy for classification. &quot;Model output is the loss&quot;: forward() returns the loss of each row and L is their mean.</source>
        <translation>The loss L whose landscape is probed (the CLI&apos;s --loss). Task default: MSE for regression, cross-entropy for classification. &quot;Model output is the loss&quot;: forward() returns the loss of each row and L is their mean.</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>Loss:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>At most this many seconds for the whole probe (0: no limit). The run times the loss and gradient, then shrinks the surface and line and drops the costliest probes until the rest fits; the Summary and the report say what it changed.</source>
        <translation>At most this many seconds for the whole probe (0: no limit). The run times the loss and gradient, then shrinks the surface and line and drops the costliest probes until the rest fits; the Summary and the report say what it changed.</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>Time budget:</translation>
    </message>
</context>
<context>
    <name>borehole::SpectrumView</name>
    <message>
        <source>loss / parameter-unit²</source>
        <translation>loss / parameter-unit²</translation>
    </message>
    <message>
        <source>exact Hessian (%1 eigenvalues)</source>
        <translation>exact Hessian (%1 eigenvalues)</translation>
    </message>
    <message>
        <source>Lanczos, %1 iterations</source>
        <translation>Lanczos, %1 iterations</translation>
    </message>
    <message>
        <source>Lanczos, %1 iterations, not converged</source>
        <translation>Lanczos, %1 iterations, not converged</translation>
    </message>
    <message>
        <source>%1, no density</source>
        <translation>%1, no density</translation>
    </message>
    <message>
        <source>%1 + SLQ density, %2 runs × %3 steps</source>
        <translation>%1 + SLQ density, %2 runs × %3 steps</translation>
    </message>
    <message>
        <source>λmax = %1</source>
        <translation>λmax = %1</translation>
    </message>
    <message>
        <source>λmin = %1</source>
        <translation>λmin = %1</translation>
    </message>
    <message>
        <source>negative curvature: certain (λmin + bound &lt; 0)</source>
        <translation>negative curvature: certain (λmin + bound &lt; 0)</translation>
    </message>
    <message>
        <source>negative curvature: not certain (λmin + bound ≥ 0)</source>
        <translation>negative curvature: not certain (λmin + bound ≥ 0)</translation>
    </message>
    <message>
        <source>negative curvature: none found</source>
        <translation>negative curvature: none found</translation>
    </message>
    <message>
        <source>|λmin|/λmax = %1</source>
        <translation>|λmin|/λmax = %1</translation>
    </message>
    <message>
        <source>tr(H) = %1</source>
        <translation>tr(H) = %1</translation>
    </message>
    <message>
        <source>eigenvalue λ</source>
        <translation>eigenvalue λ</translation>
    </message>
    <message>
        <source>spectral density φ(λ)</source>
        <translation>spectral density φ(λ)</translation>
    </message>
    <message>
        <source>per unit of λ</source>
        <translation>per unit of λ</translation>
    </message>
    <message>
        <source>every eigenvalue (exact)</source>
        <translation>every eigenvalue (exact)</translation>
    </message>
    <message>
        <source>largest eigenvalues ± residual bound</source>
        <translation>largest eigenvalues ± residual bound</translation>
    </message>
    <message>
        <source>smallest eigenvalues ± residual bound</source>
        <translation>smallest eigenvalues ± residual bound</translation>
    </message>
    <message>
        <source> λ = 0</source>
        <translation> λ = 0</translation>
    </message>
    <message>
        <source>Log scale φ</source>
        <translation>Log scale φ</translation>
    </message>
    <message>
        <source>Spectral densities span decades: show φ(λ) on a logarithmic axis</source>
        <translation>Spectral densities span decades: show φ(λ) on a logarithmic axis</translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation>Export plot…</translation>
    </message>
    <message>
        <source>Save the spectrum plot as PNG, SVG or PDF</source>
        <translation>Save the spectrum plot as PNG, SVG or PDF</translation>
    </message>
    <message>
        <source>Run a probe with the spectrum enabled (Setup › Spectrum) to see the Hessian&apos;s eigenvalues and spectral density here.</source>
        <translation>Run a probe with the spectrum enabled (Setup › Spectrum) to see the Hessian&apos;s eigenvalues and spectral density here.</translation>
    </message>
    <message>
        <source>Spectrum not computed: enable it in Setup › Spectrum and probe again.</source>
        <translation>Spectrum not computed: enable it in Setup › Spectrum and probe again.</translation>
    </message>
</context>
<context>
    <name>borehole::StudyDashboard</name>
    <message>
        <source>Full runs, in the order they finished</source>
        <translation>Full runs, in the order they finished</translation>
    </message>
    <message>
        <source>Open or run a study: its history, parameter importance and parallel coordinates appear here.</source>
        <translation>Open or run a study: its history, parameter importance and parallel coordinates appear here.</translation>
    </message>
    <message>
        <source>Measured %1</source>
        <translation>Measured %1</translation>
    </message>
    <message>
        <source>run</source>
        <translation>run</translation>
    </message>
    <message>
        <source>best so far</source>
        <translation>best so far</translation>
    </message>
    <message>
        <source>History: no full run has finished yet (Train selected / Train next N).</source>
        <translation>History: no full run has finished yet (Train selected / Train next N).</translation>
    </message>
    <message>
        <source>History: %1 full runs; best %2 %3.</source>
        <translation>History: %1 full runs; best %2 %3.</translation>
    </message>
    <message>
        <source>|Spearman ρ| with promisingness</source>
        <translation>|Spearman ρ| with promisingness</translation>
    </message>
    <message>
        <source>Importance: needs at least 3 probed configurations and a hyperparameter that varies.</source>
        <translation>Importance: needs at least 3 probed configurations and a hyperparameter that varies.</translation>
    </message>
    <message>
        <source>Importance: how strongly each varying hyperparameter orders the meta-model&apos;s promisingness over %1 probed configurations (rank correlation; not causal).</source>
        <translation>Importance: how strongly each varying hyperparameter orders the meta-model&apos;s promisingness over %1 probed configurations (rank correlation; not causal).</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>promisingness</source>
        <translation>promisingness</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>measured</translation>
    </message>
    <message>
        <source>10^%1 … 10^%2</source>
        <translation>10^%1 … 10^%2</translation>
    </message>
    <message>
        <source>each axis from its minimum (0) to its maximum (1)</source>
        <translation>each axis from its minimum (0) to its maximum (1)</translation>
    </message>
    <message>
        <source>Parallel coordinates: no configuration probed yet.</source>
        <translation>Parallel coordinates: no configuration probed yet.</translation>
    </message>
    <message>
        <source>Parallel coordinates: %1 probed configurations, coloured by promisingness (viridis, yellow = most promising).</source>
        <translation>Parallel coordinates: %1 probed configurations, coloured by promisingness (viridis, yellow = most promising).</translation>
    </message>
</context>
<context>
    <name>borehole::StudyMapView</name>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>colour</translation>
    </message>
    <message>
        <source>2D map</source>
        <translation>2D map</translation>
    </message>
    <message>
        <source>One dot per configuration</source>
        <translation>One dot per configuration</translation>
    </message>
    <message>
        <source>3D surface</source>
        <translation>3D surface</translation>
    </message>
    <message>
        <source>The colour value as a surface over the two axes, configurations averaged per cell, with the stability bound on the floor</source>
        <translation>The colour value as a surface over the two axes, configurations averaged per cell, with the stability bound on the floor</translation>
    </message>
    <message>
        <source>Export 3D map</source>
        <translation>Export 3D map</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>past 2/lr bound (lr·λmax &gt; 2+2β)</source>
        <translation>past 2/lr bound (lr·λmax &gt; 2+2β)</translation>
    </message>
    <message>
        <source>λ = (2+2β)/lr, β = %1</source>
        <translation>λ = (2+2β)/lr, β = %1</translation>
    </message>
    <message>
        <source>λ = 2/lr</source>
        <translation>λ = 2/lr</translation>
    </message>
    <message>
        <source>lr = (2+2β)/λmax at the median λmax %1</source>
        <translation>lr = (2+2β)/λmax at the median λmax %1</translation>
    </message>
    <message>
        <source>lr·λmax = 2</source>
        <translation>lr·λmax = 2</translation>
    </message>
    <message>
        <source>The 3D surface needs configurations with a value at two or more distinct values on each axis.</source>
        <translation>The 3D surface needs configurations with a value at two or more distinct values on each axis.</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 cells; each shows the mean %3 of the configurations in it (the other hyperparameters averaged over); %n empty cell(s) interpolated.</source>
        <translation>
            <numerusform>%1 × %2 cells; each shows the mean %3 of the configurations in it (the other hyperparameters averaged over); %n empty cell interpolated.</numerusform>
            <numerusform>%1 × %2 cells; each shows the mean %3 of the configurations in it (the other hyperparameters averaged over); %n empty cells interpolated.</numerusform>
        </translation>
    </message>
    <message>
        <source>The stability bound is drawn for learning rate against λmax, momentum or lr·λmax.</source>
        <translation>The stability bound is drawn for learning rate against λmax, momentum or lr·λmax.</translation>
    </message>
    <message>
        <source>The stability bound lies outside the plotted range.</source>
        <translation>The stability bound lies outside the plotted range.</translation>
    </message>
    <message>
        <source>Red on the floor: the stability bound (2+2β)/lr.</source>
        <translation>Red on the floor: the stability bound (2+2β)/lr.</translation>
    </message>
    <message>
        <source>Curvature map: %1 against %2</source>
        <translation>Curvature map: %1 against %2</translation>
    </message>
    <message>
        <source>One dot per configuration, coloured by %1; red: the stability bound and configurations past it.</source>
        <translation>One dot per configuration, coloured by %1; red: the stability bound and configurations past it.</translation>
    </message>
    <message>
        <source>3D surface: %1 over %2 and %3</source>
        <translation>3D surface: %1 over %2 and %3</translation>
    </message>
    <message>
        <source>No 3D surface: %1</source>
        <translation>No 3D surface: %1</translation>
    </message>
</context>
<context>
    <name>borehole::StudyPanel</name>
    <message>
        <source>no spec file</source>
        <translation>no spec file</translation>
    </message>
    <message>
        <source>Open spec…</source>
        <translation>Open spec…</translation>
    </message>
    <message>
        <source>Open study…</source>
        <translation>Open study…</translation>
    </message>
    <message>
        <source>Open study spec</source>
        <translation>Open study spec</translation>
    </message>
    <message>
        <source>Study spec (*.json)</source>
        <translation>Study spec (*.json)</translation>
    </message>
    <message>
        <source>Open study database</source>
        <translation>Open study database</translation>
    </message>
    <message>
        <source>Study database (*.sqlite *.db)</source>
        <translation>Study database (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>Spec</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Validate</translation>
    </message>
    <message>
        <source>all pending</source>
        <translation>all pending</translation>
    </message>
    <message>
        <source>Configurations to probe in this run</source>
        <translation>Configurations to probe in this run</translation>
    </message>
    <message>
        <source>Run study</source>
        <translation>Run study</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Open a study spec or database.</source>
        <translation>Open a study spec or database.</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Probe</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Predicted</translation>
    </message>
    <message>
        <source>Full-run cost</source>
        <translation>Full-run cost</translation>
    </message>
    <message>
        <source>List candidates</source>
        <translation>List candidates</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Hyperparameters</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probability</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>min. probability</source>
        <translation>min. probability</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <source>Curvature map</source>
        <translation>Curvature map</translation>
    </message>
    <message>
        <source>PCA of configurations</source>
        <translation>PCA of configurations</translation>
    </message>
    <message>
        <source>Train selected</source>
        <translation>Train selected</translation>
    </message>
    <message>
        <source>Full training runs of the selected rows, then refit</source>
        <translation>Full training runs of the selected rows, then refit</translation>
    </message>
    <message>
        <source>Train next N</source>
        <translation>Train next N</translation>
    </message>
    <message>
        <source>Full runs of the N configurations the active loop picks</source>
        <translation>Full runs of the N configurations the active loop picks</translation>
    </message>
    <message>
        <source>Export chosen…</source>
        <translation>Export chosen…</translation>
    </message>
    <message>
        <source>Export chosen hyperparameters</source>
        <translation>Export chosen hyperparameters</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>Valid: %1 configurations, %2 sampler, metric %3.</source>
        <translation>Valid: %1 configurations, %2 sampler, metric %3.</translation>
    </message>
    <message>
        <source>Choose a study database (.sqlite) first.</source>
        <translation>Choose a study database (.sqlite) first.</translation>
    </message>
    <message>
        <source>Probing configurations…</source>
        <translation>Probing configurations…</translation>
    </message>
    <message>
        <source>A study job is already running.</source>
        <translation>A study job is already running.</translation>
    </message>
    <message>
        <source>Select configurations in the ranking first.</source>
        <translation>Select configurations in the ranking first.</translation>
    </message>
    <message>
        <source>Training %1 configurations fully…</source>
        <translation>Training %1 configurations fully…</translation>
    </message>
    <message>
        <source>Training the next %1 configurations fully…</source>
        <translation>Training the next %1 configurations fully…</translation>
    </message>
    <message>
        <source>%1 of %2 done, about %3 s left</source>
        <translation>%1 of %2 done, about %3 s left</translation>
    </message>
    <message>
        <source>%1 configurations: %2 done, %3 failed, %4 pending; %5 full runs.</source>
        <translation>%1 configurations: %2 done, %3 failed, %4 pending; %5 full runs.</translation>
    </message>
    <message>
        <source>Meta-model v%1 (%2, %3 rows)</source>
        <translation>Meta-model v%1 (%2, %3 rows)</translation>
    </message>
    <message>
        <source>: validation RMSE %1, Spearman %2</source>
        <translation>: validation RMSE %1, Spearman %2</translation>
    </message>
    <message>
        <source>: too few rows to hold any out for validation</source>
        <translation>: too few rows to hold any out for validation</translation>
    </message>
    <message>
        <source>Cancelled; finished configurations are kept in the database.</source>
        <translation>Cancelled; finished configurations are kept in the database.</translation>
    </message>
    <message>
        <source>Run or open a study first.</source>
        <translation>Run or open a study first.</translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) meet %1 with probability ≥ %2, cheapest first.</source>
        <translation>
            <numerusform>%n configuration meets %1 with probability ≥ %2.</numerusform>
            <numerusform>%n configurations meet %1 with probability ≥ %2, cheapest first.</numerusform>
        </translation>
    </message>
    <message>
        <source>No probed configuration to export.</source>
        <translation>No probed configuration to export.</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>Spec, ranking, maps, meta-model validation and target candidates as HTML or PDF</source>
        <translation>Spec, ranking, maps, meta-model validation and target candidates as HTML or PDF</translation>
    </message>
    <message>
        <source>Export study report</source>
        <translation>Export study report</translation>
    </message>
    <message>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Wait for the running study job to finish.</source>
        <translation>Wait for the running study job to finish.</translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) meet the target, cheapest first.</source>
        <translation>
            <numerusform>%n configuration meets the target.</numerusform>
            <numerusform>%n configurations meet the target, cheapest first.</numerusform>
        </translation>
    </message>
    <message>
        <source>Train guided</source>
        <translation>Train guided</translation>
    </message>
    <message>
        <source>Train the selected configuration in the training panel under the curvature-guided rate; the cap is scaled by its rank (1 for the most promising, 0.5 for the least)</source>
        <translation>Train the selected configuration in the training panel under the curvature-guided rate; the cap is scaled by its rank (1 for the most promising, 0.5 for the least)</translation>
    </message>
    <message>
        <source>Select one configuration in the ranking first.</source>
        <translation>Select one configuration in the ranking first.</translation>
    </message>
    <message>
        <source>Configuration %1 has no probe result to rank it by.</source>
        <translation>Configuration %1 has no probe result to rank it by.</translation>
    </message>
    <message>
        <source>config %1 guided s=%2</source>
        <translation>config %1 guided s=%2</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>study database (.sqlite) or postgresql://…</source>
        <translation>study database (.sqlite) or postgresql://…</translation>
    </message>
    <message>
        <source>A study database file, or the URL of a study on a PostgreSQL server (postgresql://user@host/dbname); press Enter to open it.</source>
        <translation>A study database file, or the URL of a study on a PostgreSQL server (postgresql://user@host/dbname); press Enter to open it.</translation>
    </message>
    <message>
        <source>Watch live</source>
        <translation>Watch live</translation>
    </message>
    <message>
        <source>Re-read the open study every few seconds while no job of this panel runs, so that configurations other workers probe or train (other processes, other machines on a PostgreSQL server) appear as they are committed.</source>
        <translation>Re-read the open study every few seconds while no job of this panel runs, so that configurations other workers probe or train (other processes, other machines on a PostgreSQL server) appear as they are committed.</translation>
    </message>
    <message>
        <source>Rung</source>
        <translation>Rung</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validation</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Time [s]</source>
        <translation>Time [s]</translation>
    </message>
    <message>
        <source>Rungs</source>
        <translation>Rungs</translation>
    </message>
    <message>
        <source>1 configuration being probed now by %1.</source>
        <translation>1 configuration being probed now by %1.</translation>
    </message>
    <message>
        <source>%1 configurations being probed now by %2.</source>
        <translation>%1 configurations being probed now by %2.</translation>
    </message>
    <message>
        <source>Not a probe-halving study: rungs appear here for studies whose spec sets &quot;strategy&quot;: &quot;probe-halving&quot;.</source>
        <translation>Not a probe-halving study: rungs appear here for studies whose spec sets &quot;strategy&quot;: &quot;probe-halving&quot;.</translation>
    </message>
    <message>
        <source>Watching live: read at %1, every %2 s.</source>
        <translation>Watching live: read at %1, every %2 s.</translation>
    </message>
    <message>
        <source>Watching live: cannot read the study (%1); trying again every %2 s.</source>
        <translation>Watching live: cannot read the study (%1); trying again every %2 s.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Export trials…</source>
        <translation>Export trials…</translation>
    </message>
    <message>
        <source>Every configuration as CSV: hyperparameters, status, prediction, measured outcome and every probe feature</source>
        <translation>Every configuration as CSV: hyperparameters, status, prediction, measured outcome and every probe feature</translation>
    </message>
    <message>
        <source>Export trials</source>
        <translation>Export trials</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>borehole::StudyPcaView</name>
    <message>
        <source>colour</source>
        <translation>colour</translation>
    </message>
    <message>
        <source>PC1 (%1 % of variance)</source>
        <translation>PC1 (%1 % of variance)</translation>
    </message>
    <message>
        <source>PC2 (%1 % of variance)</source>
        <translation>PC2 (%1 % of variance)</translation>
    </message>
    <message>
        <source>PCA of configurations</source>
        <translation>PCA of configurations</translation>
    </message>
    <message>
        <source>Meta-model inputs on two principal components, coloured by %1.</source>
        <translation>Meta-model inputs on two principal components, coloured by %1.</translation>
    </message>
</context>
<context>
    <name>borehole::StudyRankingView</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimizer</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight decay</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>SAM ρ</source>
        <translation>SAM ρ</translation>
    </message>
    <message>
        <source>Init scale</source>
        <translation>Init scale</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Predicted</translation>
    </message>
    <message>
        <source>±</source>
        <translation>±</translation>
    </message>
    <message>
        <source>Promisingness</source>
        <translation>Promisingness</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Measured</translation>
    </message>
    <message>
        <source>Full-run cost</source>
        <translation>Full-run cost</translation>
    </message>
</context>
<context>
    <name>borehole::StudyScatter</name>
    <message>
        <source>Drag a rectangle to select configurations, click a dot to select one; Shift adds to the selection</source>
        <translation>Drag a rectangle to select configurations, click a dot to select one; Shift adds to the selection</translation>
    </message>
</context>
<context>
    <name>borehole::StudyWorker</name>
    <message>
        <source>Choose a study database (.sqlite) first.</source>
        <translation>Choose a study database (.sqlite) first.</translation>
    </message>
    <message>
        <source>Probed %1 configurations (%2 failed) in %3 s; %4 pending.</source>
        <translation>Probed %1 configurations (%2 failed) in %3 s; %4 pending.</translation>
    </message>
    <message>
        <source>%1 attempts ended with an error; the reason is stored with the configuration, which is marked failed after %2.</source>
        <translation>%1 attempts ended with an error; the reason is stored with the configuration, which is marked failed after %2.</translation>
    </message>
    <message>
        <source>%1 configurations are being probed by other workers.</source>
        <translation>%1 configurations are being probed by other workers.</translation>
    </message>
    <message>
        <source>Trained %1 follow-up runs (%2 failed) in %3 s.</source>
        <translation>Trained %1 follow-up runs (%2 failed) in %3 s.</translation>
    </message>
    <message>
        <source>Unknown error in the study.</source>
        <translation>Unknown error in the study.</translation>
    </message>
    <message>
        <source>Probe-halving: probed %1 configurations (%2 failed), trained %3 rung runs in %4 s; rung %5 of %6 open.</source>
        <translation>Probe-halving: probed %1 configurations (%2 failed), trained %3 rung runs in %4 s; rung %5 of %6 open.</translation>
    </message>
    <message>
        <source>%1 rung attempts ended with an error (the reason is stored with the rung).</source>
        <translation>%1 rung attempts ended with an error (the reason is stored with the rung).</translation>
    </message>
    <message>
        <source>Trained %1 selected configurations fully (%2 failed) in %3 s.</source>
        <translation>Trained %1 selected configurations fully (%2 failed) in %3 s.</translation>
    </message>
</context>
<context>
    <name>borehole::SurfaceView</name>
    <message>
        <source>Reset camera</source>
        <translation>Reset camera</translation>
    </message>
    <message>
        <source>Look at the whole surface from the default angle (R)</source>
        <translation>Look at the whole surface from the default angle (R)</translation>
    </message>
    <message>
        <source>Wireframe</source>
        <translation>Wireframe</translation>
    </message>
    <message>
        <source>Draw the surface as a wireframe mesh</source>
        <translation>Draw the surface as a wireframe mesh</translation>
    </message>
    <message>
        <source>Log z</source>
        <translation>Log z</translation>
    </message>
    <message>
        <source>Height and colour show log₁₀ of the value (shifted to be positive if needed)</source>
        <translation>Height and colour show log₁₀ of the value (shifted to be positive if needed)</translation>
    </message>
    <message>
        <source>Floor contours</source>
        <translation>Floor contours</translation>
    </message>
    <message>
        <source>Draw contour lines of the value on the floor</source>
        <translation>Draw contour lines of the value on the floor</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Export PNG…</translation>
    </message>
    <message>
        <source>Save the current 3D view as a PNG image</source>
        <translation>Save the current 3D view as a PNG image</translation>
    </message>
    <message>
        <source>The 3D view could not be rendered.</source>
        <translation>The 3D view could not be rendered.</translation>
    </message>
    <message>
        <source>%1
(locked range)</source>
        <translation>%1
(locked range)</translation>
    </message>
</context>
<context>
    <name>borehole::TrainingPanel</name>
    <message>
        <source>last column</source>
        <translation>last column</translation>
    </message>
    <message>
        <source>Standardize targets</source>
        <translation>Standardize targets</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Model and data</source>
        <translation>Model and data</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>TorchScript (*.pt *.pth)</source>
        <translation>TorchScript (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>Target column</translation>
    </message>
    <message>
        <source>The optimizer SAM or the guided rate wraps</source>
        <translation>The optimizer SAM or the guided rate wraps</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Adaptive (ASAM)</source>
        <translation>Adaptive (ASAM)</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimizer</translation>
    </message>
    <message>
        <source>Wraps</source>
        <translation>Wraps</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight decay</translation>
    </message>
    <message>
        <source>SAM ρ</source>
        <translation>SAM ρ</translation>
    </message>
    <message>
        <source>Guided factor c</source>
        <translation>Guided factor c</translation>
    </message>
    <message>
        <source>Estimate λmax every</source>
        <translation>Estimate λmax every</translation>
    </message>
    <message>
        <source>from epochs</source>
        <translation>from epochs</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>full batch</translation>
    </message>
    <message>
        <source>only at the end</source>
        <translation>only at the end</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochs</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validate every</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Clear runs</source>
        <translation>Clear runs</translation>
    </message>
    <message>
        <source>Export model…</source>
        <translation>Export model…</translation>
    </message>
    <message>
        <source>Export run JSON…</source>
        <translation>Export run JSON…</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Ready.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>optimizer steps</source>
        <translation>optimizer steps</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Training loss</translation>
    </message>
    <message>
        <source>loss units</source>
        <translation>loss units</translation>
    </message>
    <message>
        <source>Validation metric</source>
        <translation>Validation metric</translation>
    </message>
    <message>
        <source>metric units</source>
        <translation>metric units</translation>
    </message>
    <message>
        <source>loss / parameter²</source>
        <translation>loss / parameter²</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>Old rate</source>
        <translation>Old rate</translation>
    </message>
    <message>
        <source>New rate</source>
        <translation>New rate</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Learning-rate adjustments of the latest guided run</source>
        <translation>Learning-rate adjustments of the latest guided run</translation>
    </message>
    <message>
        <source>Export trained model</source>
        <translation>Export trained model</translation>
    </message>
    <message>
        <source>TorchScript (*.pt)</source>
        <translation>TorchScript (*.pt)</translation>
    </message>
    <message>
        <source>Export run record</source>
        <translation>Export run record</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>A training run is already in progress.</source>
        <translation>A training run is already in progress.</translation>
    </message>
    <message>
        <source>Choose a model and a data file before training.</source>
        <translation>Choose a model and a data file before training.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Loading %1…</translation>
    </message>
    <message>
        <source> loss</source>
        <translation> loss</translation>
    </message>
    <message>
        <source> validation</source>
        <translation> validation</translation>
    </message>
    <message>
        <source> λmax</source>
        <translation> λmax</translation>
    </message>
    <message>
        <source>Step %1 of %2, about %3 left</source>
        <translation>Step %1 of %2, about %3 left</translation>
    </message>
    <message>
        <source>%1: %2 after %3 steps in %4 s; final validation %5, loss %6</source>
        <translation>%1: %2 after %3 steps in %4 s; final validation %5, loss %6</translation>
    </message>
    <message>
        <source>Training cancelled.</source>
        <translation>Training cancelled.</translation>
    </message>
    <message>
        <source>No finished training run to export.</source>
        <translation>No finished training run to export.</translation>
    </message>
    <message>
        <source>Keep lr ≤ c·B/λmax, B the update rule&apos;s stable lr·λmax: 2 for SGD and Adam, 2+2μ with momentum μ, (2+2μ)/(1+2μ) with Nesterov</source>
        <translation>Keep lr ≤ c·B/λmax, B the update rule&apos;s stable lr·λmax: 2 for SGD and Adam, 2+2μ with momentum μ, (2+2μ)/(1+2μ) with Nesterov</translation>
    </message>
    <message>
        <source>A further factor s on the cap, e.g. a study&apos;s promisingness score (1: off)</source>
        <translation>A further factor s on the cap, e.g. a study&apos;s promisingness score (1: off)</translation>
    </message>
    <message>
        <source>Guided scale s</source>
        <translation>Guided scale s</translation>
    </message>
    <message>
        <source> %1/lr</source>
        <translation> %1/lr</translation>
    </message>
    <message>
        <source>λmax, bound B/lr</source>
        <translation>λmax, bound B/lr</translation>
    </message>
</context>
<context>
    <name>borehole::TrainingWorker</name>
    <message>
        <source>Unknown error while training.</source>
        <translation>Unknown error while training.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Probe the loss-landscape curvature of a TorchScript model on a CSV data set.</source>
        <translation>Probe the loss-landscape curvature of a TorchScript model on a CSV data set.</translation>
    </message>
    <message>
        <source>A model (.pt), a data set (.csv) or a workspace.</source>
        <translation>A model (.pt), a data set (.csv) or a workspace.</translation>
    </message>
    <message>
        <source>Target column of the CSV.</source>
        <translation>Target column of the CSV.</translation>
    </message>
    <message>
        <source>regression or classification.</source>
        <translation>regression or classification.</translation>
    </message>
    <message>
        <source>Standardise regression targets.</source>
        <translation>Standardise regression targets.</translation>
    </message>
    <message>
        <source>Surface grid points per axis.</source>
        <translation>Surface grid points per axis.</translation>
    </message>
    <message>
        <source>Start probing right away.</source>
        <translation>Start probing right away.</translation>
    </message>
    <message>
        <source>User interface language (en, de).</source>
        <translation>User interface language (en, de).</translation>
    </message>
    <message>
        <source>Unknown column</source>
        <translation>Unknown column</translation>
    </message>
    <message>
        <source>The data has no column &quot;%1&quot;.</source>
        <translation>The data has no column &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Invalid option</source>
        <translation>Invalid option</translation>
    </message>
</context>
</TS>
