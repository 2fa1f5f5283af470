// Gradients tab: per-layer ‖g‖ bars at step 0 (log axis, model order, coloured by verdict), ‖g‖ per layer over
// the profiled steps, and the selected layer's distribution of log10|g| over steps (TensorBoard-style
// percentile bands from the 64-bin histograms). Clicking a bar or a layer row selects it and reveals its line.
import uPlot from 'uplot';
import { formatNumber } from '../../src/core/format';
import type { FromWebviewMessage, PanelReport } from '../../src/core/panelProtocol';
import { verdictColor } from '../../src/core/presentation';
import { runtimeLine } from '../../src/core/report';
import { probeStopSections } from '../../src/core/probeStops';
import { HISTOGRAM_BINS } from '../../src/core/stats';
import { axis, Chart, distributionOptions, layerNameAxis, logAxisOptions, nearestSeries, PERCENTILES, positiveOrNull } from './chart';
import { basename, h, swatch } from './dom';
import { histogramPercentile } from './model';
import { chartBox, layerRow, pngButton } from './layerRows';
import type { Theme } from './theme';

type Layer = PanelReport['layers'][number];

const trainable = (layer: Layer) => layer.weights.length > 0;
/** "line 12" in the panel's own file, "other.ts:12" for layers created in another file. */
const location = (layer: Layer, file: string) =>
  layer.line === undefined ? '' : layer.file && layer.file !== file ? `${basename(layer.file)}:${layer.line}` : `line ${layer.line}`;

export class GradientsView {
  readonly element: HTMLElement;
  readonly bars: Chart;
  readonly norms: Chart;
  readonly distribution: Chart;
  private readonly header = h('div', { class: 'model-summary' });
  private readonly layerList = h('ol', { class: 'layer-list', 'aria-label': 'Layers in model order' });
  private readonly findingList = h('ul', { class: 'findings' });
  private readonly findingSummary = h('summary', {});
  private readonly findings = h('details', { class: 'findings-box' }, this.findingSummary, this.findingList);
  // Checks after the profiled steps that stopped before deciding: open, since "no finding" there means nothing.
  private readonly stopList = h('ul', { class: 'findings not-checked-list' });
  private readonly stopSummary = h('summary', {});
  private readonly stops = h('details', { class: 'findings-box not-checked', open: '' }, this.stopSummary, this.stopList);
  private readonly distributionTitle = h('h3', {});
  private readonly distributionNote = h('p', { class: 'note' });
  private readonly normReadout = h('p', { class: 'note readout' }, 'Hover a line to see its layer; click it to select the layer and reveal its line.');
  private readonly empty = h('p', { class: 'empty' }, 'No gradient profile yet. Run Profile gradients on the model file.');
  private readonly content: HTMLElement;
  private report: PanelReport | undefined;
  private layers: Layer[] = [];
  private selected = 0;

  constructor(
    private theme: Theme,
    private readonly post: (message: FromWebviewMessage) => void,
    exportPng: (chart: Chart, name: string) => void,
  ) {
    const box = chartBox;
    this.bars = new Chart(box('bars', 'Gradient norm per layer at step 0 (log axis)'), theme, (t, w, hh) => this.barOptions(t, w, hh), 260);
    this.norms = new Chart(box('norms', 'Gradient norm per layer over the profiled steps (log axis)'), theme, (t, w, hh) => this.normOptions(t, w, hh), 260);
    this.distribution = new Chart(box('distribution', 'Distribution of log10 |g| of the selected layer over steps'), theme, (t, w, hh) => this.distributionOptions(t, w, hh), 240);
    const png = (chart: Chart, name: string) => pngButton(exportPng, chart, name);
    this.content = h(
      'div',
      {},
      this.header,
      h('h3', {}, 'Gradient norm ‖g‖ per layer at step 0', png(this.bars, 'gradient-norms.png')),
      this.bars.container,
      this.layerList,
      this.findings,
      this.stops,
      h('h3', {}, '‖g‖ per layer over the profiled steps', png(this.norms, 'gradient-norms-over-steps.png')),
      this.norms.container,
      this.normReadout,
      h('div', { class: 'heading-row' }, this.distributionTitle, png(this.distribution, 'gradient-distribution.png')),
      this.distributionNote,
      this.distribution.container,
    );
    this.element = h('section', { class: 'gradients-view' }, this.empty, this.content);
    this.content.hidden = true;
    this.stops.hidden = true;
  }

