// Table tab: the profile's numbers as an accessible table (sortable by any column through header buttons,
// aria-sort tells screen readers the order), the LR recommendation and suggestions, and CSV / JSON export.
import { formatNumber } from '../../src/core/format';
import { LR_SUGGESTION_KINDS } from '../../src/core/protocol';
import type { FromWebviewMessage, PanelReport } from '../../src/core/panelProtocol';
import { VERDICT_LABEL, layerRatio, sortVerdicts } from '../../src/core/presentation';
import type { ReportLayer } from '../../src/core/report';
import { basename, button, h } from './dom';
import { csvField, lrResultCsv, recommendationBasis } from './lrExport';
import type { PanelData } from './model';

type Layer = PanelReport['layers'][number];
type Value = string | number | undefined;

interface Column {
  key: string;
  label: string;
  value: (layer: Layer, index: number) => Value;
  numeric?: boolean;
  format?: (value: Value) => string;
}

const lastNorm = (layer: Layer) => layer.steps.at(-1)?.gradNorm;
const share = (value: Value) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '–');
const num = (value: Value) => (typeof value === 'number' ? formatNumber(value) : '–');

const COLUMNS: Column[] = [
  { key: 'order', label: '#', value: (_l, i) => i + 1, numeric: true, format: String },
  { key: 'layer', label: 'Layer', value: (l) => l.name },
  { key: 'class', label: 'Class', value: (l) => (l.activation ? `${l.className} (${l.activation})` : l.className) },
  { key: 'line', label: 'Line', value: (l) => l.line, numeric: true, format: (v) => (v === undefined ? '–' : String(v)) },
  { key: 'gradNorm', label: '‖g‖ step 0', value: (l) => (l.weights.length ? l.gradNorm : undefined), numeric: true, format: num },
  // layerRatio only reads weights[].stats, which it skips when absent (a report still running).
  { key: 'ratio', label: '‖g‖/‖w‖', value: (l) => (l.weights.length ? layerRatio(l as ReportLayer) : undefined), numeric: true, format: num },
  { key: 'lastNorm', label: '‖g‖ last step', value: (l) => (l.weights.length ? lastNorm(l) : undefined), numeric: true, format: num },
  { key: 'dead', label: 'Dead units', value: (l) => l.deadShare, numeric: true, format: share },
  { key: 'saturated', label: 'Saturated', value: (l) => l.saturatedShare, numeric: true, format: share },
  { key: 'verdicts', label: 'Verdict', value: (l) => sortVerdicts(l.verdicts).map((v) => VERDICT_LABEL[v]).join(', ') || (l.weights.length ? 'ok' : '') },
];

/** Ascending order with NaN and missing values last either way. */
function compare(a: Value, b: Value, direction: 1 | -1): number {
  const missingA = a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const missingB = b === undefined || (typeof b === 'number' && Number.isNaN(b));
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * direction;
  return String(a).localeCompare(String(b), undefined, { numeric: true }) * direction;
}

