<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ColourMap</name>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Cividis (colour-blind safe)</source>
        <translation>Cividis (farbenblind-sicher)</translation>
    </message>
    <message>
        <source>Cool–warm</source>
        <translation>Kalt–warm</translation>
    </message>
    <message>
        <source>Greys</source>
        <translation>Grautöne</translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>%1 (locked range)</source>
        <translation>%1 (fester Bereich)</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>× filter-normalised direction</source>
        <translation>× filternormierte Richtung</translation>
    </message>
    <message>
        <source>× direction scaled to ‖θ‖</source>
        <translation>× auf ‖θ‖ skalierte Richtung</translation>
    </message>
</context>
<context>
    <name>ProbeHistory</name>
    <message>
        <source>#%1 · %2 on %3 · %4</source>
        <translation>#%1 · %2 auf %3 · %4</translation>
    </message>
    <message>
        <source>Both probes need a surface.</source>
        <translation>Beide Sondierungen brauchen eine Fläche.</translation>
    </message>
    <message>
        <source>The surfaces lie on different grids (%1 axis: %2 %3 against %4 %5): probe both with the same resolution and span to subtract them.</source>
        <translation>Die Flächen liegen auf verschiedenen Gittern (%1-Achse: %2 %3 gegenüber %4 %5): beide mit gleicher Auflösung und Spannweite sondieren, um sie abzuziehen.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
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
        <translation>Spur</translation>
    </message>
    <message>
        <source>FD curvature, %1 (mean ± sd)</source>
        <translation>FD-Krümmung, %1 (Mittel ± SA)</translation>
    </message>
    <message>
        <source>Sharpness: mean / worst loss increase</source>
        <translation>Schärfe: mittlerer / größter Verlustanstieg</translation>
    </message>
    <message>
        <source>Validation metric</source>
        <translation>Validierungsmetrik</translation>
    </message>
    <message>
        <source>Surface: lowest / highest loss</source>
        <translation>Fläche: kleinster / größter Verlust</translation>
    </message>
    <message>
        <source>Time [s]</source>
        <translation>Zeit [s]</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The meta-model needs at least 3 probed configurations.</source>
        <translation>Das Metamodell braucht mindestens 3 sondierte Konfigurationen.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>%1 forward, %2 gradient, %3 HVP, %4 s</source>
        <translation>%1 Vorwärts, %2 Gradient, %3 HVP, %4 s</translation>
    </message>
    <message>
        <source>Borehole probe report</source>
        <translation>Borehole-Sondierungsbericht</translation>
    </message>
    <message>
        <source>Written by Borehole %1 on %2.</source>
        <translation>Geschrieben von Borehole %1 am %2.</translation>
    </message>
    <message>
        <source>Model and data</source>
        <translation>Modell und Daten</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>%1 in %2 tensors, %3 layers</source>
        <translation>%1 in %2 Tensoren, %3 Schichten</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>%1 (%2 training, %3 validation)</source>
        <translation>%1 (%2 Training, %3 Validierung)</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielgröße</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Standardisation</source>
        <translation>Standardisierung</translation>
    </message>
    <message>
        <source>features: %1, targets: %2 (training-row statistics)</source>
        <translation>Merkmale: %1, Zielgrößen: %2 (Statistik der Trainingszeilen)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>%1 on %2 probe rows</source>
        <translation>%1 auf %2 Sondierungszeilen</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Settings and seeds</source>
        <translation>Einstellungen und Seeds</translation>
    </message>
    <message>
        <source>Master seed</source>
        <translation>Haupt-Seed</translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation>Seed der Aufteilung</translation>
    </message>
    <message>
        <source>Direction kinds</source>
        <translation>Richtungsarten</translation>
    </message>
    <message>
        <source>K, ε</source>
        <translation>K, ε</translation>
    </message>
    <message>
        <source>Eigenvalue solvers</source>
        <translation>Eigenwertlöser</translation>
    </message>
    <message>
        <source>power: %1, Lanczos: %2, tolerance %3, at most %4 iterations, HVP %5</source>
        <translation>Potenzmethode: %1, Lanczos: %2, Toleranz %3, höchstens %4 Iterationen, HVP %5</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Spur</translation>
    </message>
    <message>
        <source>%1, at most %2 samples, tolerance %3</source>
        <translation>%1, höchstens %2 Stichproben, Toleranz %3</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Schärfe</translation>
    </message>
    <message>
        <source>%1, ρ = %2, %3 perturbations%4</source>
        <translation>%1, ρ = %2, %3 Störungen%4</translation>
    </message>
    <message>
        <source>, layer-wise</source>
        <translation>, schichtweise</translation>
    </message>
    <message>
        <source>Landscape grid</source>
        <translation>Landschaftsgitter</translation>
    </message>
    <message>
        <source>line: %1, surface: %2, %3 points per axis, span ±%4</source>
        <translation>Linie: %1, Fläche: %2, %3 Punkte je Achse, Spanne ±%4</translation>
    </message>
    <message>
        <source>Directions and normalisation</source>
        <translation>Richtungen und Normierung</translation>
    </message>
    <message>
        <source>%1; biases %2; d₂ %3</source>
        <translation>%1; Biases %2; d₂ %3</translation>
    </message>
    <message>
        <source>random, filter-normalised (Li et al. 2018)</source>
        <translation>zufällig, filter-normiert (Li et al. 2018)</translation>
    </message>
    <message>
        <source>random, scaled to ‖θ‖</source>
        <translation>zufällig, auf ‖θ‖ skaliert</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>beibehalten</translation>
    </message>
    <message>
        <source>zeroed</source>
        <translation>auf null gesetzt</translation>
    </message>
    <message>
        <source>orthogonalised to d₁</source>
        <translation>orthogonal zu d₁</translation>
    </message>
    <message>
        <source>as drawn</source>
        <translation>wie gezogen</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
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
        <translation>Validierung %1</translation>
    </message>
    <message>
        <source>FD curvature, %1 (K = %2)</source>
        <translation>FD-Krümmung, %1 (K = %2)</translation>
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
        <translation>%1 nach %2 Iterationen%3 [%4]</translation>
    </message>
    <message>
        <source>, not converged</source>
        <translation>, nicht konvergiert</translation>
    </message>
    <message>
        <source>%1 ± %2 (%3 samples) [%4]</source>
        <translation>%1 ± %2 (%3 Stichproben) [%4]</translation>
    </message>
    <message>
        <source>mean ΔL %1, worst ΔL %2, radius %3 [%4]</source>
        <translation>mittleres ΔL %1, schlechtestes ΔL %2, Radius %3 [%4]</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <source>%1 × %2 points, %3, cos∠(d₁, d₂) = %4 [%5]</source>
        <translation>%1 × %2 Punkte, %3, cos∠(d₁, d₂) = %4 [%5]</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Gesamtkosten</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Abbildungen</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>No region selected.</source>
        <translation>Kein Bereich ausgewählt.</translation>
    </message>
    <message>
        <source>%1 points selected in the %2, x ∈ [%3, %4], y ∈ [%5, %6].</source>
        <translation>%1 Punkte ausgewählt in der %2, x ∈ [%3, %4], y ∈ [%5, %6].</translation>
    </message>
    <message>
        <source>PCA map</source>
        <translation>PCA-Karte</translation>
    </message>
    <message>
        <source>heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>… and %1 more (export the selection for all).</source>
        <translation>… und %1 weitere (für alle die Auswahl exportieren).</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>tr(H) (%1)</source>
        <translation>tr(H) (%1)</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spektrum</translation>
    </message>
    <message>
        <source>top %1, bottom %2, density %3 runs × %4 steps; exact Hessian up to %5 parameters</source>
        <translation>oben %1, unten %2, Dichte %3 Läufe × %4 Schritte; exakte Hesse-Matrix bis %5 Parameter</translation>
    </message>
    <message>
        <source>%1 [%2]</source>
        <translation>%1 [%2]</translation>
    </message>
    <message>
        <source>Largest eigenvalues</source>
        <translation>Größte Eigenwerte</translation>
    </message>
    <message>
        <source>Smallest eigenvalues</source>
        <translation>Kleinste Eigenwerte</translation>
    </message>
    <message>
        <source>Every eigenvalue</source>
        <translation>Alle Eigenwerte</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Model output</source>
        <translation>Modellausgabe</translation>
    </message>
</context>
<context>
    <name>StudyKeys</name>
    <message>
        <source>log scale</source>
        <translation>logarithmische Skala</translation>
    </message>
    <message>
        <source>loss / parameter-unit²</source>
        <translation>Verlust / Parametereinheit²</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>dimensionless</source>
        <translation>dimensionslos</translation>
    </message>
    <message>
        <source>FD curvature (%1 directions)</source>
        <translation>FD-Krümmung (%1-Richtungen)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch-Größe</translation>
    </message>
    <message>
        <source>SAM ρ</source>
        <translation>SAM-ρ</translation>
    </message>
    <message>
        <source>Initial weight scale</source>
        <translation>Skalierung der Anfangsgewichte</translation>
    </message>
    <message>
        <source>Loss before the burst</source>
        <translation>Verlust vor dem Kurzlauf</translation>
    </message>
    <message>
        <source>Loss after the burst</source>
        <translation>Verlust nach dem Kurzlauf</translation>
    </message>
    <message>
        <source>Loss change over the burst</source>
        <translation>Verluständerung im Kurzlauf</translation>
    </message>
    <message>
        <source>log(loss after / before the burst)</source>
        <translation>log(Verlust nach / vor dem Kurzlauf)</translation>
    </message>
    <message>
        <source>Validation metric after the burst</source>
        <translation>Validierungsmetrik nach dem Kurzlauf</translation>
    </message>
    <message>
        <source>Gradient norm ‖∇L‖</source>
        <translation>Gradientennorm ‖∇L‖</translation>
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
        <translation>Stabilitätsgrenze B/lr</translation>
    </message>
    <message>
        <source>λmax / stability bound</source>
        <translation>λmax / Stabilitätsgrenze</translation>
    </message>
    <message>
        <source>tr(H)</source>
        <translation>tr(H)</translation>
    </message>
    <message>
        <source>Perturbation sensitivity</source>
        <translation>Störungsempfindlichkeit</translation>
    </message>
    <message>
        <source>Predicted outcome</source>
        <translation>Vorhergesagtes Ergebnis</translation>
    </message>
    <message>
        <source>Promisingness</source>
        <translation>Erfolgsaussicht</translation>
    </message>
    <message>
        <source>Measured outcome</source>
        <translation>Gemessenes Ergebnis</translation>
    </message>
    <message>
        <source>Grey: no predicted outcomes yet. The meta-model predicts outcomes once configurations have full runs (Train selected / Train next N).</source>
        <translation>Grau: noch keine vorhergesagten Ergebnisse. Das Metamodell sagt Ergebnisse vorher, sobald Konfigurationen volle Läufe haben (Ausgewählte trainieren / Nächste N trainieren).</translation>
    </message>
    <message>
        <source>Grey: no measured outcomes yet. Train configurations fully (Train selected / Train next N).</source>
        <translation>Grau: noch keine gemessenen Ergebnisse. Konfigurationen voll trainieren (Ausgewählte trainieren / Nächste N trainieren).</translation>
    </message>
    <message>
        <source>Grey: no probed configuration has a value for %1.</source>
        <translation>Grau: keine geprüfte Konfiguration hat einen Wert für %1.</translation>
    </message>