  show(report: PanelReport | undefined): void {
    this.report = report;
    this.layers = report ? report.layers.filter(trainable) : [];
    const firstFlagged = this.layers.findIndex((l) => l.verdicts.length > 0);
    this.selected = Math.max(0, firstFlagged);
    this.empty.hidden = this.layers.length > 0;
    this.content.hidden = this.layers.length === 0;
    if (report && this.layers.length === 0 && report.status === 'failed') this.empty.textContent = `The profile failed: ${report.error?.message ?? 'unknown error'}`;
    if (!report || this.layers.length === 0) return;
    this.renderHeader(report);
    this.renderLayerList(report);
    this.bars.rebuild((t, w, hh) => this.barOptions(t, w, hh), this.barData());
    this.norms.rebuild((t, w, hh) => this.normOptions(t, w, hh), this.normData());
    this.renderDistribution();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.show(this.report);
  }

  private color(layer: Layer): string {
    return this.theme.verdict[verdictColor(layer.verdicts)];
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

  private renderHeader(report: PanelReport): void {
    const facts = [
      report.modelName && `${report.modelName}${report.modelClass ? ` (${report.modelClass})` : ''}`,
      `${this.layers.length} trainable layer${this.layers.length === 1 ? '' : 's'}`,
      report.optimizer && `optimizer ${report.optimizer}`,
      report.loss && `loss ${report.loss}`,
      report.backend && `tfjs ${report.tfjsVersion ?? '?'} on ${report.backend}`,
      report.dataSource && `data: ${report.dataSource}`,
      `${report.steps.length} step${report.steps.length === 1 ? '' : 's'} profiled`,
      report.status === 'running'
        ? 'running…'
        : report.status === 'failed'
          ? `${report.partial ? `partial (${report.steps.length}${report.totalSteps === undefined ? '' : ` of ${report.totalSteps + 1}`} steps)` : 'failed'}: ${report.error?.message ?? ''}`
          : undefined,
    ].filter(Boolean);
    this.header.textContent = facts.join(' · ');
    // Which tfjs ran and why (the workspace's own or the bundled one) is too long for the header line.
    this.header.title = report.backend ? runtimeLine(report) : '';
  }

  private renderLayerList(report: PanelReport): void {
    const hidden = report.layers.length - this.layers.length;
    this.layerList.replaceChildren(
      ...this.layers.map((layer, index) =>
        layerRow(
          {
            name: layer.name,
            className: layer.className,
            location: location(layer, report.file),
            norm: `‖g‖ ${formatNumber(layer.gradNorm)}`,
            verdicts: layer.verdicts,
            color: this.color(layer),
            pressed: index === this.selected,
            title: layer.line !== undefined ? `Reveal line ${layer.line} in the editor` : 'No source line recorded',
          },
          () => this.select(index, true),
        ),
      ),
    );
    this.layerList.dataset.hiddenLayers = String(hidden);
    const counts = (['error', 'warning', 'info'] as const).map((sev) => [sev, report.findings.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
    this.findings.hidden = report.findings.length === 0;
    this.findingSummary.textContent = `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}: ${counts.map(([sev, n]) => `${n} ${sev}${n === 1 ? '' : 's'}`).join(', ')}`;
    this.findingList.replaceChildren(
      ...report.findings.map((f) =>
        h('li', { class: `finding ${f.severity}` }, h('span', { class: 'severity' }, f.severity), ` ${f.message}`, f.line !== undefined ? ` (line ${f.line})` : ''),
      ),
    );
    // One section per group (core/probeStops.ts): its title and count as the summary, its texts as the CLI prints them.
    const sections = probeStopSections(report.probeStops ?? [], report.backend);
    this.stops.hidden = sections.length === 0;
    this.stopSummary.textContent = sections.map((s) => `${s.title}: ${s.texts.length}`).join(' · ');
    this.stopList.replaceChildren(...sections.flatMap((s) => s.texts.map((text) => h('li', { class: 'finding not-checked', 'data-section': s.title }, text))));
  }

  private barData(): uPlot.AlignedData {
    return [this.layers.map((_, i) => i), this.layers.map((l) => positiveOrNull(l.gradNorm))];
  }

  private barOptions(theme: Theme, width: number, height: number): uPlot.Options {
    const layers = this.layers;
    const colors = layers.map((l) => this.color(l));
    return {
      width,
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, range: [-0.5, layers.length - 0.5] }, y: { distr: 3 } },
      axes: [
        layerNameAxis(
          theme,
          layers.map((l) => l.name),
          width,
        ),
        axis(theme, { label: '‖g‖', ...logAxisOptions, size: 60 }),
      ],
      series: [
        {},
        {
          label: '‖g‖',
          width: 0,
          fill: theme.verdict.healthy,
          paths: uPlot.paths.bars!({ size: [0.7, 48], disp: { fill: { unit: 3, values: () => colors } } }),
          fillTo: (u) => u.scales.y.min ?? 0,
          points: { show: false },
        },
      ],
      hooks: {
        ready: [
          (u) =>
            u.over.addEventListener('click', () => {
              if (u.cursor.idx != null) this.select(u.cursor.idx, true);
            }),
        ],
      },
    };
  }

  private steps(): number[] {
    const steps = new Set<number>();
    for (const layer of this.layers) for (const s of layer.steps) steps.add(s.step);
    return [...steps].sort((a, b) => a - b);
  }

  private normData(): uPlot.AlignedData {
    const steps = this.steps();
    const position = new Map(steps.map((s, i) => [s, i]));
    const columns = this.layers.map((layer) => {
      const column: (number | null)[] = new Array(steps.length).fill(null);
      for (const s of layer.steps) column[position.get(s.step)!] = positiveOrNull(s.gradNorm);
      return column;
    });
    return [steps, ...columns];
  }

  private normOptions(theme: Theme, width: number, height: number): uPlot.Options {
    return {
      width,
      height,
      legend: { show: false },
      focus: { alpha: 0.25 },
      cursor: { focus: { prox: 12 }, drag: { x: true, y: false } },
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [axis(theme, { label: 'step' }), axis(theme, { label: '‖g‖', ...logAxisOptions, size: 60 })],
      series: [{ label: 'step' }, ...this.layers.map((layer) => ({ label: layer.name, stroke: this.color(layer), width: 1.5, points: { show: false } }))],
      hooks: {
        ready: [
          (u) =>
            u.over.addEventListener('click', () => {
              const nearest = nearestSeries(u);
              if (nearest !== undefined) this.select(nearest - 1, true);
            }),
        ],
        setCursor: [(u) => this.showNormReadout(u)],
      },
    };
  }

  /** Under the chart: which layer the pointer is on (the lines are only told apart by hovering). */
  private showNormReadout(u: uPlot): void {
    const nearest = nearestSeries(u);
    const idx = u.cursor.idx;
    if (nearest === undefined || idx == null) {
      this.normReadout.textContent = 'Hover a line to see its layer; click it to select the layer and reveal its line.';
      return;
    }
    const layer = this.layers[nearest - 1];
    this.normReadout.textContent = `${layer.name}${layer.line !== undefined ? ` (line ${layer.line})` : ''} · step ${u.data[0][idx]} · ‖g‖ ${formatNumber(u.data[nearest][idx] ?? NaN)}`;
  }

  private renderDistribution(): void {
    const layer = this.layers[this.selected];
    if (!layer) return;
    this.distributionTitle.replaceChildren(
      swatch(this.color(layer)),
      `Distribution of log10 |g| over steps: ${layer.name}${layer.line !== undefined ? ` (line ${layer.line})` : ''}`,
    );
    const withHistograms = layer.steps.filter((s) => s.histogram && s.histogram.length === HISTOGRAM_BINS);
    let steps: number[];
    let histograms: number[][];
    if (withHistograms.length) {
      steps = withHistograms.map((s) => s.step);
      histograms = withHistograms.map((s) => s.histogram!);
    } else {
      // Reports without per-step histograms: step 0 from the weights' statistics.
      const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
      for (const w of layer.weights) w.stats?.histogram.forEach((c, i) => (bins[i] += c));
      steps = [0];
      histograms = [bins];
    }
    this.distributionNote.textContent =
      steps.length > 1
        ? 'Bands: min–max, ±3σ, ±2σ, ±1σ percentiles (TensorBoard distributions); line: median. Exact zeros are not counted.'
        : 'One step only (profile with more steps to see the distribution change).';
    const columns = PERCENTILES.map((q) => histograms.map((bins) => histogramPercentile(bins, q)));
    this.distribution.rebuild((t, w, hh) => this.distributionOptions(t, w, hh), [steps, ...columns]);
  }

  private distributionOptions(theme: Theme, width: number, height: number): uPlot.Options {
    const layer = this.layers[this.selected];
    return distributionOptions(theme, width, height, layer ? this.color(layer) : theme.foreground, true);
  }
}
