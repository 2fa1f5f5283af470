// Training tab: a watched run (live) or a reopened run file — the loss (and beside it every validation loss the
// run computed, each named by its source: validationLegend.ts) and each layer's ‖g‖ over steps (log y),
// epoch ends as dashed lines, findings as markers at the step they began (and listed below, newest last), and
// the selected layer's gradient distribution over the run from its histograms (TensorBoard-style percentile
// bands). Steps arriving live are appended to the existing plots on the next frame (never re-created).
import uPlot from 'uplot';
import { formatNumber } from '../../src/core/format';
import type { FromWebviewMessage } from '../../src/core/panelProtocol';
import type { TrainingRun, TrainingStep, TrainingValidation } from '../../src/core/panelTraining';
import { verdictColor } from '../../src/core/presentation';
import { axis, Chart, distributionOptions, logAxisOptions, nearestSeries, PERCENTILES } from './chart';
import { basename, button, h, swatch } from './dom';
import { percentileOf } from './model';
import { chartBox, layerRow, pngButton } from './layerRows';
import { epochMarks, lossChartData, MAX_SAMPLES, MAX_STEPS, MAX_VALIDATION, thin, TrainingColumns, validationSeries, verdictsByLayer, type TrainingData, type TrainingSample, type ValidationSeries } from './trainingModel';
import { renderValidationLegend, validationColor } from './validationLegend';
import type { Theme } from './theme';

type Layer = TrainingRun['layers'][number];

const STATUS_TEXT: Record<string, string> = { running: 'running', done: 'finished', cancelled: 'stopped', timeout: 'timed out', error: 'failed', partial: 'ended early (no end record)' };

export class TrainingView {
  readonly element: HTMLElement;
  readonly loss: Chart;
  readonly norms: Chart;
  readonly distribution: Chart;
  private readonly summary = h('p', { class: 'model-summary', 'aria-live': 'polite' });
  private readonly validationList = h('ul', { class: 'validation-sources', 'aria-label': 'The loss chart’s lines and where each validation loss came from' });
  private readonly findingList = h('ol', { class: 'findings timeline-findings', 'aria-label': 'Findings by the step they began' });
  private readonly layerList = h('ol', { class: 'layer-list', 'aria-label': 'Layers in model order' });
  private readonly readout = h('p', { class: 'note readout' }, 'Hover a line to see its layer; click it to select the layer.');
  private readonly distributionTitle = h('h3', {});
  private readonly distributionNote = h('p', { class: 'note' });
  private readonly empty = h('p', { class: 'empty' }, 'No training run yet. Run Watch training on the model file, or open a stored run.');
  private readonly content: HTMLElement;
  private data: TrainingData = { steps: [], samples: [], epochs: [], findings: [], validation: [] };
  /** The loss chart's validation series (a new one re-creates the plot: uPlot's series are fixed at creation). */
  private series: ValidationSeries[] = [];
  private columns = new TrainingColumns(0);
  private selected = 0;
  private flushPending = false;

  constructor(
    private theme: Theme,
    private readonly post: (message: FromWebviewMessage) => void,
    exportPng: (chart: Chart, name: string) => void,
  ) {
    const box = chartBox;
    this.loss = new Chart(box('training-loss', 'Training and validation loss over training steps'), theme, (t, w, hh) => this.lossOptions(t, w, hh), 200);
    this.norms = new Chart(box('training-norms', 'Gradient norm per layer over training steps (log axis)'), theme, (t, w, hh) => this.normOptions(t, w, hh), 280);
    this.distribution = new Chart(box('training-distribution', 'Distribution of the selected layer’s gradient over training steps'), theme, (t, w, hh) => this.distributionOptions(t, w, hh), 220);
    const png = (chart: Chart, name: string) => pngButton(exportPng, chart, name);
    this.content = h(
      'div',
      {},
      this.summary,
      h('h3', {}, 'Loss', png(this.loss, 'training-loss.png')),
      this.loss.container,
      this.validationList,
      h('h3', {}, '‖g‖ per layer over steps', png(this.norms, 'training-gradient-norms.png')),
      this.norms.container,
      this.readout,
      this.layerList,
      h('h3', {}, 'Findings'),
      this.findingList,
      h('div', { class: 'heading-row' }, this.distributionTitle, png(this.distribution, 'training-distribution.png')),
      this.distributionNote,
      this.distribution.container,
    );
    this.element = h('section', { class: 'training-view' }, this.empty, this.content);
    this.content.hidden = true;
  }