</context>
<context>
    <name>StudyReport</name>
    <message>
        <source>Borehole study report</source>
        <translation>Borehole-Studienbericht</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Studie</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Outcome metric</source>
        <translation>Ergebnismetrik</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>Konfigurationen</translation>
    </message>
    <message>
        <source>%1: %2 done, %3 failed, %4 pending, %5 running; %6 full runs</source>
        <translation>%1: %2 fertig, %3 fehlgeschlagen, %4 ausstehend, %5 laufend; %6 vollständige Läufe</translation>
    </message>
    <message>
        <source>Meta-model</source>
        <translation>Metamodell</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>outcome model (fitted on full-run outcomes)</source>
        <translation>Ergebnismodell (an Ergebnisse vollständiger Läufe angepasst)</translation>
    </message>
    <message>
        <source>proxy model (probe score; no outcome model yet)</source>
        <translation>Proxy-Modell (Sondierungswert; noch kein Ergebnismodell)</translation>
    </message>
    <message>
        <source>Ensemble members</source>
        <translation>Ensemble-Mitglieder</translation>
    </message>
    <message>
        <source>Training rows</source>
        <translation>Trainingszeilen</translation>
    </message>
    <message>
        <source>Validation error</source>
        <translation>Validierungsfehler</translation>
    </message>
    <message>
        <source>RMSE %1 (fitted units%2), Spearman ρ %3 on held-out rows</source>
        <translation>RMSE %1 (Einheiten der Anpassung%2), Spearman-ρ %3 auf zurückgehaltenen Zeilen</translation>
    </message>
    <message>
        <source>: log of the metric</source>
        <translation>: Logarithmus der Metrik</translation>
    </message>
    <message>
        <source>too few rows to hold any out</source>
        <translation>zu wenige Zeilen, um welche zurückzuhalten</translation>
    </message>
    <message>
        <source>Fitted</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <source>No meta-model fitted yet.</source>
        <translation>Noch kein Metamodell angepasst.</translation>
    </message>
    <message>
        <source>Ranking (most promising first)</source>
        <translation>Rangfolge (aussichtsreichste zuerst)</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Hyperparameter</translation>
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
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>±</source>
        <translation>±</translation>
    </message>
    <message>
        <source>Promisingness</source>
        <translation>Erfolgsaussicht</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <source>… and %1 more configurations.</source>
        <translation>… und %1 weitere Konfigurationen.</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>Karten</translation>
    </message>
    <message>
        <source>Target mode</source>
        <translation>Zielmodus</translation>
    </message>
    <message>
        <source>No target set.</source>
        <translation>Kein Ziel gesetzt.</translation>
    </message>
    <message>
        <source>Target %1, probability ≥ %2.</source>
        <translation>Ziel %1, Wahrscheinlichkeit ≥ %2.</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Full-run cost</source>
        <translation>Kosten voller Lauf</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>Spezifikation</translation>
    </message>
    <message>
        <source>Probe-halving rungs</source>
        <translation>Probe-Halving-Stufen</translation>
    </message>
    <message>
        <source>Rung</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Probe-halving (η = %1): no rung opened yet; rung 1 opens when every configuration is probed.</source>
        <translation>Probe-Halving (η = %1): noch keine Stufe geöffnet; Stufe 1 öffnet, sobald jede Konfiguration geprüft ist.</translation>
    </message>
    <message>
        <source>Probe-halving (η = %1): %2 rung runs up to rung %3.</source>
        <translation>Probe-Halving (η = %1): %2 Stufenläufe bis Stufe %3.</translation>
    </message>
    <message>
        <source>Rung %1 → %2 (%3 entrants): the score promoted %4, as the validation alone would have.</source>
        <translation>Stufe %1 → %2 (%3 Teilnehmer): die Bewertung beförderte %4, wie es die Validierung allein getan hätte.</translation>
    </message>
    <message>
        <source>Rung %1 → %2 (%3 entrants): the score promoted %4; the validation alone (plain successive halving) would have promoted %5.</source>
        <translation>Stufe %1 → %2 (%3 Teilnehmer): die Bewertung beförderte %4; die Validierung allein (einfaches Successive Halving) hätte %5 befördert.</translation>
    </message>
    <message>
        <source>Database %1, written by %2 on %3.</source>
        <translation>Datenbank %1, geschrieben von %2 am %3.</translation>
    </message>
    <message>
        <source>Chosen configuration</source>
        <translation>Gewählte Konfiguration</translation>
    </message>
    <message>
        <source>Configuration #%1, chosen by %2.</source>
        <translation>Konfiguration #%1, gewählt nach: %2.</translation>
    </message>
    <message>
        <source>lr·λmax / bound</source>
        <translation>lr·λmax / Schranke</translation>
    </message>
    <message>
        <source>Loss after burst</source>
        <translation>Verlust nach dem Burst</translation>
    </message>
    <message>
        <source>Fewer than two configurations were trained fully: nothing to replay the baselines on yet.</source>
        <translation>Weniger als zwei Konfigurationen wurden vollständig trainiert: noch nichts, worauf sich die Vergleichsverfahren nachspielen ließen.</translation>
    </message>
    <message>
        <source>Every full run diverged: there is no pick to compare.</source>
        <translation>Jeder vollständige Lauf divergierte: Es gibt keine Wahl zu vergleichen.</translation>
    </message>
    <message>
        <source>%1 configurations were trained fully; the best, #%2, reached %3.</source>
        <translation>%1 Konfigurationen wurden vollständig trainiert; die beste, #%2, erreichte %3.</translation>
    </message>
    <message>
        <source>The first one trained (the probe ranking&apos;s pick when the active loop chose it), #%1, diverged.</source>
        <translation>Die zuerst trainierte (die Wahl der Sondenrangfolge, wenn die aktive Schleife sie wählte), #%1, divergierte.</translation>
    </message>
    <message>
        <source>The first one trained (the probe ranking&apos;s pick when the active loop chose it), #%1, is %2 off the best.</source>
        <translation>Die zuerst trainierte (die Wahl der Sondenrangfolge, wenn die aktive Schleife sie wählte), #%1, liegt %2 hinter der besten.</translation>
    </message>
    <message>
        <source>Successive halving (η = %1) would train every configuration fully here: too few configurations or too coarse curves for a rung.</source>
        <translation>Successive Halving (η = %1) würde hier jede Konfiguration vollständig trainieren: zu wenige Konfigurationen oder zu grobe Kurven für eine Stufe.</translation>
    </message>
    <message>
        <source>Successive halving (η = %1, rungs: %2) replayed on the recorded curves would have picked #%3, %4 off the best, with %5 % of the compute of training every configuration fully.</source>
        <translation>Successive Halving (η = %1, Stufen: %2), auf den aufgezeichneten Kurven nachgespielt, hätte #%3 gewählt, %4 hinter der besten, mit %5 % des Rechenaufwands, jede Konfiguration vollständig zu trainieren.</translation>
    </message>
    <message>
        <source>Random search with that compute (the best of %1 random full runs) is on average %2 off the best; it does at least as well as the first pick with probability %3.</source>
        <translation>Zufallssuche mit diesem Rechenaufwand (die beste von %1 zufälligen vollständigen Läufen) liegt im Mittel %2 hinter der besten; mit Wahrscheinlichkeit %3 ist sie mindestens so gut wie die erste Wahl.</translation>
    </message>
    <message>
        <source>Random search with that compute (the best of %1 random full runs) can pick a run that diverged; it does at least as well as the first pick with probability %2.</source>
        <translation>Zufallssuche mit diesem Rechenaufwand (die beste von %1 zufälligen vollständigen Läufen) kann einen divergierten Lauf wählen; mit Wahrscheinlichkeit %2 ist sie mindestens so gut wie die erste Wahl.</translation>
    </message>
    <message>
        <source>The LR range test needs runs of its own and is not replayed here.</source>
        <translation>Der LR-Bereichstest braucht eigene Läufe und wird hier nicht nachgespielt.</translation>
    </message>
    <message>
        <source>The pick against the baselines</source>
        <translation>Die Wahl im Vergleich mit den Vergleichsverfahren</translation>
    </message>
    <message>
        <source>transferred model (fitted on other tasks, fine-tuned on this study&apos;s full runs)</source>
        <translation>übertragenes Modell (an anderen Aufgaben angepasst, an den vollen Läufen dieser Studie nachtrainiert)</translation>
    </message>
    <message>
        <source>RMSE %1 (fitted units%2), Spearman ρ %3 on this study&apos;s full runs, before fine-tuning on them</source>
        <translation>RMSE %1 (Einheiten der Anpassung%2), Spearman-ρ %3 auf den vollen Läufen dieser Studie, vor dem Nachtrainieren an ihnen</translation>
    </message>
    <message>
        <source>not measured: fewer than 2 full runs in this study</source>
        <translation>nicht gemessen: weniger als 2 volle Läufe in dieser Studie</translation>
    </message>
</context>
<context>
    <name>borehole::ColourMenu</name>
    <message>
        <source>C&amp;olour</source>
        <translation>&amp;Farbe</translation>
    </message>
    <message>
        <source>&amp;Lock Range to Shown Data</source>
        <translation>Bereich auf gezeigte Daten &amp;festlegen</translation>
    </message>
    <message>
        <source>Colour every probe on the loss range shown now, so that probes compare by colour; uncheck to colour each probe over its own range</source>
        <translation>Jede Sondierung über den jetzt gezeigten Verlustbereich einfärben, damit Sondierungen farblich vergleichbar sind; abwählen, um jede über ihren eigenen Bereich einzufärben</translation>
    </message>
    <message>
        <source>Set &amp;Range…</source>
        <translation>&amp;Bereich setzen…</translation>
    </message>
    <message>
        <source>The lowest value &apos;%1&apos; is not a number.</source>
        <translation>Der kleinste Wert &apos;%1&apos; ist keine Zahl.</translation>
    </message>
    <message>
        <source>The highest value &apos;%1&apos; is not a number.</source>
        <translation>Der größte Wert &apos;%1&apos; ist keine Zahl.</translation>
    </message>
    <message>
        <source>The lowest value must be below the highest.</source>
        <translation>Der kleinste Wert muss unter dem größten liegen.</translation>
    </message>
    <message>
        <source>Colour Range</source>
        <translation>Farbbereich</translation>
    </message>
    <message>
        <source>Colour the loss between these values in the 3D view, the heatmap and the PCA map; values outside take the end colours.</source>
        <translation>Den Verlust zwischen diesen Werten in der 3D-Ansicht, der Heatmap und der PCA-Karte einfärben; Werte außerhalb erhalten die Endfarben.</translation>
    </message>
    <message>
        <source>Lowest value:</source>
        <translation>Kleinster Wert:</translation>
    </message>
    <message>
        <source>Highest value:</source>
        <translation>Größter Wert:</translation>
    </message>
    <message>
        <source>&amp;Lock Range to Shown Data (locked: %1 to %2)</source>
        <translation>Bereich auf gezeigte Daten &amp;festlegen (fest: %1 bis %2)</translation>
    </message>
