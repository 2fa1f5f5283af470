// Learning-rate tab: loss vs LR on a log axis (raw points and smoothed loss per repeat, growing live; the median
// curve and the min–max band over repeats once the result arrives), a marker per suggestion with its spread,
// and Apply / Copy / Re-run.
import uPlot from 'uplot';
import { formatNumber } from '../../src/core/format';
import { ownRateSentence, scoreWords } from '../../src/core/lrRecommend';
import { LR_SUGGESTION_KINDS, type LrResult, type LrSuggestionKind } from '../../src/core/protocol';
import type { FromWebviewMessage } from '../../src/core/panelProtocol';
import { axis, Chart, formatTicks, logAxisOptions } from './chart';
import { button, h, swatch } from './dom';
import { lrPngCaption, recommendationBasis } from './lrExport';
import { LrColumns, type LrData, type LrPoint } from './model';
import { withAlpha, type Theme } from './theme';

const SUGGESTION_LABEL: Record<LrSuggestionKind, string> = {
  steep: 'Steepest descent',
  valley: 'Valley',
  minimum: 'Minimum / 10',
  slide: 'Slide',
};

export class LrView {
  readonly element: HTMLElement;
  private readonly chart: Chart;
  private readonly summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  private readonly key = h('div', { class: 'key' });
  private readonly readout = h('p', { class: 'note readout' });
  private readonly recommendation = h('div', { class: 'recommendation', 'aria-live': 'polite' });
  private readonly suggestions = h('div', { class: 'suggestions' });
  private readonly empty = h('p', { class: 'empty' }, 'No learning-rate sweep yet. Run one with Find learning rate (or the button above).');
  private readonly rerun: HTMLElement;
  private columns = new LrColumns(0);
  private data: LrData = { points: [], repeatsDone: [] };
  private flushPending = false;

  constructor(
    private theme: Theme,
    private readonly post: (message: FromWebviewMessage) => void,
    exportPng: (chart: Chart, name: string, caption?: string[]) => void,
  ) {
    const chartBox = h('div', { class: 'chart-box', 'data-chart': 'lr', role: 'img', 'aria-label': 'Loss against learning rate (log axis)' });
    this.rerun = button('Run sweep', () => this.post({ type: 'rerunLr' }), { id: 'lr-rerun' });
    this.chart = new Chart(chartBox, theme, (t, w, hgt) => this.options(t, w, hgt), 320);
    this.element = h(
      'section',
      { class: 'lr-view' },
      h('div', { class: 'toolbar' }, this.rerun, button('Export PNG', () => exportPng(this.chart, 'lr-range-test.png', lrPngCaption(this.data.result)), { secondary: true, id: 'lr-png' })),
      this.summary,
      this.empty,
      chartBox,
      this.readout,
      this.key,
      this.recommendation,
      this.suggestions,
    );
  }

  get chartView(): Chart {
    return this.chart;
  }

  /** Full render from stored data (first show, reload, new sweep). */
  show(data: LrData): void {
    this.data = data;
    this.columns = new LrColumns(data.request?.repeats ?? 0);
    for (const point of data.points) this.columns.addPoint(point);
    if (data.result) this.columns.setResult(data.result);
    this.rebuildChart();
    this.renderText();
  }

  /** A live point: appended to the existing plot on the next frame. */
  addPoint(point: LrPoint): void {
    this.data.points.push(point);
    if (!this.columns.addPoint(point)) {
      this.rebuildChart();
      return;
    }
    if (this.flushPending) return;
    this.flushPending = true;
    requestAnimationFrame(() => {
      this.flushPending = false;
      this.flush();
    });
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.renderKey();
    this.chart.setTheme(theme);
  }

  /** After lrRepeatDone / lrResult / lrFailed changed `data`. */
  refresh(): void {
    if (this.data.result) this.columns.setResult(this.data.result);
    this.flush();
  }

  private flush(): void {
    const hasData = this.columns.xs.length > 0;
    this.empty.hidden = hasData || this.data.error !== undefined;
    this.chart.container.hidden = !hasData;
    if (hasData) this.chart.setData(this.columns.columns() as uPlot.AlignedData);
    this.chart.container.dataset.points = String(this.data.points.length);
    this.renderText();
  }