  private get layers(): Layer[] {
    return this.data.run?.layers ?? [];
  }

  /** Full render from stored data (a new run, a reload, a theme change). */
  show(data: TrainingData): void {
    this.data = data;
    this.columns = TrainingColumns.from(data.steps, this.layers.length);
    this.series = validationSeries(data.validation);
    const flagged = verdictsByLayer(data.findings);
    this.selected = Math.max(0, this.layers.findIndex((l) => flagged.has(l.name)));
    this.empty.hidden = !!data.run;
    this.content.hidden = !data.run;
    if (!data.run) return;
    this.renderText();
    this.loss.rebuild((t, w, hh) => this.lossOptions(t, w, hh), this.lossData());
    this.norms.rebuild((t, w, hh) => this.normOptions(t, w, hh), this.normData());
    this.renderDistribution();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.renderLegend();
    this.loss.setTheme(theme);
    this.norms.setTheme(theme);
    this.distribution.setTheme(theme);
  }

  /** Live steps: appended to the plots on the next frame. */
  addSteps(steps: readonly TrainingStep[]): void {
    let inOrder = true;
    // A panel that loaded mid-run got the timeline so far in its replay; live batches may repeat its last steps.
    const last = this.data.steps.length ? this.data.steps[this.data.steps.length - 1].step : -Infinity;
    for (const step of steps) {
      if (step.step <= last) continue;
      this.data.steps.push(step);
      inOrder = this.columns.append(step) && inOrder;
    }
    if (this.data.steps.length > MAX_STEPS) {
      const findingSteps = new Set(this.data.findings.map((f) => f.step));
      this.data.steps = thin(this.data.steps, (s) => findingSteps.has(s.step));
      inOrder = false;
    }
    if (!inOrder) this.columns = TrainingColumns.from(this.data.steps, this.layers.length);
    this.scheduleFlush();
  }

  /** Validation readings: drawn beside the loss; a new series re-creates the loss plot (its series are fixed). */
  addValidation(readings: readonly TrainingValidation[]): void {
    this.data.validation.push(...readings);
    if (this.data.validation.length > MAX_VALIDATION) this.data.validation = thin(this.data.validation);
    const before = this.series.length;
    this.series = validationSeries(this.data.validation);
    this.renderLegend();
    if (this.series.length !== before) this.loss.rebuild((t, w, hh) => this.lossOptions(t, w, hh), this.lossData());
    else this.scheduleFlush();
  }

  addSample(sample: TrainingSample): void {
    this.data.samples.push(sample);
    if (this.data.samples.length > MAX_SAMPLES) this.data.samples = thin(this.data.samples);
    this.renderDistribution();
  }

  /** Epochs, findings and the end change marks, colours and text, not the plots' data. */
  refresh(): void {
    this.renderText();
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    requestAnimationFrame(() => {
      this.flushPending = false;
      this.loss.setData(this.lossData());
      this.norms.setData(this.normData());
      this.loss.container.dataset.steps = this.norms.container.dataset.steps = String(this.columns.steps.length);
      this.renderSummary();
      this.renderLayerNorms();
    });
  }

  private color(layer: Layer, verdicts = verdictsByLayer(this.data.findings)): string {
    return this.theme.verdict[verdictColor(verdicts.get(layer.name) ?? [])];
  }

  private renderText(): void {
    this.renderSummary();
    this.renderLegend();
    this.renderLayerList();
    this.renderLayerNorms();
    this.renderFindings();
  }

  private renderSummary(): void {
    const run = this.data.run;
    if (!run) return;
    const last = this.data.steps[this.data.steps.length - 1];
    const status = this.data.ended ? STATUS_TEXT[this.data.ended.status] ?? this.data.ended.status : run.live ? 'running' : 'no end record';
    const facts = [
      `${run.mode === 'watch' ? 'Watched' : 'Profiled'} ${basename(run.file)}${run.startedAt ? ` at ${new Date(run.startedAt).toLocaleString()}` : ''}`,
      run.live ? undefined : 'opened from its run file',
      last && `step ${last.step} · epoch ${last.epoch} · loss ${formatNumber(last.loss)}`,
      run.backend && `tfjs ${run.tfjs ?? '?'} on ${run.backend}`,
      run.every && `histograms every ${run.every} steps`,
      status + (this.data.ended?.message ? `: ${this.data.ended.message}` : ''),
    ].filter(Boolean);
    this.summary.textContent = facts.join(' · ');
    this.summary.dataset.status = this.data.ended?.status ?? (run.live ? 'running' : 'partial');
  }