export function layersCsv(report: PanelReport): string {
  const header = [...COLUMNS.map((c) => c.key), 'file'];
  const rows = report.layers.map((layer, i) => [...COLUMNS.map((c) => csvField(c.value(layer, i))), csvField(layer.file)].join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

export function lrCurveCsv(data: PanelData): string {
  const rows = data.lr.points.map((p) => [p.repeat, p.step, p.lr, p.loss, p.smoothed].join(','));
  return ['repeat,step,lr,loss,smoothed', ...rows].join('\n') + '\n';
}

export class TableView {
  readonly element: HTMLElement;
  private readonly layersBox = h('div', { class: 'table-box' });
  private readonly lrBox = h('div', { class: 'table-box' });
  private readonly empty = h('p', { class: 'empty' }, 'Nothing to tabulate yet.');
  private readonly exportCsv: HTMLElement;
  private readonly exportLrCsv: HTMLElement;
  private readonly exportLrResultCsv: HTMLElement;
  private data: PanelData | undefined;
  private sortKey = 'order';
  private direction: 1 | -1 = 1;

  constructor(
    private readonly post: (message: FromWebviewMessage) => void,
    serialize: () => string,
  ) {
    const stem = () => basename(this.data?.file ?? 'model').replace(/\.[^.]+$/, '');
    this.exportCsv = button('Export CSV', () => this.data?.report && this.post({ type: 'exportData', format: 'csv', content: layersCsv(this.data.report), suggestedName: `${stem()}-gradients.csv` }), { id: 'export-csv' });
    this.exportLrCsv = button('Export LR curve CSV', () => this.data && this.post({ type: 'exportData', format: 'csv', content: lrCurveCsv(this.data), suggestedName: `${stem()}-lr-sweep.csv` }), { id: 'export-lr-csv', secondary: true });
    this.exportLrResultCsv = button('Export LR result CSV', () => this.data?.lr.result && this.post({ type: 'exportData', format: 'csv', content: lrResultCsv(this.data.lr.result), suggestedName: `${stem()}-lr-result.csv` }), {
      id: 'export-lr-result-csv',
      secondary: true,
    });
    const exportJson = button('Export JSON', () => this.post({ type: 'exportData', format: 'json', content: serialize(), suggestedName: `${stem()}-gradient-lens.json` }), { id: 'export-json', secondary: true });
    this.element = h('section', { class: 'table-view' }, h('div', { class: 'toolbar' }, this.exportCsv, this.exportLrCsv, this.exportLrResultCsv, exportJson), this.empty, this.layersBox, this.lrBox);
  }

  show(data: PanelData): void {
    this.data = data;
    this.exportCsv.toggleAttribute('disabled', !data.report);
    this.exportLrCsv.toggleAttribute('disabled', data.lr.points.length === 0);
    this.exportLrResultCsv.toggleAttribute('disabled', !data.lr.result);
    this.empty.hidden = Boolean(data.report || data.lr.result);
    this.renderLayers();
    this.renderLr();
  }

  private sortBy(key: string): void {
    this.direction = this.sortKey === key ? (this.direction === 1 ? -1 : 1) : 1;
    this.sortKey = key;
    this.renderLayers();
    this.layersBox.querySelector<HTMLButtonElement>(`th[data-key="${key}"] button`)?.focus();
  }

  private renderLayers(): void {
    const report = this.data?.report;
    if (!report || report.layers.length === 0) {
      this.layersBox.replaceChildren();
      return;
    }
    const column = COLUMNS.find((c) => c.key === this.sortKey) ?? COLUMNS[0];
    const rows = report.layers.map((layer, index) => ({ layer, index }));
    rows.sort((a, b) => compare(column.value(a.layer, a.index), column.value(b.layer, b.index), this.direction) || a.index - b.index);
    const head = COLUMNS.map((c) => {
      const sorted = c.key === this.sortKey;
      const sortButton = h('button', { type: 'button', class: 'sort' }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (this.direction === 1 ? ' ▲' : ' ▼') : ''));
      sortButton.addEventListener('click', () => this.sortBy(c.key));
      return h('th', { scope: 'col', 'data-key': c.key, 'aria-sort': sorted ? (this.direction === 1 ? 'ascending' : 'descending') : 'none', class: c.numeric ? 'numeric' : undefined }, sortButton);
    });
    const body = rows.map(({ layer, index }) =>
      h(
        'tr',
        { 'data-layer': layer.name },
        ...COLUMNS.map((c) => {
          const value = c.value(layer, index);
          const text = c.format ? c.format(value) : value === undefined ? '' : String(value);
          return c.key === 'layer' ? h('th', { scope: 'row' }, text) : h('td', { class: c.numeric ? 'numeric' : undefined, 'data-key': c.key }, text);
        }),
      ),
    );
    this.layersBox.replaceChildren(
      h('table', { class: 'data-table', id: 'layers-table' }, h('caption', {}, `Layers of ${basename(report.file)} in model order (select a column header to sort)`), h('thead', {}, h('tr', {}, ...head)), h('tbody', {}, ...body)),
    );
  }

  private renderLr(): void {
    const result = this.data?.lr.result;
    if (!result) {
      this.lrBox.replaceChildren();
      return;
    }
    const rec = result.recommendation;
    const recommended = rec && h('tr', { 'data-kind': 'recommended' }, h('th', { scope: 'row' }, 'recommended'), h('td', { class: 'numeric' }, rec.lr !== undefined ? formatNumber(rec.lr) : '–'), h('td', { class: 'numeric' }, '–'), h('td', {}, `${recommendationBasis(rec)}: ${rec.why}`));
    const rows = LR_SUGGESTION_KINDS.map((kind) => {
      const s = result.suggestions[kind];
      return h('tr', { 'data-kind': kind }, h('th', { scope: 'row' }, kind), h('td', { class: 'numeric' }, s ? formatNumber(s.lr) : '–'), h('td', { class: 'numeric' }, s ? formatNumber(s.spreadDecades) : '–'), h('td', {}, s?.rule ?? 'no basis'));
    });
    this.lrBox.replaceChildren(
      h(
        'table',
        { class: 'data-table', id: 'lr-table' },
        h('caption', {}, `Learning-rate sweep: ${result.reason}${result.divergenceLr !== undefined ? `, diverges from ${formatNumber(result.divergenceLr)}` : ''}`),
        h('thead', {}, h('tr', {}, ...['Suggestion', 'Learning rate', 'Spread (decades)', 'Rule / why'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...(recommended ? [recommended] : []), ...rows),
      ),
    );
  }
}
