// Pieces the Gradients and Training tabs build alike: a chart's box, its Export PNG button, and a layer row
// (a toggle button: colour, name, class, line, ‖g‖, verdicts) that selects the layer when clicked.
import type { FindingCode } from '../../src/core/protocol';
import { VERDICT_LABEL, sortVerdicts } from '../../src/core/presentation';
import type { Chart } from './chart';
import { button, h, swatch } from './dom';

export const chartBox = (name: string, label: string) => h('div', { class: 'chart-box', 'data-chart': name, role: 'img', 'aria-label': label });

export const pngButton = (exportPng: (chart: Chart, name: string) => void, chart: Chart, name: string) => button('Export PNG', () => exportPng(chart, name), { secondary: true, class: 'png' });

export interface LayerRow {
  name: string;
  className: string;
  /** "line 12" / "other.ts:12" / "". */
  location: string;
  /** "‖g‖ 2.1e-3", or empty until known. */
  norm: string;
  verdicts: readonly FindingCode[];
  color: string;
  pressed: boolean;
  title?: string;
}

/** One row of a layer list (an <li> holding the toggle button). */
export function layerRow(row: LayerRow, onClick: () => void): HTMLElement {
  const item = h(
    'button',
    { type: 'button', class: 'layer-row', 'data-layer': row.name, 'aria-pressed': String(row.pressed) },
    swatch(row.color),
    h('span', { class: 'layer-name' }, row.name),
    h('span', { class: 'layer-class' }, row.className),
    h('span', { class: 'layer-line' }, row.location),
    h('span', { class: 'layer-norm' }, row.norm),
    h('span', { class: 'layer-verdict' }, sortVerdicts(row.verdicts).map((v) => VERDICT_LABEL[v]).join(', ') || 'ok'),
  );
  item.addEventListener('click', onClick);
  if (row.title) item.title = row.title;
  return h('li', {}, item);
}