  private renderLegend(): void {
    renderValidationLegend(this.validationList, this.series, this.theme.palette, this.post);
  }

  private renderLayerList(): void {
    const verdicts = verdictsByLayer(this.data.findings);
    this.layerList.replaceChildren(
      ...this.layers.map((layer, index) =>
        layerRow(
          {
            name: layer.name,
            className: layer.className ?? '',
            location: layer.line === undefined ? '' : `line ${layer.line}`,
            norm: '',
            verdicts: verdicts.get(layer.name) ?? [],
            color: this.color(layer, verdicts),
            pressed: index === this.selected,
          },
          () => this.select(index, true),
        ),
      ),
    );
  }

  /** Each layer row's latest drawable ‖g‖ (a zero or NaN step is a gap in the log plot, and skipped here too). */
  private renderLayerNorms(): void {
    const rows = this.layerList.querySelectorAll<HTMLElement>('.layer-norm');
    rows.forEach((cell, i) => {
      const column = this.columns.norms[i] ?? [];
      let last: number | null = null;
      for (let j = column.length - 1; j >= 0 && last === null; j--) last = column[j];
      cell.textContent = last === null ? '' : `‖g‖ ${formatNumber(last)}`;
    });
  }

  private renderFindings(): void {
    const findings = [...this.data.findings].sort((a, b) => (a.step ?? -1) - (b.step ?? -1));
    this.findingList.replaceChildren(
      ...(findings.length
        ? findings.map((f) => {
            const item = h(
              'li',
              { class: `finding ${f.severity}`, 'data-code': f.code, 'data-step': f.step === undefined ? undefined : String(f.step) },
              h('span', { class: 'step' }, f.step === undefined ? 'step ?' : `step ${f.step}`),
              ' ',
              h('span', { class: 'severity' }, f.severity),
              ` ${f.message}`,
              f.line !== undefined ? ` (line ${f.line})` : '',
            );
            if (f.file && f.line !== undefined && f.line >= 1) {
              const link = button('Reveal', () => this.post({ type: 'revealLayer', layer: f.layer ?? '', file: f.file!, line: f.line!, column: f.column && f.column >= 1 ? f.column : undefined }), { secondary: true, class: 'reveal' });
              item.append(' ', link);
            }
            return item;
          })
        : [h('li', { class: 'note' }, this.data.ended ? 'No findings over the run.' : 'No findings so far.')]),
    );
  }

  private select(index: number, reveal: boolean): void {
    const layer = this.layers[index];
    if (!layer) return;
    this.selected = index;
    this.layerList.querySelectorAll<HTMLElement>('[data-layer]').forEach((item) => item.setAttribute('aria-pressed', String(item.dataset.layer === layer.name)));
    this.norms.uplot?.setSeries(index + 1, { focus: true });
    this.renderDistribution();
    if (reveal && layer.file && layer.line !== undefined && layer.line >= 1) {
      this.post({ type: 'revealLayer', layer: layer.name, file: layer.file, line: layer.line, column: layer.column && layer.column >= 1 ? layer.column : undefined });
    }
  }

  private lossData(): uPlot.AlignedData {
    return lossChartData(this.columns, this.data.validation, this.series) as uPlot.AlignedData;
  }

  private normData(): uPlot.AlignedData {
    return [this.columns.steps, ...this.columns.norms];
  }