</context>
<context>
    <name>borehole::CompareView</name>
    <message>
        <source>α (× direction)</source>
        <translation>α (× Richtung)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>eigenvalue λ</source>
        <translation>Eigenwert λ</translation>
    </message>
    <message>
        <source>spectral density φ(λ)</source>
        <translation>Spektraldichte φ(λ)</translation>
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
        <translation>1D-Linien</translation>
    </message>
    <message>
        <source>Spectral density</source>
        <translation>Spektraldichte</translation>
    </message>
    <message>
        <source>Surface difference</source>
        <translation>Flächendifferenz</translation>
    </message>
    <message>
        <source>Tick two probes with surfaces in the Probes list to see their difference.</source>
        <translation>Zwei Sondierungen mit Flächen in der Sondierungsliste ankreuzen, um ihre Differenz zu sehen.</translation>
    </message>
    <message>
        <source>Choose two different probes.</source>
        <translation>Zwei verschiedene Sondierungen wählen.</translation>
    </message>
    <message>
        <source>Both probes need a surface.</source>
        <translation>Beide Sondierungen brauchen eine Fläche.</translation>
    </message>
    <message>
        <source>A − B on their common %1 × %2 grid: from %3 to %4.</source>
        <translation>A − B auf ihrem gemeinsamen %1 × %2-Gitter: von %3 bis %4.</translation>
    </message>
    <message>
        <source>The directions differ in kind (%1 against %2), so the same α, β are different points of the two landscapes.</source>
        <translation>Die Richtungen sind verschiedener Art (%1 gegenüber %2), daher sind dieselben α, β verschiedene Punkte der beiden Landschaften.</translation>
    </message>
    <message>
        <source>Different models: each surface spans its own θ along directions drawn (and filter-normalised) for that model.</source>
        <translation>Verschiedene Modelle: jede Fläche spannt ihr eigenes θ entlang Richtungen auf, die für dieses Modell gezogen (und filternormiert) wurden.</translation>
    </message>
    <message>
        <source>curvature</source>
        <translation>Krümmung</translation>
    </message>
    <message>
        <source>FD random
‖ΔG‖/ε</source>
        <translation>FD zufällig
‖ΔG‖/ε</translation>
    </message>
    <message>
        <source>FD gradient
‖ΔG‖/ε</source>
        <translation>FD Gradient
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
        <translation>Krümmung</translation>
    </message>
</context>
<context>
    <name>borehole::CurvaturePlot</name>
    <message>
        <source>Export plot…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>Save the plot shown as PNG, SVG or PDF</source>
        <translation>Das angezeigte Diagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Curvature by direction</source>
        <translation>Krümmung je Richtung</translation>
    </message>
    <message>
        <source>λmax convergence</source>
        <translation>λmax-Konvergenz</translation>
    </message>
    <message>
        <source>Trace estimate</source>
        <translation>Spurschätzung</translation>
    </message>
    <message>
        <source>1D line</source>
        <translation>1D-Linie</translation>
    </message>
    <message>
        <source>mean dᵀΔg/ε</source>
        <translation>Mittel dᵀΔg/ε</translation>
    </message>
    <message>
        <source>λmax (%1) = %2</source>
        <translation>λmax (%1) = %2</translation>
    </message>
    <message>
        <source>direction kind</source>
        <translation>Richtungsart</translation>
    </message>
    <message>
        <source>directional curvature dᵀ(∇L(θ+εd)−∇L(θ))/ε</source>
        <translation>Richtungskrümmung dᵀ(∇L(θ+εd)−∇L(θ))/ε</translation>
    </message>
    <message>
        <source>%1 estimate</source>
        <translation>%1-Schätzung</translation>
    </message>
    <message>
        <source>%1 relative error bound</source>
        <translation>%1 relative Fehlerschranke</translation>
    </message>
    <message>
        <source>iteration (HVPs)</source>
        <translation>Iteration (HVPs)</translation>
    </message>
    <message>
        <source>λmax estimate</source>
        <translation>λmax-Schätzung</translation>
    </message>
    <message>
        <source>relative error bound (dashed) [1]</source>
        <translation>relative Fehlerschranke (gestrichelt) [1]</translation>
    </message>
    <message>
        <source>final ± standard error</source>
        <translation>Endwert ± Standardfehler</translation>
    </message>
    <message>
        <source>Rademacher samples (HVPs)</source>
        <translation>Rademacher-Stichproben (HVPs)</translation>
    </message>
    <message>
        <source>tr(H) estimate</source>
        <translation>tr(H)-Schätzung</translation>
    </message>
    <message>
        <source>current θ</source>
        <translation>aktuelles θ</translation>
    </message>
    <message>
        <source>running %1 estimate</source>
        <translation>laufende %1-Schätzung</translation>
    </message>
    <message>
        <source>loss / parameter-unit²</source>
        <translation>Verlust / Parametereinheit²</translation>
    </message>
</context>
<context>
    <name>borehole::DataPanel</name>
    <message>
        <source>The column the model predicts</source>
        <translation>Die Spalte, die das Modell vorhersagt</translation>
    </message>
    <message>
        <source>Columns fed to the model, in this order. Unchecked columns are ignored.</source>
        <translation>Spalten, die dem Modell in dieser Reihenfolge übergeben werden. Nicht markierte Spalten werden ignoriert.</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>Regression</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Regression uses the MSE loss; classification uses cross-entropy on integer labels 0..C−1</source>
        <translation>Regression verwendet den MSE-Verlust; Klassifikation die Kreuzentropie auf ganzzahligen Klassen 0..C−1</translation>
    </message>
    <message>
        <source>Standardise features</source>
        <translation>Merkmale standardisieren</translation>
    </message>
    <message>
        <source>Zero mean, unit variance per feature, with statistics of the training rows only</source>
        <translation>Mittelwert null, Varianz eins je Merkmal, nur mit der Statistik der Trainingszeilen</translation>
    </message>
    <message>
        <source>Standardise targets</source>
        <translation>Zielgrößen standardisieren</translation>
    </message>
    <message>
        <source>Regression only: losses are then in standardised target units. Use it when the model was trained that way.</source>
        <translation>Nur Regression: Verluste sind dann in standardisierten Einheiten der Zielgröße. Verwenden, wenn das Modell so trainiert wurde.</translation>
    </message>
    <message>
        <source>Fraction of rows held out for the validation metric</source>
        <translation>Anteil der Zeilen, die für die Validierungsmetrik zurückgehalten werden</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Zielgröße:</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Merkmale:</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation>Validierungsanteil:</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: classification (%2 distinct whole-number labels, %3 to %4). The model needs one output per class.</source>
        <translation>Aufgabe aus „%1“ geschätzt: Klassifikation (%2 verschiedene ganzzahlige Labels, %3 bis %4). Das Modell braucht eine Ausgabe je Klasse.</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: regression (not a small set of whole-number labels).</source>
        <translation>Aufgabe aus „%1“ geschätzt: Regression (keine kleine Menge ganzzahliger Labels).</translation>
    </message>
    <message>
        <source>forward() returns several tensors (e.g. logits and features): the one that is the prediction. Found by a trial forward on one row.</source>
        <translation>forward() liefert mehrere Tensoren (z. B. Logits und Merkmale): derjenige, der die Vorhersage ist. Ermittelt durch einen Probedurchlauf auf einer Zeile.</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Ausgabe:</translation>
    </message>
    <message>
        <source>forward() returns a %1 of %2 tensors (shapes on one row): choose the prediction.</source>
        <translation>forward() liefert ein %1 aus %2 Tensoren (Formen für eine Zeile): wählen Sie die Vorhersage.</translation>
    </message>
    <message>
        <source>forward() returns one tensor, %1 on one row.</source>
        <translation>forward() liefert einen Tensor, %1 für eine Zeile.</translation>
    </message>
    <message>
        <source>The model does not run on this data: %1</source>
        <translation>Das Modell läuft nicht auf diesen Daten: %1</translation>
    </message>
    <message>
        <source>The model and the data do not fit: %1</source>
        <translation>Modell und Daten passen nicht zusammen: %1</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: regression. Its %2 whole-number values could be class labels, but the model has one output per row, and classification needs one per class.</source>
        <translation>Aufgabe aus „%1“ geschätzt: Regression. Seine %2 ganzzahligen Werte könnten Klassenlabels sein, aber das Modell hat eine Ausgabe je Zeile, und Klassifikation braucht eine je Klasse.</translation>
    </message>
    <message>
        <source>Task guessed from &apos;%1&apos;: classification (%2 distinct whole-number labels, all below the model&apos;s %3 outputs per row).</source>
        <translation>Aufgabe aus „%1“ geschätzt: Klassifikation (%2 verschiedene ganzzahlige Labels, alle unter den %3 Ausgaben je Zeile des Modells).</translation>
    </message>
</context>
<context>
    <name>borehole::FileLoader</name>
    <message>
        <source>Loading model %1…</source>
        <translation>Modell %1 wird geladen…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Opening workspace %1…</source>
        <translation>Arbeitsbereich %1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>borehole::HeatmapView</name>
    <message>
        <source>current θ</source>
        <translation>aktuelles θ</translation>
    </message>
    <message>
        <source>Colour the map by the loss or by the local curvature</source>
        <translation>Die Karte nach dem Verlust oder der lokalen Krümmung einfärben</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the heatmap as PNG, SVG or PDF</source>
        <translation>Die Heatmap als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Farbe:</translation>
    </message>
    <message>
        <source>grid curvature ∂²/∂α² + ∂²/∂β²</source>
        <translation>Gitterkrümmung ∂²/∂α² + ∂²/∂β²</translation>
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
Gitterkrümmung = %1</translation>
    </message>
    <message>
        <source>contour lines</source>
        <translation>Höhenlinien</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>Höhenlinien</translation>
    </message>
    <message>
        <source>Draw ten evenly spaced contour lines of the shown value</source>
        <translation>Zehn gleichmäßig verteilte Höhenlinien des angezeigten Werts zeichnen</translation>
    </message>
    <message>
        <source>Drag or click to select, Shift+click to extend; hover to read values.</source>
        <translation>Ziehen oder klicken, um auszuwählen, Umschalt+Klick zum Erweitern; mit der Maus darüberfahren, um Werte abzulesen.</translation>
    </message>
</context>
<context>
    <name>borehole::JobWorker</name>
    <message>
        <source>Internal error: the job ended without a result.</source>
        <translation>Interner Fehler: Der Auftrag endete ohne Ergebnis.</translation>
    </message>