  private rebuildChart(): void {
    const hasData = this.columns.xs.length > 0;
    this.empty.hidden = hasData || this.data.error !== undefined;
    this.chart.container.hidden = !hasData;
    this.chart.rebuild((t, w, hgt) => this.options(t, w, hgt), this.columns.columns() as uPlot.AlignedData);
    this.renderKey();
  }

  private options(theme: Theme, width: number, height: number): uPlot.Options {
    const repeats = this.columns.repeats;
    const [blue] = theme.palette;
    const series: uPlot.Series[] = [{ label: 'learning rate' }];
    for (let r = 0; r < repeats; r++) {
      series.push({ label: `loss (repeat ${r + 1})`, stroke: withAlpha(theme.muted, 0.5), width: 0, paths: () => null, points: { show: true, size: 3, width: 0, fill: withAlpha(theme.muted, 0.5) } });
    }
    for (let r = 0; r < repeats; r++) series.push({ label: `smoothed (repeat ${r + 1})`, stroke: withAlpha(theme.foreground, 0.55), width: 1.25 });
    series.push({ label: 'median', stroke: blue, width: 2.5 });
    series.push({ label: 'band low', stroke: withAlpha(blue, 0.35), width: 1 });
    series.push({ label: 'band high', stroke: withAlpha(blue, 0.35), width: 1 });
    const lowIndex = series.length - 2;
    return {
      width,
      height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: false, distr: 3 },
        y: { range: (_u, min, max) => this.lossRange(min, max) },
      },
      axes: [axis(theme, { label: 'learning rate', ...logAxisOptions }), axis(theme, { label: 'loss', values: formatTicks, size: 60 })],
      series,
      bands: [{ series: [lowIndex + 1, lowIndex], fill: withAlpha(blue, 0.18) }],
      hooks: { drawClear: [(u) => this.drawSpreads(u)], draw: [(u) => this.drawMarkers(u)], setCursor: [(u) => this.showReadout(u)] },
    };
  }

  /** Under the chart: the values at the pointer's learning rate. */
  private showReadout(u: uPlot): void {
    const idx = u.cursor.idx;
    if (idx == null) {
      this.readout.textContent = '';
      return;
    }
    const c = this.columns;
    const at = (column: (number | null)[]) => column[idx];
    const smoothed = c.smoothed.map(at).filter((v): v is number => v != null);
    const parts = [`lr ${formatNumber(c.xs[idx])}`];
    if (smoothed.length) parts.push(`smoothed loss ${smoothed.map((v) => formatNumber(v)).join(' / ')}`);
    const median = at(c.median);
    if (median != null) parts.push(`median ${formatNumber(median)}`);
    const low = at(c.low);
    const high = at(c.high);
    if (low != null && high != null) parts.push(`band ${formatNumber(low)}–${formatNumber(high)}`);
    this.readout.textContent = parts.join(' · ');
  }

  private lossRange(min: number | null, max: number | null): uPlot.Range.MinMax {
    if (min == null || max == null) return [0, 1];
    const cap = this.columns.lossCap();
    let high = cap !== undefined ? Math.min(max, cap) : max;
    let low = min;
    if (high <= low) [low, high] = [low - 0.5, low + 0.5];
    const pad = (high - low) * 0.05;
    return [low - pad, high + pad];
  }

  /** What can be drawn, with colours: the recommended rate first (solid, in the text colour), then the curve rules. */
  private markers(): { kind: LrSuggestionKind | 'recommended'; lr: number; spread: number; color: string }[] {
    const result = this.data.result;
    if (!result) return [];
    const drawable = (lr: number | undefined): lr is number => lr !== undefined && lr > 0 && Number.isFinite(lr);
    const recommended = result.recommendation?.lr;
    const first = drawable(recommended) ? [{ kind: 'recommended' as const, lr: recommended, spread: 0, color: this.theme.foreground }] : [];
    return [
      ...first,
      ...LR_SUGGESTION_KINDS.flatMap((kind) => {
        const s = result.suggestions[kind];
        if (!s || !drawable(s.lr)) return [];
        return [{ kind, lr: s.lr, spread: Number.isFinite(s.spreadDecades) ? s.spreadDecades : 0, color: this.theme.suggestion[kind] }];
      }),
    ];
  }

  /** Before the curves (drawClear hook): a shaded span per suggestion, as wide as its spread across repeats. */
  private drawSpreads(u: uPlot): void {
    const { top, height } = u.bbox;
    for (const { lr, spread, color } of this.markers()) {
      if (spread <= 0) continue;
      const x0 = u.valToPos(lr / 10 ** (spread / 2), 'x', true);
      const x1 = u.valToPos(lr * 10 ** (spread / 2), 'x', true);
      u.ctx.fillStyle = withAlpha(color, 0.14);
      u.ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
    }
  }

  /** After the curves (draw hook): a dashed vertical line per suggestion, labelled with its value. */
  private drawMarkers(u: uPlot): void {
    const markers = this.markers();
    if (!markers.length) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const px = uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.font = `${Math.round(11 * px)}px ${this.theme.font.replace(/^\S+\s/, '')}`;
    ctx.textBaseline = 'top';
    ctx.lineWidth = 2 * Math.round(px);
    markers.forEach(({ kind, lr, color }, row) => {
      // Whole device pixels and an even width: the line keeps its exact colour (no antialiased blur).
      const x = Math.round(u.valToPos(lr, 'x', true));
      ctx.strokeStyle = color;
      ctx.setLineDash(kind === 'recommended' ? [] : [5 * px, 3 * px]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      const label = `${kind} ${formatNumber(lr)}`;
      const textWidth = ctx.measureText(label).width;
      const tx = x + 4 * px + textWidth > left + width ? x - 4 * px - textWidth : x + 4 * px;
      ctx.fillStyle = color;
      ctx.fillText(label, tx, top + (4 + row * 15) * px);
    });
    ctx.restore();
  }

  private renderKey(): void {
    const t = this.theme;
    const repeats = this.columns.repeats;
    this.key.replaceChildren(
      h('span', {}, swatch(withAlpha(t.muted, 0.7), 'dot'), repeats > 1 ? `loss per batch (${repeats} repeats)` : 'loss per batch'),
      h('span', {}, swatch(withAlpha(t.foreground, 0.55), 'line'), 'smoothed (per repeat)'),
      h('span', {}, swatch(t.palette[0], 'line'), 'median over repeats'),
      h('span', {}, swatch(withAlpha(t.palette[0], 0.35)), 'min–max band'),
      h('span', {}, 'losses above 3× the starting loss are off the chart'),
    );
  }

  private renderText(): void {
    const { request, points, repeatsDone, result, error } = this.data;
    const parts: string[] = [];
    if (request) {
      parts.push(`${request.mode === 'exp' ? 'Exponential' : 'Linear'} sweep ${formatNumber(request.startLr)} → ${formatNumber(request.endLr)} over ${request.steps} steps × ${request.repeats} repeat${request.repeats === 1 ? '' : 's'}`);
    }
    if (points.length && !result && !error) {
      const last = points[points.length - 1];
      parts.push(`repeat ${last.repeat + 1}${request ? `/${request.repeats}` : ''}, step ${last.step + 1}${request ? `/${request.steps}` : ''}, lr ${formatNumber(last.lr)}, loss ${formatNumber(last.loss)}`);
    }
    if (result) {
      parts.push(`Finished: ${result.reason}${result.stoppedEarly ? ' (stopped early)' : ''}.`);
      if (result.divergenceLr !== undefined) parts.push(`Diverges from lr ${formatNumber(result.divergenceLr)}.`);
    } else if (repeatsDone.length) {
      parts.push(`${repeatsDone.length} repeat${repeatsDone.length === 1 ? '' : 's'} done`);
    }
    if (error) parts.push(`Sweep failed: ${error}`);
    this.summary.textContent = parts.join(' · ');
    this.summary.classList.toggle('error', error !== undefined);
    this.rerun.textContent = request || points.length ? 'Re-run' : 'Run sweep';
    this.renderSuggestions(result);
  }

  /** The answer first: the recommended rate (how sure, why, Apply/Copy), or why there is none. */
  private renderRecommendation(result: LrResult | undefined): void {
    const rec = result?.recommendation;
    if (!rec) {
      this.recommendation.replaceChildren();
      return;
    }
    const usable = rec.lr !== undefined && Number.isFinite(rec.lr) && rec.lr > 0;
    const head = usable
      ? h('p', { class: 'recommended' }, 'Recommended learning rate ', h('strong', { class: 'value', title: String(rec.lr) }, formatNumber(rec.lr!)), ` — ${recommendationBasis(rec)}`)
      : h('p', { class: 'recommended none' }, h('strong', {}, 'No recommended learning rate'));
    const actions = usable
      ? h(
          'p',
          { class: 'actions' },
          button('Apply', () => this.post({ type: 'applyLr', lr: rec.lr!, suggestion: 'recommended' }), { 'data-action': 'apply-recommended', title: `Set the learning rate in the source to ${formatNumber(rec.lr!)}` }),
          button('Copy', () => this.post({ type: 'copyLr', lr: rec.lr! }), { secondary: true, 'data-action': 'copy-recommended' }),
        )
      : undefined;
    const checks = rec.checks?.length
      ? h('p', { class: 'note checks' }, `Short runs (${scoreWords(rec)} after ${rec.checkSteps} steps): ${[...rec.checks].sort((a, b) => a.lr - b.lr).map((c) => `${formatNumber(c.lr)} ${c.loss === null ? 'diverged' : formatNumber(c.loss)}`).join(' · ')}`)
      : undefined;
    const parts: HTMLElement[] = [head, h('p', { class: 'why' }, rec.why)];
    if (checks) parts.push(checks);
    // The status quo on the same footing: is the recommendation better than the rate in the file?
    if (rec.ownRate) {
      const own = ownRateSentence(rec.ownRate, rec);
      parts.push(h('p', { class: 'note own-rate' }, own.charAt(0).toUpperCase() + own.slice(1)));
    }
    if (actions) parts.push(actions);
    this.recommendation.replaceChildren(...parts);
  }

  private renderSuggestions(result: LrResult | undefined): void {
    this.renderRecommendation(result);
    if (!result) {
      this.suggestions.replaceChildren();
      return;
    }
    const rows = LR_SUGGESTION_KINDS.map((kind) => {
      const s = result.suggestions[kind];
      const name = h('th', { scope: 'row' }, swatch(this.theme.suggestion[kind], 'line'), SUGGESTION_LABEL[kind]);
      if (!s) return h('tr', { 'data-kind': kind }, name, h('td', { class: 'value' }, '–'), h('td', {}, ''), h('td', { class: 'rule' }, 'no basis in this curve'), h('td', {}));
      const usable = Number.isFinite(s.lr) && s.lr > 0;
      return h(
        'tr',
        { 'data-kind': kind },
        name,
        h('td', { class: 'value', title: String(s.lr) }, formatNumber(s.lr)),
        h('td', { class: 'spread' }, Number.isFinite(s.spreadDecades) ? `${s.spreadDecades.toFixed(2)} decades` : '–'),
        h('td', { class: 'rule' }, s.rule),
        h(
          'td',
          { class: 'actions' },
          usable && button('Apply', () => this.post({ type: 'applyLr', lr: s.lr, suggestion: kind }), { 'data-action': 'apply', title: `Set the learning rate in the source to ${formatNumber(s.lr)}` }),
          usable && button('Copy', () => this.post({ type: 'copyLr', lr: s.lr }), { secondary: true, 'data-action': 'copy' }),
        ),
      );
    });
    this.suggestions.replaceChildren(
      h(
        'table',
        { class: 'suggestion-table' },
        h('caption', {}, 'What the classic curve rules read off the sweep (spread: log10 of max/min over repeats; 0 = all repeats agree)'),
        h('thead', {}, h('tr', {}, ...['Suggestion', 'Learning rate', 'Spread', 'Rule', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...rows),
      ),
    );
  }
}