  /** Epoch ends (dashed) and findings (a triangle at the top, in the severity's colour) at their steps. */
  private drawMarks(u: uPlot): void {
    const { ctx } = u;
    const { top, height } = u.bbox;
    const min = u.scales.x.min ?? 0;
    const max = u.scales.x.max ?? 0;
    const x = (step: number) => u.valToPos(step, 'x', true);
    ctx.save();
    ctx.lineWidth = uPlot.pxRatio;
    ctx.strokeStyle = this.theme.muted;
    ctx.setLineDash([4 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
    for (const mark of epochMarks(this.data.epochs)) {
      if (mark.step < min || mark.step > max) continue;
      // On a pixel's centre: a crisp 1-px line rather than two half-covered ones.
      const at = Math.round(x(mark.step)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(at, top);
      ctx.lineTo(at, top + height);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    const size = 6 * uPlot.pxRatio;
    for (const f of this.data.findings) {
      if (f.step === undefined || f.step < min || f.step > max) continue;
      ctx.fillStyle = f.severity === 'error' ? this.theme.verdict.nonFinite : f.severity === 'warning' ? this.theme.verdict.exploding : this.theme.muted;
      ctx.beginPath();
      ctx.moveTo(x(f.step) - size, top);
      ctx.lineTo(x(f.step) + size, top);
      ctx.lineTo(x(f.step), top + size * 1.5);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  }

  private lossOptions(theme: Theme, width: number, height: number): uPlot.Options {
    return {
      width,
      height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [axis(theme, { label: 'step' }), axis(theme, { label: 'loss', ...logAxisOptions, size: 60 })],
      series: [
        { label: 'step' },
        { label: 'loss', stroke: theme.palette[0], width: 1.5, points: { show: false } },
        // Readings are sparse (one an epoch): lossChartData joins them across the steps between, each reading a dot.
        ...this.series.map((s, i) => ({ label: `validation: ${s.label}`, stroke: validationColor(theme.palette, i), width: 2, points: { show: true, size: 5, fill: validationColor(theme.palette, i) } })),
      ],
      hooks: { draw: [(u) => this.drawMarks(u)] },
    };
  }

  private normOptions(theme: Theme, width: number, height: number): uPlot.Options {
    // Colours are read at draw time, so a finding recolours its layer without re-creating the plot.
    const stroke = (index: number) => () => this.color(this.layers[index]);
    return {
      width,
      height,
      legend: { show: false },
      focus: { alpha: 0.25 },
      cursor: { focus: { prox: 12 }, drag: { x: true, y: false } },
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [axis(theme, { label: 'step' }), axis(theme, { label: '‖g‖', ...logAxisOptions, size: 60 })],
      series: [{ label: 'step' }, ...this.layers.map((layer, i) => ({ label: layer.name, stroke: stroke(i), width: 1.25, points: { show: false } }))],
      hooks: {
        draw: [(u) => this.drawMarks(u)],
        ready: [
          (u) =>
            u.over.addEventListener('click', () => {
              const nearest = nearestSeries(u);
              if (nearest !== undefined) this.select(nearest - 1, true);
            }),
        ],
        setCursor: [(u) => this.showReadout(u)],
      },
    };
  }

  private showReadout(u: uPlot): void {
    const nearest = nearestSeries(u);
    const idx = u.cursor.idx;
    if (nearest === undefined || idx == null) return;
    const layer = this.layers[nearest - 1];
    this.readout.textContent = `${layer.name}${layer.line !== undefined ? ` (line ${layer.line})` : ''} · step ${u.data[0][idx]} · ‖g‖ ${formatNumber(u.data[nearest][idx] ?? NaN)}`;
  }

  private renderDistribution(): void {
    const layer = this.layers[this.selected];
    if (!layer) return;
    this.distributionTitle.replaceChildren(swatch(this.color(layer)), `Distribution of the gradient over steps: ${layer.name}${layer.line !== undefined ? ` (line ${layer.line})` : ''}`);
    const samples = this.data.samples.map((s) => ({ step: s.step, scale: s.scale, histogram: s.layers.find((l) => l.name === layer.name) })).filter((s) => s.histogram);
    const log = samples.every((s) => s.scale === 'log10abs');
    this.distributionNote.textContent = samples.length
      ? `${samples.length} histogram${samples.length === 1 ? '' : 's'}${this.data.run?.every ? ` (every ${this.data.run.every} steps)` : ''}. Bands: min–max, ±3σ, ±2σ, ±1σ percentiles; line: median.${log ? ' Exact zeros are not counted.' : ''}`
      : 'No histograms of this layer yet (they are recorded every gradientLens.watch.every steps).';
    this.distribution.container.hidden = samples.length === 0;
    const columns = PERCENTILES.map((q) => samples.map((s) => percentileOf(s.histogram!, q)));
    this.distribution.container.dataset.samples = String(samples.length);
    this.distribution.container.dataset.scale = log ? 'log10abs' : 'linear';
    this.distribution.rebuild((t, w, hh) => this.distributionOptions(t, w, hh, log), [samples.map((s) => s.step), ...columns]);
  }

  private distributionOptions(theme: Theme, width: number, height: number, log = true): uPlot.Options {
    const layer = this.layers[this.selected];
    return distributionOptions(theme, width, height, layer ? this.color(layer) : theme.foreground, log, { hooks: { draw: [(u) => this.drawMarks(u)] } });
  }
}