</context>
<context>
    <name>borehole::MainWindow</name>
    <message>
        <source>%1 forward, %2 gradient, %3 HVP, %4 s</source>
        <translation>%1 Vorwärts, %2 Gradient, %3 HVP, %4 s</translation>
    </message>
    <message>
        <source>Borehole</source>
        <translation>Borehole</translation>
    </message>
    <message>
        <source>Open a model (.pt) and a data set (.csv) to start.</source>
        <translation>Öffnen Sie zum Start ein Modell (.pt) und einen Datensatz (.csv).</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <source>Open a TorchScript model (.pt) (%1)</source>
        <translation>Ein TorchScript-Modell (.pt) öffnen (%1)</translation>
    </message>
    <message>
        <source>Open TorchScript model</source>
        <translation>TorchScript-Modell öffnen</translation>
    </message>
    <message>
        <source>TorchScript models (*.pt *.pth);;All files (*)</source>
        <translation>TorchScript-Modelle (*.pt *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open &amp;Data…</source>
        <translation>&amp;Daten öffnen…</translation>
    </message>
    <message>
        <source>Open a CSV data set with a header row (%1)</source>
        <translation>Einen CSV-Datensatz mit Kopfzeile öffnen (%1)</translation>
    </message>
    <message>
        <source>Open CSV data set</source>
        <translation>CSV-Datensatz öffnen</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>&amp;Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Borehole workspaces (*.borehole *.json);;All files (*)</source>
        <translation>Borehole-Arbeitsbereiche (*.borehole *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Save Workspace</source>
        <translation>Arbeitsbereich &amp;speichern</translation>
    </message>
    <message>
        <source>Save Workspace &amp;As…</source>
        <translation>Arbeitsbereich speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation>Arbeitsbereich speichern</translation>
    </message>
    <message>
        <source>Borehole workspaces (*.borehole *.json)</source>
        <translation>Borehole-Arbeitsbereiche (*.borehole *.json)</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>&amp;Bericht exportieren…</translation>
    </message>
    <message>
        <source>Save the probe report as HTML or PDF</source>
        <translation>Den Sondierungsbericht als HTML oder PDF speichern</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export &amp;Selection…</source>
        <translation>Aus&amp;wahl exportieren…</translation>
    </message>
    <message>
        <source>Save the selected region as JSON or CSV</source>
        <translation>Den ausgewählten Bereich als JSON oder CSV speichern</translation>
    </message>
    <message>
        <source>Export selection</source>
        <translation>Auswahl exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Run Probe</source>
        <translation>Sondierung &amp;starten</translation>
    </message>
    <message>
        <source>Run the selected probes (F5)</source>
        <translation>Die ausgewählten Sondierungen starten (F5)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Stop the running probe after its current step (Esc)</source>
        <translation>Die laufende Sondierung nach ihrem aktuellen Schritt anhalten (Esc)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation>&amp;Sonde</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Reset &amp;Camera</source>
        <translation>&amp;Kamera zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Borehole</source>
        <translation>&amp;Über Borehole</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Model: none</source>
        <translation>Modell: keines</translation>
    </message>
    <message>
        <source>Data: none</source>
        <translation>Daten: keine</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>Auswahl exportieren…</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Probe running</source>
        <translation>Sondierung läuft</translation>
    </message>
    <message>
        <source>Cancel the running probe before opening a model.</source>
        <translation>Brechen Sie die laufende Sondierung ab, bevor Sie ein Modell öffnen.</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>Modell kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened model %1 (%2 parameters)</source>
        <translation>Modell %1 geöffnet (%2 Parameter)</translation>
    </message>
    <message>
        <source>Cancel the running probe before opening data.</source>
        <translation>Brechen Sie die laufende Sondierung ab, bevor Sie Daten öffnen.</translation>
    </message>
    <message>
        <source>Cannot open data</source>
        <translation>Daten können nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened data %1 (%2 rows, %3 columns)</source>
        <translation>Daten %1 geöffnet (%2 Zeilen, %3 Spalten)</translation>
    </message>
    <message>
        <source>Cannot save workspace</source>
        <translation>Arbeitsbereich kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved workspace %1</source>
        <translation>Arbeitsbereich %1 gespeichert</translation>
    </message>
    <message>
        <source>Workspace saved to %1</source>
        <translation>Arbeitsbereich in %1 gespeichert</translation>
    </message>
    <message>
        <source>Cancel the running probe before opening a workspace.</source>
        <translation>Brechen Sie die laufende Sondierung ab, bevor Sie einen Arbeitsbereich öffnen.</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened workspace %1</source>
        <translation>Arbeitsbereich %1 geöffnet</translation>
    </message>
    <message>
        <source>Nothing to probe</source>
        <translation>Nichts zu sondieren</translation>
    </message>
    <message>
        <source>Open a model (.pt) and a data set (.csv) first.</source>
        <translation>Öffnen Sie zuerst ein Modell (.pt) und einen Datensatz (.csv).</translation>
    </message>
    <message>
        <source>Probing…</source>
        <translation>Sondiere…</translation>
    </message>
    <message>
        <source>Probe started: %1 directions × K=%2, surface %3, seed %4</source>
        <translation>Sondierung gestartet: %1 Richtungsarten × K=%2, Fläche %3, Seed %4</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>wird geschätzt…</translation>
    </message>
    <message>
        <source>Probing… %1 % — %2 elapsed, about %3 left</source>
        <translation>Sondiere… %1 % — %2 vergangen, noch etwa %3</translation>
    </message>
    <message>
        <source>Probe finished in %1 s</source>
        <translation>Sondierung in %1 s abgeschlossen</translation>
    </message>
    <message>
        <source>  loss and gradient: %1</source>
        <translation>  Verlust und Gradient: %1</translation>
    </message>
    <message>
        <source>  FD curvature %1 (K=%2): %3</source>
        <translation>  FD-Krümmung %1 (K=%2): %3</translation>
    </message>
    <message>
        <source>  power iteration (%1 iterations): %2</source>
        <translation>  Potenzmethode (%1 Iterationen): %2</translation>
    </message>
    <message>
        <source>  Lanczos (%1 iterations): %2</source>
        <translation>  Lanczos (%1 Iterationen): %2</translation>
    </message>
    <message>
        <source>  sharpness (%1 perturbations): %2</source>
        <translation>  Schärfe (%1 Störungen): %2</translation>
    </message>
    <message>
        <source>  1D line (%1 points): %2</source>
        <translation>  1D-Linie (%1 Punkte): %2</translation>
    </message>
    <message>
        <source>  2D surface (%1×%2): %3</source>
        <translation>  2D-Fläche (%1×%2): %3</translation>
    </message>
    <message>
        <source>  total: %1</source>
        <translation>  gesamt: %1</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Probe failed.</source>
        <translation>Sondierung fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Probe failed</source>
        <translation>Sondierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Probe cancelled after %1 s; previous results kept.</source>
        <translation>Sondierung nach %1 s abgebrochen; bisherige Ergebnisse bleiben erhalten.</translation>
    </message>
    <message>
        <source>Probe cancelled</source>
        <translation>Sondierung abgebrochen</translation>
    </message>
    <message>
        <source>%1 points selected; lowest %2 = %3 at α = %4, β = %5</source>
        <translation>%1 Punkte ausgewählt; kleinster %2 = %3 bei α = %4, β = %5</translation>
    </message>
    <message>
        <source>No grid points in the selected region.</source>
        <translation>Keine Gitterpunkte im ausgewählten Bereich.</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Nichts ausgewählt</translation>
    </message>
    <message>
        <source>Drag a rectangle in the heatmap or the PCA map to select points first.</source>
        <translation>Ziehen Sie zuerst ein Rechteck in der Heatmap oder der PCA-Karte, um Punkte auszuwählen.</translation>
    </message>
    <message>
        <source>Cannot export selection</source>
        <translation>Auswahl kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Exported %1 selected points to %2</source>
        <translation>%1 ausgewählte Punkte nach %2 exportiert</translation>
    </message>
    <message>
        <source>No report</source>
        <translation>Kein Bericht</translation>
    </message>
    <message>
        <source>Run a probe (or open a workspace with results) first.</source>
        <translation>Starten Sie zuerst eine Sondierung (oder öffnen Sie einen Arbeitsbereich mit Ergebnissen).</translation>
    </message>
    <message>
        <source>Cannot export report</source>
        <translation>Bericht kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Exported report to %1</source>
        <translation>Bericht nach %1 exportiert</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht in %1 geschrieben</translation>
    </message>
    <message>
        <source>Cannot export view</source>
        <translation>Ansicht kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Exported view to %1</source>
        <translation>Ansicht nach %1 exportiert</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Modell:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>&lt;b&gt;Data:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Daten:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>unavailable (%1)</source>
        <translation>nicht verfügbar (%1)</translation>
    </message>
    <message>
        <source>%1 parameters in %2 tensors, %3 layers%4</source>
        <translation>%1 Parameter in %2 Tensoren, %3 Schichten%4</translation>
    </message>
    <message>
        <source>, has buffers</source>
        <translation>, mit Puffern</translation>
    </message>
    <message>
        <source>%1 rows, %2 columns</source>
        <translation>%1 Zeilen, %2 Spalten</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <source>%1 — Borehole</source>
        <translation>%1 — Borehole</translation>
    </message>
    <message>
        <source>About Borehole</source>
        <translation>Über Borehole</translation>
    </message>
    <message>
        <source>&amp;Training Panel</source>
        <translation>&amp;Trainingsfenster</translation>
    </message>
    <message>
        <source>St&amp;udy Panel</source>
        <translation>St&amp;udienfenster</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Studie</translation>
    </message>
    <message>
        <source>  %1 trace (%2 samples): %3</source>
        <translation>  %1-Spur (%2 Stichproben): %3</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Borehole %1&lt;/h3&gt;&lt;p&gt;Drills into the loss landscape of a TorchScript model: finite-difference curvature, top Hessian eigenvalue (power iteration, Lanczos), Hutch++ and Hutchinson trace, ε-sharpness and 1D/2D loss landscapes.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Borehole %1&lt;/h3&gt;&lt;p&gt;Bohrt in die Verlustlandschaft eines TorchScript-Modells: Krümmung aus finiten Differenzen, größter Hesse-Eigenwert (Potenzmethode, Lanczos), Hutch++- und Hutchinson-Spur, ε-Schärfe sowie 1D-/2D-Verlustlandschaften.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Training %1 in the training panel.</source>
        <translation>Training von %1 im Trainingsbereich.</translation>
    </message>
    <message>
        <source>Opened %1 with its saved results: L(θ) = %2</source>
        <translation>%1 mit den gespeicherten Ergebnissen geöffnet: L(θ) = %2</translation>
    </message>
    <message>
        <source>Ready: press Run (F5) to probe.</source>
        <translation>Bereit: Ausführen (F5) startet die Messung.</translation>
    </message>
    <message>
        <source>  spectrum (%1): %2</source>
        <translation>  Spektrum (%1): %2</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Done: L(θ) = %1, λmax = %2, in %3 s; %4</source>
        <translation>Fertig: L(θ) = %1, λmax = %2, in %3 s; %4</translation>
    </message>
    <message>
        <source>features standardised</source>
        <translation>Merkmale standardisiert</translation>
    </message>
    <message>
        <source>raw features</source>
        <translation>Rohmerkmale</translation>
    </message>
    <message>
        <source>Borehole User Guide</source>
        <translation>Borehole-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Surface 3D: reset the camera</source>
        <translation>Oberfläche 3D: Kamera zurücksetzen</translation>
    </message>
    <message>
        <source>Heatmap: select a point / extend the selection</source>
        <translation>Heatmap: Punkt auswählen / Auswahl erweitern</translation>
    </message>
    <message>
        <source>Click / Shift+Click</source>
        <translation>Klick / Umschalt+Klick</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>Sondierungen</translation>
    </message>
    <message>
        <source>Showing %1: L(θ) = %2</source>
        <translation>Gezeigt: %1: L(θ) = %2</translation>
    </message>
</context>
<context>
    <name>borehole::PcaView</name>
    <message>
        <source>Colour each bin by the mean of this value over its points</source>
        <translation>Jede Zelle nach dem Mittelwert dieser Größe über ihre Punkte einfärben</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the PCA map as PNG, SVG or PDF</source>
        <translation>Die PCA-Karte als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Farbe:</translation>
    </message>
    <message>
        <source>grid curvature ∂²/∂α² + ∂²/∂β²</source>
        <translation>Gitterkrümmung ∂²/∂α² + ∂²/∂β²</translation>
    </message>
    <message>
        <source>PC1 (%1 % of variance) [standardised score]</source>
        <translation>HK1 (%1 % der Varianz) [standardisierter Wert]</translation>
    </message>
    <message>
        <source>PC2 (%1 % of variance) [standardised score]</source>
        <translation>HK2 (%1 % der Varianz) [standardisierter Wert]</translation>
    </message>
</context>
<context>
    <name>borehole::ProbeHistory</name>
    <message>
        <source>saved</source>
        <translation>gespeichert</translation>
    </message>
</context>
<context>
    <name>borehole::ProbeHistoryPanel</name>
    <message>
        <source>Every probe of this session or workspace. Tick the probes to compare (Compare tab); double-click one to show it in the views; F2 renames.</source>
        <translation>Jede Sondierung dieser Sitzung oder dieses Arbeitsbereichs. Zu vergleichende Sondierungen ankreuzen (Reiter Vergleich); Doppelklick zeigt eine in den Ansichten; F2 benennt um.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Shown in the views now</source>
        <translation>Jetzt in den Ansichten gezeigt</translation>
    </message>
</context>
<context>
    <name>borehole::ProbeWorker</name>
    <message>
        <source>Unknown error while probing.</source>
        <translation>Unbekannter Fehler beim Sondieren.</translation>
    </message>
</context>
<context>
    <name>borehole::ResultsViews</name>
    <message>
        <source>Run a probe to see its summary here.</source>
        <translation>Starten Sie eine Sondierung, um hier ihre Zusammenfassung zu sehen.</translation>
    </message>
    <message>
        <source>Surface 3D</source>
        <translation>Oberfläche 3D</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>PCA map</source>
        <translation>PCA-Karte</translation>
    </message>
    <message>
        <source>Curvature</source>
        <translation>Krümmung</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spektrum</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Partial results: the probe is still running; this shows the probes finished so far.</source>
        <translation>Teilergebnisse: die Untersuchung läuft noch; hier stehen die bisher fertigen Proben.</translation>
    </message>
    <message>
        <source>Loss surface (3D)</source>
        <translation>Verlustfläche (3D)</translation>
    </message>
    <message>
        <source>L(θ + α·d₁ + β·d₂); the red marker is the current θ.</source>
        <translation>L(θ + α·d₁ + β·d₂); die rote Markierung ist das aktuelle θ.</translation>
    </message>
    <message>
        <source>Loss heatmap</source>
        <translation>Verlust-Heatmap</translation>
    </message>
    <message>
        <source>The same grid seen from above.</source>
        <translation>Dasselbe Gitter von oben gesehen.</translation>
    </message>
    <message>
        <source>Grid points projected onto the first two principal components of their local shape features, binned and coloured by the mean value.</source>
        <translation>Gitterpunkte, projiziert auf die ersten beiden Hauptkomponenten ihrer lokalen Formmerkmale, in Zellen zusammengefasst und nach dem Mittelwert eingefärbt.</translation>
    </message>
    <message>
        <source>Hessian spectrum</source>
        <translation>Hesse-Spektrum</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Ansicht exportieren</translation>
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
        <translation>Wert</translation>
    </message>
    <message>
        <source>curvature</source>
        <translation>Krümmung</translation>
    </message>
</context>
<context>
    <name>borehole::SettingsPanel</name>
    <message>
        <source>Curvature along directions</source>
        <translation>Krümmung entlang von Richtungen</translation>
    </message>
    <message>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>K random unit directions in parameter space</source>
        <translation>K zufällige Einheitsrichtungen im Parameterraum</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>Gradient</translation>
    </message>
    <message>
        <source>The normalised gradient direction (always one direction)</source>
        <translation>Die normierte Gradientenrichtung (immer eine Richtung)</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>Principal components of mini-batch gradient samples</source>
        <translation>Hauptkomponenten von Mini-Batch-Gradientenstichproben</translation>
    </message>
    <message>
        <source>Number of directions K per kind</source>
        <translation>Anzahl der Richtungen K je Art</translation>
    </message>
    <message>
        <source>Finite-difference step ε along each unit direction, in parameter units</source>
        <translation>Schrittweite ε der finiten Differenzen entlang jeder Einheitsrichtung, in Parametereinheiten</translation>
    </message>
    <message>
        <source>Kinds:</source>
        <translation>Arten:</translation>
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
        <translation>Potenzmethode</translation>
    </message>
    <message>
        <source>Dominant (largest magnitude) eigenvalue of the Hessian</source>
        <translation>Dominanter (betragsgrößter) Eigenwert der Hesse-Matrix</translation>
    </message>
    <message>
        <source>Lanczos</source>
        <translation>Lanczos</translation>
    </message>
    <message>
        <source>Largest algebraic eigenvalue, with full reorthogonalisation</source>
        <translation>Größter algebraischer Eigenwert, mit vollständiger Reorthogonalisierung</translation>
    </message>
    <message>
        <source>Stop when the relative change (power) or the relative residual bound (Lanczos) falls below this</source>
        <translation>Anhalten, wenn die relative Änderung (Potenzmethode) oder die relative Residuenschranke (Lanczos) darunter fällt</translation>
    </message>
    <message>
        <source>Iteration cap of both solvers (one HVP each)</source>
        <translation>Iterationsgrenze beider Löser (je ein HVP)</translation>
    </message>
    <message>
        <source>exact (double backward)</source>
        <translation>exakt (doppeltes Backward)</translation>
    </message>
    <message>
        <source>finite differences</source>
        <translation>finite Differenzen</translation>
    </message>
    <message>
        <source>How Hessian-vector products are computed</source>
        <translation>Wie Hesse-Vektor-Produkte berechnet werden</translation>
    </message>
    <message>
        <source>Estimate of tr(H) from Rademacher probes, with its standard error</source>
        <translation>Schätzung von tr(H) aus Rademacher-Proben, mit Standardfehler</translation>
    </message>
    <message>
        <source>Most Rademacher samples for the trace estimate</source>
        <translation>Höchstzahl an Rademacher-Stichproben für die Spurschätzung</translation>
    </message>
    <message>
        <source>λmax:</source>
        <translation>λmax:</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>Toleranz:</translation>
    </message>
    <message>
        <source>Max iterations:</source>
        <translation>Max. Iterationen:</translation>
    </message>
    <message>
        <source>HVP:</source>
        <translation>HVP:</translation>
    </message>
    <message>
        <source>Max samples:</source>
        <translation>Max. Stichproben:</translation>
    </message>
    <message>
        <source>Perturbation sensitivity</source>
        <translation>Störungsempfindlichkeit</translation>
    </message>
    <message>
        <source>ε-sharpness</source>
        <translation>ε-Schärfe</translation>
    </message>
    <message>
        <source>Loss increase under random perturbations of radius ρ·‖θ‖</source>
        <translation>Verlustanstieg unter zufälligen Störungen mit Radius ρ·‖θ‖</translation>
    </message>
    <message>
        <source>Perturbation radius ρ, relative to ‖θ‖</source>
        <translation>Störungsradius ρ, relativ zu ‖θ‖</translation>
    </message>
    <message>
        <source>Number of random perturbations</source>
        <translation>Anzahl zufälliger Störungen</translation>
    </message>
    <message>
        <source>ρ:</source>
        <translation>ρ:</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>Stichproben:</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>Verlustlandschaft</translation>
    </message>
    <message>
        <source>1D line</source>
        <translation>1D-Linie</translation>
    </message>
    <message>
        <source>L(θ + α·d) along one random direction</source>
        <translation>L(θ + α·d) entlang einer zufälligen Richtung</translation>
    </message>
    <message>
        <source>2D surface</source>
        <translation>2D-Fläche</translation>
    </message>
    <message>
        <source>L(θ + α·d₁ + β·d₂) on a grid (shown in 3D, heatmap and PCA map)</source>
        <translation>L(θ + α·d₁ + β·d₂) auf einem Gitter (gezeigt in 3D, Heatmap und PCA-Karte)</translation>
    </message>
    <message>
        <source>Grid points per axis (the surface costs resolution² forward passes)</source>
        <translation>Gitterpunkte je Achse (die Fläche kostet Auflösung² Vorwärtsdurchläufe)</translation>
    </message>
    <message>
        <source>α and β range over [−span, span], in units of the (filter-normalised) direction</source>
        <translation>α und β laufen über [−Spanne, Spanne], in Einheiten der (filter-normierten) Richtung</translation>
    </message>
    <message>
        <source>Filter-normalised directions</source>
        <translation>Filter-normierte Richtungen</translation>
    </message>
    <message>
        <source>Scale each filter of a direction to the norm of the matching filter of θ (Li et al. 2018)</source>
        <translation>Jeden Filter einer Richtung auf die Norm des passenden Filters von θ skalieren (Li et al. 2018)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>grid second differences</source>
        <translation>zweite Differenzen des Gitters</translation>
    </message>
    <message>
        <source>exact HVPs</source>
        <translation>exakte HVPs</translation>
    </message>
    <message>
        <source>Curvature stored per grid point (HVPs cost two per point)</source>
        <translation>Je Gitterpunkt gespeicherte Krümmung (HVPs kosten zwei je Punkt)</translation>
    </message>
    <message>
        <source>Compute:</source>
        <translation>Berechnen:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Auflösung:</translation>
    </message>
    <message>
        <source>Span:</source>
        <translation>Spanne:</translation>
    </message>
    <message>
        <source>Curvature:</source>
        <translation>Krümmung:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Master seed: the split, directions and samples derive from it. Same seed, same numbers.</source>
        <translation>Haupt-Seed: Aufteilung, Richtungen und Stichproben werden daraus abgeleitet. Gleicher Seed, gleiche Zahlen.</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
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
        <translation>Wo gerechnet wird. „automatisch“ verwendet CUDA, wenn libtorch eine GPU sieht.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Training rows the probes evaluate L on (a fixed, seeded subset)</source>
        <translation>Trainingszeilen, auf denen die Sondierungen L auswerten (eine feste, geseedete Teilmenge)</translation>
    </message>
    <message>
        <source>Mini-batch size for the gradient samples of PCA directions</source>
        <translation>Mini-Batch-Größe für die Gradientenstichproben der PCA-Richtungen</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Probe rows:</source>
        <translation>Sondierungszeilen:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batch-Größe:</translation>
    </message>
    <message>
        <source>Trace tr(H)</source>
        <translation>Spur tr(H)</translation>
    </message>
    <message>
        <source>Hutch++ (low-rank sketch + Hutchinson)</source>
        <translation>Hutch++ (Niedrigrang-Skizze + Hutchinson)</translation>
    </message>
    <message>
        <source>Hutchinson</source>
        <translation>Hutchinson</translation>
    </message>
    <message>
        <source>Hutch++ computes the trace of the top subspace exactly and samples only the rest: far lower variance when a few eigenvalues dominate</source>
        <translation>Hutch++ berechnet die Spur des dominanten Unterraums exakt und schätzt nur den Rest aus Stichproben: weit geringere Varianz, wenn wenige Eigenwerte dominieren</translation>
    </message>
    <message>
        <source>Hutch++: size k of the sketched subspace (costs 2k HVPs)</source>
        <translation>Hutch++: Größe k des skizzierten Unterraums (kostet 2k HVPs)</translation>
    </message>
    <message>
        <source>Estimator:</source>
        <translation>Schätzer:</translation>
    </message>
    <message>
        <source>Sketch size:</source>
        <translation>Skizzengröße:</translation>
    </message>
    <message>
        <source>Coarse-to-fine</source>
        <translation>Grob nach fein</translation>
    </message>
    <message>
        <source>Evaluate every 5th point, then only the cells where bicubic interpolation misses by more than 0.5 % of the range; the rest is interpolated (not with HVP curvature)</source>
        <translation>Wertet jeden 5. Punkt aus, danach nur die Zellen, in denen die bikubische Interpolation um mehr als 0,5 % des Wertebereichs abweicht; der Rest wird interpoliert (nicht mit HVP-Krümmung)</translation>
    </message>
    <message>
        <source>Many points per launch</source>
        <translation>Viele Punkte pro Aufruf</translation>
    </message>
    <message>
        <source>For MLPs of Linear layers, activations and batch norms: evaluate blocks of grid points in one stacked forward; for CNNs, also time core&apos;s own layer calls with the batch norms folded in (both checked against the model&apos;s own forward; others run point by point)</source>
        <translation>Für MLPs aus Linear-Schichten, Aktivierungen und Batch-Norm-Schichten: wertet Blöcke von Gitterpunkten in einem gestapelten Vorwärtsdurchlauf aus; für CNNs werden zusätzlich eigene Schichtaufrufe mit eingefalteten Batch-Norm-Schichten gemessen (beides gegen den eigenen Vorwärtsdurchlauf des Modells geprüft; andere Modelle Punkt für Punkt)</translation>
    </message>
    <message>
        <source>Top eigenvalue and trace</source>
        <translation>Größter Eigenwert und Spur</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spektrum</translation>
    </message>
    <message>
        <source>Eigenvalues and density</source>
        <translation>Eigenwerte und Dichte</translation>
    </message>
    <message>
        <source>Largest and smallest eigenvalues with residual bounds, λmin (negative curvature) and the spectral density by stochastic Lanczos quadrature. Costs up to max iterations + runs × steps HVPs; a model with at most 4,096 parameters gets the exact Hessian instead, one HVP per parameter.</source>
        <translation>Größte und kleinste Eigenwerte mit Residuenschranken, λmin (negative Krümmung) und die Spektraldichte durch stochastische Lanczos-Quadratur. Kostet bis zu max. Iterationen + Läufe × Schritte HVPs; ein Modell mit höchstens 4.096 Parametern erhält stattdessen die exakte Hesse-Matrix, ein HVP je Parameter.</translation>
    </message>
    <message>
        <source>Largest eigenvalues wanted, each with its own residual bound (Lanczos: one HVP per iteration until all converge, at most max iterations)</source>
        <translation>Gewünschte größte Eigenwerte, jeder mit eigener Residuenschranke (Lanczos: ein HVP je Iteration, bis alle konvergieren, höchstens max. Iterationen)</translation>
    </message>
    <message>
        <source>Smallest eigenvalues wanted, λmin first: negative curvature, saddle detection (shares the top eigenvalues&apos; Lanczos run)</source>
        <translation>Gewünschte kleinste Eigenwerte, λmin zuerst: negative Krümmung, Sattelpunkterkennung (teilt den Lanczos-Lauf der größten Eigenwerte)</translation>
    </message>
    <message>
        <source>Stochastic Lanczos quadrature runs for the spectral density, each costing one HVP per step; 0: no density</source>
        <translation>Läufe der stochastischen Lanczos-Quadratur für die Spektraldichte, je ein HVP pro Schritt; 0: keine Dichte</translation>
    </message>
    <message>
        <source>Lanczos steps per density run (one HVP each): more steps resolve more of the spectrum</source>
        <translation>Lanczos-Schritte je Dichtelauf (je ein HVP): mehr Schritte lösen mehr vom Spektrum auf</translation>
    </message>
    <message>
        <source>Top k:</source>
        <translation>Obere k:</translation>
    </message>
    <message>
        <source>Bottom k:</source>
        <translation>Untere k:</translation>
    </message>
    <message>
        <source>Density runs:</source>
        <translation>Dichteläufe:</translation>
    </message>
    <message>
        <source>Steps per run:</source>
        <translation>Schritte je Lauf:</translation>
    </message>
    <message>
        <source>Task default (MSE / cross-entropy)</source>
        <translation>Standard der Aufgabe (MSE / Kreuzentropie)</translation>
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
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>Binary cross-entropy on logits</source>
        <translation>Binäre Kreuzentropie auf Logits</translation>
    </message>
    <message>
        <source>Model output is the loss</source>
        <translation>Modellausgabe ist der Verlust</translation>
    </message>
    <message>
        <source>The loss L whose landscape is probed (the CLI&apos;s --loss). Task default: MSE for regression, cross-entropy for classification. &quot;Model output is the loss&quot;: forward() returns the loss of each row and L is their mean.</source>
        <translation>Der Verlust L, dessen Landschaft untersucht wird (--loss der CLI). Standard der Aufgabe: MSE für Regression, Kreuzentropie für Klassifikation. „Modellausgabe ist der Verlust“: forward() liefert den Verlust jeder Zeile, L ist ihr Mittelwert.</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>Verlust:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>At most this many seconds for the whole probe (0: no limit). The run times the loss and gradient, then shrinks the surface and line and drops the costliest probes until the rest fits; the Summary and the report say what it changed.</source>
        <translation>Höchstens so viele Sekunden für die ganze Sondierung (0: keine Grenze). Der Lauf misst Verlust und Gradient, verkleinert dann Fläche und Linie und lässt die teuersten Sondierungen weg, bis der Rest passt; Zusammenfassung und Bericht nennen jede Änderung.</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>Zeitbudget:</translation>
    </message>
</context>
<context>
    <name>borehole::SpectrumView</name>
    <message>
        <source>loss / parameter-unit²</source>
        <translation>Verlust / Parametereinheit²</translation>
    </message>
    <message>
        <source>exact Hessian (%1 eigenvalues)</source>
        <translation>exakte Hesse-Matrix (%1 Eigenwerte)</translation>
    </message>
    <message>
        <source>Lanczos, %1 iterations</source>
        <translation>Lanczos, %1 Iterationen</translation>
    </message>
    <message>
        <source>Lanczos, %1 iterations, not converged</source>
        <translation>Lanczos, %1 Iterationen, nicht konvergiert</translation>
    </message>
    <message>
        <source>%1, no density</source>
        <translation>%1, keine Dichte</translation>
    </message>
    <message>
        <source>%1 + SLQ density, %2 runs × %3 steps</source>
        <translation>%1 + SLQ-Dichte, %2 Läufe × %3 Schritte</translation>
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
        <translation>negative Krümmung: sicher (λmin + Schranke &lt; 0)</translation>
    </message>
    <message>
        <source>negative curvature: not certain (λmin + bound ≥ 0)</source>
        <translation>negative Krümmung: nicht sicher (λmin + Schranke ≥ 0)</translation>
    </message>
    <message>
        <source>negative curvature: none found</source>
        <translation>negative Krümmung: keine gefunden</translation>
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
        <translation>Eigenwert λ</translation>
    </message>
    <message>
        <source>spectral density φ(λ)</source>
        <translation>Spektraldichte φ(λ)</translation>
    </message>
    <message>
        <source>per unit of λ</source>
        <translation>je Einheit von λ</translation>
    </message>
    <message>
        <source>every eigenvalue (exact)</source>
        <translation>alle Eigenwerte (exakt)</translation>
    </message>
    <message>
        <source>largest eigenvalues ± residual bound</source>
        <translation>größte Eigenwerte ± Residuenschranke</translation>
    </message>
    <message>
        <source>smallest eigenvalues ± residual bound</source>
        <translation>kleinste Eigenwerte ± Residuenschranke</translation>
    </message>
    <message>
        <source> λ = 0</source>
        <translation> λ = 0</translation>
    </message>
    <message>
        <source>Log scale φ</source>
        <translation>φ logarithmisch</translation>
    </message>
    <message>
        <source>Spectral densities span decades: show φ(λ) on a logarithmic axis</source>
        <translation>Spektraldichten überspannen Dekaden: φ(λ) auf logarithmischer Achse zeigen</translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>Save the spectrum plot as PNG, SVG or PDF</source>
        <translation>Das Spektrum-Diagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Run a probe with the spectrum enabled (Setup › Spectrum) to see the Hessian&apos;s eigenvalues and spectral density here.</source>
        <translation>Eine Sondierung mit eingeschaltetem Spektrum (Einrichtung › Spektrum) zeigt hier die Eigenwerte und die Spektraldichte der Hesse-Matrix.</translation>
    </message>
    <message>
        <source>Spectrum not computed: enable it in Setup › Spectrum and probe again.</source>
        <translation>Spektrum nicht berechnet: in Einrichtung › Spektrum einschalten und erneut sondieren.</translation>
    </message>
</context>
<context>
    <name>borehole::StudyDashboard</name>
    <message>
        <source>Full runs, in the order they finished</source>
        <translation>Volle Läufe, in der Reihenfolge ihres Endes</translation>
    </message>
    <message>
        <source>Open or run a study: its history, parameter importance and parallel coordinates appear here.</source>
        <translation>Eine Studie öffnen oder ausführen: ihr Verlauf, die Wichtigkeit der Parameter und die parallelen Koordinaten erscheinen hier.</translation>
    </message>
    <message>
        <source>Measured %1</source>
        <translation>Gemessen: %1</translation>
    </message>
    <message>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>best so far</source>
        <translation>bisher bester</translation>
    </message>
    <message>
        <source>History: no full run has finished yet (Train selected / Train next N).</source>
        <translation>Verlauf: noch kein voller Lauf beendet (Ausgewählte trainieren / Nächste N trainieren).</translation>
    </message>
    <message>
        <source>History: %1 full runs; best %2 %3.</source>
        <translation>Verlauf: %1 volle Läufe; bestes %2 %3.</translation>
    </message>
    <message>
        <source>|Spearman ρ| with promisingness</source>
        <translation>|Spearman ρ| mit der Erfolgsaussicht</translation>
    </message>
    <message>
        <source>Importance: needs at least 3 probed configurations and a hyperparameter that varies.</source>
        <translation>Wichtigkeit: braucht mindestens 3 geprüfte Konfigurationen und einen Hyperparameter, der variiert.</translation>
    </message>
    <message>
        <source>Importance: how strongly each varying hyperparameter orders the meta-model&apos;s promisingness over %1 probed configurations (rank correlation; not causal).</source>
        <translation>Wichtigkeit: wie stark jeder variierende Hyperparameter die Erfolgsaussicht des Metamodells über %1 geprüfte Konfigurationen ordnet (Rangkorrelation; nicht kausal).</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>promisingness</source>
        <translation>Erfolgsaussicht</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>10^%1 … 10^%2</source>
        <translation>10^%1 … 10^%2</translation>
    </message>
    <message>
        <source>each axis from its minimum (0) to its maximum (1)</source>
        <translation>jede Achse von ihrem Minimum (0) bis zu ihrem Maximum (1)</translation>
    </message>
    <message>
        <source>Parallel coordinates: no configuration probed yet.</source>
        <translation>Parallele Koordinaten: noch keine Konfiguration geprüft.</translation>
    </message>
    <message>
        <source>Parallel coordinates: %1 probed configurations, coloured by promisingness (viridis, yellow = most promising).</source>
        <translation>Parallele Koordinaten: %1 geprüfte Konfigurationen, gefärbt nach Erfolgsaussicht (viridis, gelb = am aussichtsreichsten).</translation>
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
        <translation>Farbe</translation>
    </message>
    <message>
        <source>2D map</source>
        <translation>2D-Karte</translation>
    </message>
    <message>
        <source>One dot per configuration</source>
        <translation>Ein Punkt je Konfiguration</translation>
    </message>
    <message>
        <source>3D surface</source>
        <translation>3D-Fläche</translation>
    </message>
    <message>
        <source>The colour value as a surface over the two axes, configurations averaged per cell, with the stability bound on the floor</source>
        <translation>Der Farbwert als Fläche über den beiden Achsen, Konfigurationen je Zelle gemittelt, mit der Stabilitätsgrenze am Boden</translation>
    </message>
    <message>
        <source>Export 3D map</source>
        <translation>3D-Karte exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>past 2/lr bound (lr·λmax &gt; 2+2β)</source>
        <translation>jenseits der 2/lr-Grenze (lr·λmax &gt; 2+2β)</translation>
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
        <translation>lr = (2+2β)/λmax beim Median von λmax %1</translation>
    </message>
    <message>
        <source>lr·λmax = 2</source>
        <translation>lr·λmax = 2</translation>
    </message>
    <message>
        <source>The 3D surface needs configurations with a value at two or more distinct values on each axis.</source>
        <translation>Die 3D-Fläche braucht Konfigurationen mit einem Wert an mindestens zwei verschiedenen Werten jeder Achse.</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 cells; each shows the mean %3 of the configurations in it (the other hyperparameters averaged over); %n empty cell(s) interpolated.</source>
        <translation>
            <numerusform>%1 × %2 Zellen; jede zeigt den Mittelwert von %3 über ihre Konfigurationen (über die übrigen Hyperparameter gemittelt); %n leere Zelle interpoliert.</numerusform>
            <numerusform>%1 × %2 Zellen; jede zeigt den Mittelwert von %3 über ihre Konfigurationen (über die übrigen Hyperparameter gemittelt); %n leere Zellen interpoliert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The stability bound is drawn for learning rate against λmax, momentum or lr·λmax.</source>
        <translation>Die Stabilitätsgrenze wird für die Lernrate gegen λmax, Momentum oder lr·λmax gezeichnet.</translation>
    </message>
    <message>
        <source>The stability bound lies outside the plotted range.</source>
        <translation>Die Stabilitätsgrenze liegt außerhalb des dargestellten Bereichs.</translation>
    </message>
    <message>
        <source>Red on the floor: the stability bound (2+2β)/lr.</source>
        <translation>Rot am Boden: die Stabilitätsgrenze (2+2β)/lr.</translation>
    </message>
    <message>
        <source>Curvature map: %1 against %2</source>
        <translation>Krümmungskarte: %1 gegen %2</translation>
    </message>
    <message>
        <source>One dot per configuration, coloured by %1; red: the stability bound and configurations past it.</source>
        <translation>Ein Punkt je Konfiguration, eingefärbt nach %1; rot: die Stabilitätsgrenze und Konfigurationen jenseits davon.</translation>
    </message>
    <message>
        <source>3D surface: %1 over %2 and %3</source>
        <translation>3D-Fläche: %1 über %2 und %3</translation>
    </message>
    <message>
        <source>No 3D surface: %1</source>
        <translation>Keine 3D-Fläche: %1</translation>
    </message>
</context>
<context>
    <name>borehole::StudyPanel</name>
    <message>
        <source>no spec file</source>
        <translation>keine Spezifikationsdatei</translation>
    </message>
    <message>
        <source>Open spec…</source>
        <translation>Spezifikation öffnen…</translation>
    </message>
    <message>
        <source>Open study…</source>
        <translation>Studie öffnen…</translation>
    </message>
    <message>
        <source>Open study spec</source>
        <translation>Studienspezifikation öffnen</translation>
    </message>
    <message>
        <source>Study spec (*.json)</source>
        <translation>Studienspezifikation (*.json)</translation>
    </message>
    <message>
        <source>Open study database</source>
        <translation>Studiendatenbank öffnen</translation>
    </message>
    <message>
        <source>Study database (*.sqlite *.db)</source>
        <translation>Studiendatenbank (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>Spezifikation</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>all pending</source>
        <translation>alle ausstehenden</translation>
    </message>
    <message>
        <source>Configurations to probe in this run</source>
        <translation>In diesem Lauf zu sondierende Konfigurationen</translation>
    </message>
    <message>
        <source>Run study</source>
        <translation>Studie starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open a study spec or database.</source>
        <translation>Öffnen Sie eine Studienspezifikation oder -datenbank.</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Sondieren</translation>
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
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Full-run cost</source>
        <translation>Kosten voller Lauf</translation>
    </message>
    <message>
        <source>List candidates</source>
        <translation>Kandidaten auflisten</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Hyperparameter</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>min. probability</source>
        <translation>min. Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Rangfolge</translation>
    </message>
    <message>
        <source>Curvature map</source>
        <translation>Krümmungskarte</translation>
    </message>
    <message>
        <source>PCA of configurations</source>
        <translation>PCA der Konfigurationen</translation>
    </message>
    <message>
        <source>Train selected</source>
        <translation>Ausgewählte trainieren</translation>
    </message>
    <message>
        <source>Full training runs of the selected rows, then refit</source>
        <translation>Vollständige Trainingsläufe der ausgewählten Zeilen, danach neu anpassen</translation>
    </message>
    <message>
        <source>Train next N</source>
        <translation>Nächste N trainieren</translation>
    </message>
    <message>
        <source>Full runs of the N configurations the active loop picks</source>
        <translation>Vollständige Läufe der N Konfigurationen, die die aktive Schleife auswählt</translation>
    </message>
    <message>
        <source>Export chosen…</source>
        <translation>Gewählte exportieren…</translation>
    </message>
    <message>
        <source>Export chosen hyperparameters</source>
        <translation>Gewählte Hyperparameter exportieren</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kann %1 nicht lesen: %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Valid: %1 configurations, %2 sampler, metric %3.</source>
        <translation>Gültig: %1 Konfigurationen, Sampler %2, Metrik %3.</translation>
    </message>
    <message>
        <source>Choose a study database (.sqlite) first.</source>
        <translation>Wählen Sie zuerst eine Studiendatenbank (.sqlite).</translation>
    </message>
    <message>
        <source>Probing configurations…</source>
        <translation>Sondiere Konfigurationen…</translation>
    </message>
    <message>
        <source>A study job is already running.</source>
        <translation>Ein Studienauftrag läuft bereits.</translation>
    </message>
    <message>
        <source>Select configurations in the ranking first.</source>
        <translation>Wählen Sie zuerst Konfigurationen in der Rangfolge aus.</translation>
    </message>
    <message>
        <source>Training %1 configurations fully…</source>
        <translation>Trainiere %1 Konfigurationen vollständig…</translation>
    </message>
    <message>
        <source>Training the next %1 configurations fully…</source>
        <translation>Trainiere die nächsten %1 Konfigurationen vollständig…</translation>
    </message>
    <message>
        <source>%1 of %2 done, about %3 s left</source>
        <translation>%1 von %2 fertig, noch etwa %3 s</translation>
    </message>
    <message>
        <source>%1 configurations: %2 done, %3 failed, %4 pending; %5 full runs.</source>
        <translation>%1 Konfigurationen: %2 fertig, %3 fehlgeschlagen, %4 ausstehend; %5 vollständige Läufe.</translation>
    </message>
    <message>
        <source>Meta-model v%1 (%2, %3 rows)</source>
        <translation>Metamodell v%1 (%2, %3 Zeilen)</translation>
    </message>
    <message>
        <source>: validation RMSE %1, Spearman %2</source>
        <translation>: Validierungs-RMSE %1, Spearman %2</translation>
    </message>
    <message>
        <source>: too few rows to hold any out for validation</source>
        <translation>: zu wenige Zeilen, um welche für die Validierung zurückzuhalten</translation>
    </message>
    <message>
        <source>Cancelled; finished configurations are kept in the database.</source>
        <translation>Abgebrochen; fertige Konfigurationen bleiben in der Datenbank erhalten.</translation>
    </message>
    <message>
        <source>Run or open a study first.</source>
        <translation>Starten oder öffnen Sie zuerst eine Studie.</translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) meet %1 with probability ≥ %2, cheapest first.</source>
        <translation>
            <numerusform>%n Konfiguration erfüllt %1 mit Wahrscheinlichkeit ≥ %2.</numerusform>
            <numerusform>%n Konfigurationen erfüllen %1 mit Wahrscheinlichkeit ≥ %2, günstigste zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source>No probed configuration to export.</source>
        <translation>Keine sondierte Konfiguration zum Exportieren.</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>Spec, ranking, maps, meta-model validation and target candidates as HTML or PDF</source>
        <translation>Spezifikation, Rangfolge, Karten, Validierung des Metamodells und Zielkandidaten als HTML oder PDF</translation>
    </message>
    <message>
        <source>Export study report</source>
        <translation>Studienbericht exportieren</translation>
    </message>
    <message>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Wait for the running study job to finish.</source>
        <translation>Warten Sie, bis der laufende Studienauftrag beendet ist.</translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) meet the target, cheapest first.</source>
        <translation>
            <numerusform>%n Konfiguration erfüllt das Ziel.</numerusform>
            <numerusform>%n Konfigurationen erfüllen das Ziel, günstigste zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source>Train guided</source>
        <translation>Geführt trainieren</translation>
    </message>
    <message>
        <source>Train the selected configuration in the training panel under the curvature-guided rate; the cap is scaled by its rank (1 for the most promising, 0.5 for the least)</source>
        <translation>Trainiert die ausgewählte Konfiguration im Trainingsbereich mit der krümmungsgeführten Lernrate; die Obergrenze wird nach ihrem Rang skaliert (1 für die aussichtsreichste, 0,5 für die am wenigsten aussichtsreiche)</translation>
    </message>
    <message>
        <source>Select one configuration in the ranking first.</source>
        <translation>Wählen Sie zuerst eine Konfiguration in der Rangfolge aus.</translation>
    </message>
    <message>
        <source>Configuration %1 has no probe result to rank it by.</source>
        <translation>Konfiguration %1 hat kein Sondierungsergebnis, nach dem sie eingeordnet werden könnte.</translation>
    </message>
    <message>
        <source>config %1 guided s=%2</source>
        <translation>Konfiguration %1 geführt s=%2</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>study database (.sqlite) or postgresql://…</source>
        <translation>Studiendatenbank (.sqlite) oder postgresql://…</translation>
    </message>
    <message>
        <source>A study database file, or the URL of a study on a PostgreSQL server (postgresql://user@host/dbname); press Enter to open it.</source>
        <translation>Eine Studiendatenbank-Datei oder die URL einer Studie auf einem PostgreSQL-Server (postgresql://user@host/dbname); mit Enter öffnen.</translation>
    </message>
    <message>
        <source>Watch live</source>
        <translation>Live verfolgen</translation>
    </message>
    <message>
        <source>Re-read the open study every few seconds while no job of this panel runs, so that configurations other workers probe or train (other processes, other machines on a PostgreSQL server) appear as they are committed.</source>
        <translation>Die offene Studie alle paar Sekunden neu lesen, solange kein Auftrag dieses Bereichs läuft, damit Konfigurationen, die andere Worker prüfen oder trainieren (andere Prozesse, andere Rechner an einem PostgreSQL-Server), erscheinen, sobald sie gespeichert sind.</translation>
    </message>
    <message>
        <source>Rung</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Time [s]</source>
        <translation>Zeit [s]</translation>
    </message>
    <message>
        <source>Rungs</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>1 configuration being probed now by %1.</source>
        <translation>1 Konfiguration wird gerade von %1 geprüft.</translation>
    </message>
    <message>
        <source>%1 configurations being probed now by %2.</source>
        <translation>%1 Konfigurationen werden gerade von %2 geprüft.</translation>
    </message>
    <message>
        <source>Not a probe-halving study: rungs appear here for studies whose spec sets &quot;strategy&quot;: &quot;probe-halving&quot;.</source>
        <translation>Keine Probe-Halving-Studie: Stufen erscheinen hier für Studien, deren Spezifikation &quot;strategy&quot;: &quot;probe-halving&quot; setzt.</translation>
    </message>
    <message>
        <source>Watching live: read at %1, every %2 s.</source>
        <translation>Live verfolgt: gelesen um %1, alle %2 s.</translation>
    </message>
    <message>
        <source>Watching live: cannot read the study (%1); trying again every %2 s.</source>
        <translation>Live verfolgt: die Studie ist nicht lesbar (%1); neuer Versuch alle %2 s.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Export trials…</source>
        <translation>Versuche exportieren…</translation>
    </message>
    <message>
        <source>Every configuration as CSV: hyperparameters, status, prediction, measured outcome and every probe feature</source>
        <translation>Jede Konfiguration als CSV: Hyperparameter, Status, Vorhersage, gemessenes Ergebnis und jedes Probenmerkmal</translation>
    </message>
    <message>
        <source>Export trials</source>
        <translation>Versuche exportieren</translation>
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
        <translation>Farbe</translation>
    </message>
    <message>
        <source>PC1 (%1 % of variance)</source>
        <translation>HK1 (%1 % der Varianz)</translation>
    </message>
    <message>
        <source>PC2 (%1 % of variance)</source>
        <translation>HK2 (%1 % der Varianz)</translation>
    </message>
    <message>
        <source>PCA of configurations</source>
        <translation>PCA der Konfigurationen</translation>
    </message>
    <message>
        <source>Meta-model inputs on two principal components, coloured by %1.</source>
        <translation>Eingaben des Metamodells auf zwei Hauptkomponenten, eingefärbt nach %1.</translation>
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
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
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
        <translation>SAM-ρ</translation>
    </message>
    <message>
        <source>Init scale</source>
        <translation>Init-Skalierung</translation>
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
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>±</source>
        <translation>±</translation>
    </message>
    <message>
        <source>Promisingness</source>
        <translation>Erfolgsaussicht</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Full-run cost</source>
        <translation>Kosten voller Lauf</translation>
    </message>
</context>
<context>
    <name>borehole::StudyScatter</name>
    <message>
        <source>Drag a rectangle to select configurations, click a dot to select one; Shift adds to the selection</source>
        <translation>Rechteck ziehen wählt Konfigurationen aus, ein Klick auf einen Punkt wählt eine; mit Umschalt wird die Auswahl erweitert</translation>
    </message>
</context>
<context>
    <name>borehole::StudyWorker</name>
    <message>
        <source>Choose a study database (.sqlite) first.</source>
        <translation>Wählen Sie zuerst eine Studiendatenbank (.sqlite).</translation>
    </message>
    <message>
        <source>Probed %1 configurations (%2 failed) in %3 s; %4 pending.</source>
        <translation>%1 Konfigurationen in %3 s sondiert (%2 fehlgeschlagen); %4 ausstehend.</translation>
    </message>
    <message>
        <source>%1 attempts ended with an error; the reason is stored with the configuration, which is marked failed after %2.</source>
        <translation>%1 Versuche endeten mit einem Fehler; der Grund ist bei der Konfiguration gespeichert, die nach %2 als fehlgeschlagen markiert wird.</translation>
    </message>
    <message>
        <source>%1 configurations are being probed by other workers.</source>
        <translation>%1 Konfigurationen werden von anderen Workern sondiert.</translation>
    </message>
    <message>
        <source>Trained %1 follow-up runs (%2 failed) in %3 s.</source>
        <translation>%1 Folgeläufe in %3 s trainiert (%2 fehlgeschlagen).</translation>
    </message>
    <message>
        <source>Unknown error in the study.</source>
        <translation>Unbekannter Fehler in der Studie.</translation>
    </message>
    <message>
        <source>Probe-halving: probed %1 configurations (%2 failed), trained %3 rung runs in %4 s; rung %5 of %6 open.</source>
        <translation>Probe-Halving: %1 Konfigurationen geprüft (%2 fehlgeschlagen), %3 Stufenläufe in %4 s trainiert; Stufe %5 von %6 offen.</translation>
    </message>
    <message>
        <source>%1 rung attempts ended with an error (the reason is stored with the rung).</source>
        <translation>%1 Stufenversuche endeten mit einem Fehler (der Grund ist bei der Stufe gespeichert).</translation>
    </message>
    <message>
        <source>Trained %1 selected configurations fully (%2 failed) in %3 s.</source>
        <translation>%1 ausgewählte Konfigurationen vollständig trainiert (%2 fehlgeschlagen) in %3 s.</translation>
    </message>
</context>
<context>
    <name>borehole::SurfaceView</name>
    <message>
        <source>Reset camera</source>
        <translation>Kamera zurücksetzen</translation>
    </message>
    <message>
        <source>Look at the whole surface from the default angle (R)</source>
        <translation>Die ganze Fläche aus dem Standardwinkel betrachten (R)</translation>
    </message>
    <message>
        <source>Wireframe</source>
        <translation>Drahtgitter</translation>
    </message>
    <message>
        <source>Draw the surface as a wireframe mesh</source>
        <translation>Die Fläche als Drahtgitter zeichnen</translation>
    </message>
    <message>
        <source>Log z</source>
        <translation>Log z</translation>
    </message>
    <message>
        <source>Height and colour show log₁₀ of the value (shifted to be positive if needed)</source>
        <translation>Höhe und Farbe zeigen log₁₀ des Werts (bei Bedarf ins Positive verschoben)</translation>
    </message>
    <message>
        <source>Floor contours</source>
        <translation>Höhenlinien am Boden</translation>
    </message>
    <message>
        <source>Draw contour lines of the value on the floor</source>
        <translation>Höhenlinien des Werts auf den Boden zeichnen</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <source>Save the current 3D view as a PNG image</source>
        <translation>Die aktuelle 3D-Ansicht als PNG-Bild speichern</translation>
    </message>
    <message>
        <source>The 3D view could not be rendered.</source>
        <translation>Die 3D-Ansicht konnte nicht gerendert werden.</translation>
    </message>
    <message>
        <source>%1
(locked range)</source>
        <translation>%1
(fester Bereich)</translation>
    </message>
</context>
<context>
    <name>borehole::TrainingPanel</name>
    <message>
        <source>last column</source>
        <translation>letzte Spalte</translation>
    </message>
    <message>
        <source>Standardize targets</source>
        <translation>Zielgrößen standardisieren</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Model and data</source>
        <translation>Modell und Daten</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>TorchScript (*.pt *.pth)</source>
        <translation>TorchScript (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>Zielspalte</translation>
    </message>
    <message>
        <source>The optimizer SAM or the guided rate wraps</source>
        <translation>Der Optimierer, den SAM oder die geführte Lernrate umschließt</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Adaptive (ASAM)</source>
        <translation>Adaptiv (ASAM)</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Wraps</source>
        <translation>Umschließt</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>SAM ρ</source>
        <translation>SAM-ρ</translation>
    </message>
    <message>
        <source>Guided factor c</source>
        <translation>Führungsfaktor c</translation>
    </message>
    <message>
        <source>Estimate λmax every</source>
        <translation>λmax schätzen alle</translation>
    </message>
    <message>
        <source>from epochs</source>
        <translation>aus Epochen</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>voller Batch</translation>
    </message>
    <message>
        <source>only at the end</source>
        <translation>nur am Ende</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch-Größe</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validieren alle</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Clear runs</source>
        <translation>Läufe entfernen</translation>
    </message>
    <message>
        <source>Export model…</source>
        <translation>Modell exportieren…</translation>
    </message>
    <message>
        <source>Export run JSON…</source>
        <translation>Lauf als JSON exportieren…</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>optimizer steps</source>
        <translation>Optimiererschritte</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>loss units</source>
        <translation>Verlusteinheiten</translation>
    </message>
    <message>
        <source>Validation metric</source>
        <translation>Validierungsmetrik</translation>
    </message>
    <message>
        <source>metric units</source>
        <translation>Metrikeinheiten</translation>
    </message>
    <message>
        <source>loss / parameter²</source>
        <translation>Verlust / Parameter²</translation>
    </message>
    <message>
        <source>λmax</source>
        <translation>λmax</translation>
    </message>
    <message>
        <source>Old rate</source>
        <translation>Alte Rate</translation>
    </message>
    <message>
        <source>New rate</source>
        <translation>Neue Rate</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Learning-rate adjustments of the latest guided run</source>
        <translation>Lernratenanpassungen des letzten geführten Laufs</translation>
    </message>
    <message>
        <source>Export trained model</source>
        <translation>Trainiertes Modell exportieren</translation>
    </message>
    <message>
        <source>TorchScript (*.pt)</source>
        <translation>TorchScript (*.pt)</translation>
    </message>
    <message>
        <source>Export run record</source>
        <translation>Laufdaten exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>A training run is already in progress.</source>
        <translation>Ein Trainingslauf ist bereits im Gange.</translation>
    </message>
    <message>
        <source>Choose a model and a data file before training.</source>
        <translation>Wählen Sie vor dem Training ein Modell und eine Datendatei.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source> loss</source>
        <translation> Verlust</translation>
    </message>
    <message>
        <source> validation</source>
        <translation> Validierung</translation>
    </message>
    <message>
        <source> λmax</source>
        <translation> λmax</translation>
    </message>
    <message>
        <source>Step %1 of %2, about %3 left</source>
        <translation>Schritt %1 von %2, noch etwa %3</translation>
    </message>
    <message>
        <source>%1: %2 after %3 steps in %4 s; final validation %5, loss %6</source>
        <translation>%1: %2 nach %3 Schritten in %4 s; abschließende Validierung %5, Verlust %6</translation>
    </message>
    <message>
        <source>Training cancelled.</source>
        <translation>Training abgebrochen.</translation>
    </message>
    <message>
        <source>No finished training run to export.</source>
        <translation>Kein abgeschlossener Trainingslauf zum Exportieren.</translation>
    </message>
    <message>
        <source>Keep lr ≤ c·B/λmax, B the update rule&apos;s stable lr·λmax: 2 for SGD and Adam, 2+2μ with momentum μ, (2+2μ)/(1+2μ) with Nesterov</source>
        <translation>lr ≤ c·B/λmax halten, B das stabile lr·λmax der Aktualisierungsregel: 2 für SGD und Adam, 2+2μ mit Momentum μ, (2+2μ)/(1+2μ) mit Nesterov</translation>
    </message>
    <message>
        <source>A further factor s on the cap, e.g. a study&apos;s promisingness score (1: off)</source>
        <translation>Ein weiterer Faktor s auf die Obergrenze, z. B. die Erfolgsaussicht aus einer Studie (1: aus)</translation>
    </message>
    <message>
        <source>Guided scale s</source>
        <translation>Führungsskalierung s</translation>
    </message>
    <message>
        <source> %1/lr</source>
        <translation> %1/lr</translation>
    </message>
    <message>
        <source>λmax, bound B/lr</source>
        <translation>λmax, Grenze B/lr</translation>
    </message>
</context>
<context>
    <name>borehole::TrainingWorker</name>
    <message>
        <source>Unknown error while training.</source>
        <translation>Unbekannter Fehler beim Training.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Probe the loss-landscape curvature of a TorchScript model on a CSV data set.</source>
        <translation>Die Krümmung der Verlustlandschaft eines TorchScript-Modells auf einem CSV-Datensatz sondieren.</translation>
    </message>
    <message>
        <source>A model (.pt), a data set (.csv) or a workspace.</source>
        <translation>Ein Modell (.pt), ein Datensatz (.csv) oder ein Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Target column of the CSV.</source>
        <translation>Zielspalte der CSV-Datei.</translation>
    </message>
    <message>
        <source>regression or classification.</source>
        <translation>regression oder classification.</translation>
    </message>
    <message>
        <source>Standardise regression targets.</source>
        <translation>Regressionszielgrößen standardisieren.</translation>
    </message>
    <message>
        <source>Surface grid points per axis.</source>
        <translation>Gitterpunkte der Fläche je Achse.</translation>
    </message>
    <message>
        <source>Start probing right away.</source>
        <translation>Sofort mit dem Sondieren beginnen.</translation>
    </message>
    <message>
        <source>User interface language (en, de).</source>
        <translation>Sprache der Benutzeroberfläche (en, de).</translation>
    </message>
    <message>
        <source>Unknown column</source>
        <translation>Unbekannte Spalte</translation>
    </message>
    <message>
        <source>The data has no column &quot;%1&quot;.</source>
        <translation>Die Daten haben keine Spalte „%1“.</translation>
    </message>
    <message>
        <source>Invalid option</source>
        <translation>Ungültige Option</translation>
    </message>
</context>
</TS>
