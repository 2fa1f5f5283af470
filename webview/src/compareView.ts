// Compare tab: two runs of the same model file side by side (before/after a fix) — each layer's ‖g‖ in run A
// and run B as paired bars on a log axis, and a table with the change (B / A) and the verdicts of both runs.
import uPlot from 'uplot';
import { formatNumber } from '../../src/core/format';
import type { FromWebviewMessage } from '../../src/core/panelProtocol';
import type { CompareSide, PanelCompare } from '../../src/core/panelTraining';
import type { FindingCode } from '../../src/core/protocol';
import { VERDICT_LABEL } from '../../src/core/presentation';
import { axis, Chart, layerNameAxis, logAxisOptions, positiveOrNull } from './chart';
import { basename, button, h, swatch } from './dom';
import { withAlpha, type Theme } from './theme';

/** "×12" / "×0.05" / "–": how B's ‖g‖ relates to A's. */
export function changeText(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio) || ratio <= 0) return '–';
  return `×${formatNumber(ratio)}`;
}

/** runCompare's "vanishing, dead-relu" in the panel's words ("vanishing, dead ReLU"); other text as it is. */
const verdictText = (text: string) =>
  text
    .split(', ')
    .map((code) => VERDICT_LABEL[code as FindingCode] ?? code)
    .join(', ');

function sideText(side: CompareSide): string {
  const when = side.startedAt ? new Date(side.startedAt).toLocaleString() : side.label;
  const loss = side.loss ? ` · loss ${formatNumber(side.loss.first)} → ${formatNumber(side.loss.last)} (min ${formatNumber(side.loss.min)})` : '';
  return `${when} · ${side.mode} · ${side.steps} step${side.steps === 1 ? '' : 's'} · ${side.status}${loss}`;
}

export class CompareView {
  readonly element: HTMLElement;
  readonly chart: Chart;
  private readonly sides = h('dl', { class: 'compare-sides' });
  private readonly measure = h('p', { class: 'note' });
  private readonly table = h('table', { id: 'compare-table' });
  private readonly empty = h('p', { class: 'empty' }, 'No comparison yet. Run Compare runs on a model file with at least two stored runs.');
  private readonly content: HTMLElement;
  private compare: PanelCompare | undefined;

  constructor(
    private theme: Theme,
    private readonly post: (message: FromWebviewMessage) => void,
    exportPng: (chart: Chart, name: string) => void,
  ) {
    const box = h('div', { class: 'chart-box', 'data-chart': 'compare', role: 'img', 'aria-label': 'Gradient norm per layer in run A and run B (log axis)' });
    this.chart = new Chart(box, theme, (t, w, hh) => this.options(t, w, hh), 260);
    this.content = h(
      'div',
      {},
      this.sides,
      h('h3', {}, '‖g‖ per layer: A and B', button('Export PNG', () => exportPng(this.chart, 'compare-runs.png'), { secondary: true, class: 'png' })),
      this.measure,
      box,
      h('div', { class: 'table-box' }, this.table),
    );
    this.element = h('section', { class: 'compare-view' }, this.empty, this.content);
    this.content.hidden = true;
  }

  show(compare: PanelCompare | undefined): void {
    this.compare = compare;
    this.empty.hidden = !!compare;
    this.content.hidden = !compare;
    if (!compare) return;
    const key = (label: string, color: string) => h('dt', {}, swatch(color), label);
    this.sides.replaceChildren(
      key(`A: ${compare.a.label}`, this.colorA()),
      h('dd', { 'data-side': 'a' }, sideText(compare.a)),
      key(`B: ${compare.b.label}`, this.colorB()),
      h('dd', { 'data-side': 'b' }, sideText(compare.b)),
    );
    this.measure.textContent = `${compare.measure}.${compare.note ? ` ${compare.note}` : ''}`;
    this.renderTable(compare);
    this.chart.rebuild((t, w, hh) => this.options(t, w, hh), this.data());
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.show(this.compare);
  }

  private colorA(): string {
    return withAlpha(this.theme.muted, 0.75);
  }

  private colorB(): string {
    return this.theme.palette[0];
  }

  private renderTable(compare: PanelCompare): void {
    const head = h('tr', {}, ...['Layer', 'Line', '‖g‖ A', '‖g‖ B', 'Change (B / A)', 'Verdict A', 'Verdict B'].map((label) => h('th', { scope: 'col' }, label)));
    const rows = compare.layers.map((row) => {
      const tr = h(
        'tr',
        { 'data-layer': row.name },
        h('th', { scope: 'row' }, row.name),
        h('td', { class: 'numeric' }, row.line === undefined ? '–' : String(row.line)),
        h('td', { class: 'numeric', 'data-key': 'gradNormA' }, formatNumber(row.gradNormA)),
        h('td', { class: 'numeric', 'data-key': 'gradNormB' }, formatNumber(row.gradNormB)),
        h('td', { class: `numeric change${row.ratio === undefined ? '' : row.ratio > 1 ? ' up' : row.ratio < 1 ? ' down' : ''}`, 'data-key': 'ratio' }, changeText(row.ratio)),
        h('td', { 'data-key': 'verdictA' }, verdictText(row.verdictA)),
        h('td', { 'data-key': 'verdictB' }, verdictText(row.verdictB)),
      );
      if (row.line !== undefined && row.line >= 1) {
        tr.addEventListener('click', () => this.post({ type: 'revealLayer', layer: row.name, file: compare.b.file, line: row.line!, column: undefined }));
        tr.title = `Reveal line ${row.line} of ${basename(compare.b.file)}`;
      }
      return tr;
    });
    this.table.replaceChildren(
      h('caption', {}, `${compare.layers.length} layer${compare.layers.length === 1 ? '' : 's'} in both runs`),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    );
  }

  private data(): uPlot.AlignedData {
    const layers = this.compare?.layers ?? [];
    return [layers.map((_, i) => i), layers.map((l) => positiveOrNull(l.gradNormA)), layers.map((l) => positiveOrNull(l.gradNormB))];
  }

  private options(theme: Theme, width: number, height: number): uPlot.Options {
    const layers = this.compare?.layers ?? [];
    const bars = (align: -1 | 1) => uPlot.paths.bars!({ size: [0.4, 40], align });
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
        { label: 'A', width: 0, fill: this.colorA(), paths: bars(-1), fillTo: (u) => u.scales.y.min ?? 0, points: { show: false } },
        { label: 'B', width: 0, fill: this.colorB(), paths: bars(1), fillTo: (u) => u.scales.y.min ?? 0, points: { show: false } },
      ],
    };
  }
}
