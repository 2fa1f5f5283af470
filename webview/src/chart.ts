// One uPlot chart in a container: created once the container has a width (tabs hide their panels), resized
// with it, re-created only when the theme or the set of series changes; data updates go through setData.
import uPlot from 'uplot';
import { formatNumber } from '../../src/core/format';
import { wrapLines } from './textWrap';
import { withAlpha, type Theme } from './theme';

export type MakeOptions = (theme: Theme, width: number, height: number) => uPlot.Options;

export class Chart {
  private plot: uPlot | undefined;
  private data: uPlot.AlignedData | undefined;
  private readonly resizeObserver: ResizeObserver;

  constructor(
    readonly container: HTMLElement,
    private theme: Theme,
    private makeOptions: MakeOptions,
    private readonly height = 280,
  ) {
    container.classList.add('chart');
    container.dataset.creations = '0';
    this.resizeObserver = new ResizeObserver(() => this.fit());
    this.resizeObserver.observe(container);
  }

  get uplot(): uPlot | undefined {
    return this.plot;
  }

  /** New values for the same series: drawn in place (no re-creation). */
  setData(data: uPlot.AlignedData): void {
    this.data = data;
    if (this.plot) this.plot.setData(data);
    else this.create();
  }

  /** New series layout or options: the plot is rebuilt. */
  rebuild(makeOptions: MakeOptions, data: uPlot.AlignedData): void {
    this.makeOptions = makeOptions;
    this.data = data;
    this.destroy();
    this.create();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.destroy();
    this.create();
  }

  /** Redraws without new data (e.g. markers drawn by hooks changed). */
  redraw(): void {
    this.plot?.redraw(false, false);
  }

  /**
   * The chart as a PNG data URL, on the theme background (uPlot's canvas is transparent), with `caption`
   * lines (wrapped to the image's width) under the plot: an exported image carries what the panel says next to it.
   */
  toPng(caption: readonly string[] = []): string | undefined {
    if (!this.plot) return undefined;
    const source = this.plot.ctx.canvas;
    const px = uPlot.pxRatio;
    const pad = Math.round(8 * px);
    const lineHeight = Math.round(16 * px);
    const font = `${Math.round(12 * px)}px ${this.theme.font.replace(/^\S+\s/, '')}`;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d')!;
    ctx.font = font;
    const lines = caption.flatMap((text) => wrapLines(text, source.width - 2 * pad, (t) => ctx.measureText(t).width));
    canvas.width = source.width;
    canvas.height = source.height + (lines.length ? 2 * pad + lines.length * lineHeight : 0);
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    ctx.font = font; // resizing the canvas reset the context
    ctx.fillStyle = this.theme.foreground;
    ctx.textBaseline = 'top';
    lines.forEach((line, i) => ctx.fillText(line, pad, source.height + pad + i * lineHeight));
    return canvas.toDataURL('image/png');
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.destroy();
  }

  private create(): void {
    const width = this.container.clientWidth;
    if (!this.data || width <= 0) return;
    this.plot = new uPlot(this.makeOptions(this.theme, width, this.height), this.data, this.container);
    this.container.dataset.creations = String(Number(this.container.dataset.creations) + 1);
  }

  private destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
  }

  private fit(): void {
    const width = this.container.clientWidth;
    if (width <= 0) return;
    if (!this.plot) this.create();
    else if (Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: this.height });
  }
}

export const formatTicks = (_u: uPlot, splits: number[]) => splits.map((s) => (s == null ? '' : formatNumber(s)));

/** Axis styling from the theme. */
export function axis(theme: Theme, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: theme.foreground,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    font: theme.font,
    labelFont: theme.font,
    ...extra,
  };
}

/**
 * Splits for a log axis: powers of ten only, thinned so labels stay ~28 px apart (uPlot's default adds the
 * 2…9 multiples of every decade, which over 15 decades of gradient norms is a wall of grid lines).
 */
export function decadeSplits(u: uPlot, axisIndex: number, min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0)) return [];
  const low = Math.ceil(Math.log10(min) - 1e-9);
  const high = Math.floor(Math.log10(max) + 1e-9);
  const horizontal = u.axes[axisIndex].side === 0 || u.axes[axisIndex].side === 2;
  const room = Math.max(1, (horizontal ? u.bbox.width : u.bbox.height) / uPlot.pxRatio / (horizontal ? 64 : 28));
  const every = Math.max(1, Math.ceil((high - low + 1) / room));
  const splits: number[] = [];
  for (let e = low; e <= high; e++) if ((e - low) % every === 0) splits.push(10 ** e);
  return splits;
}

/** Options of a log axis: decade splits, every one labelled (uPlot's log label filter would drop some). */
export const logAxisOptions: Partial<uPlot.Axis> = { splits: decadeSplits, filter: (_u, splits) => splits, values: formatTicks };

export { finiteOrNull, positiveOrNull } from './values';

/** The series whose point at the cursor's step is closest to the cursor vertically (within 16 px). */
export function nearestSeries(u: uPlot): number | undefined {
  const { idx, top } = u.cursor;
  if (idx == null || top == null || top < 0) return undefined;
  let best: number | undefined;
  let bestDistance = 16;
  for (let i = 1; i < u.series.length; i++) {
    const value = u.data[i][idx];
    if (value == null) continue;
    const distance = Math.abs(u.valToPos(value, 'y') - top);
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  }
  return best;
}

/** A category x axis of layer names (index = position), labels thinned to ~70 px apart; Keras suffixes shortened. */
export function layerNameAxis(theme: Theme, names: readonly string[], width: number): uPlot.Axis {
  const labelEvery = Math.max(1, Math.ceil(names.length / Math.max(1, (width - 80) / 70)));
  return axis(theme, {
    splits: () => names.map((_, i) => i).filter((i) => i % labelEvery === 0),
    values: (_u, splits) => splits.map((i) => names[i]?.replace(/_[A-Z]\w*?(\d*)$/, '$1') ?? ''),
    grid: { show: false },
    size: 40,
  });
}

/** TensorBoard's distribution percentiles (normal-distribution sigma points): min, ±3σ…±1σ, median, max. */
export const PERCENTILES = [0, 0.0668, 0.1587, 0.3085, 0.5, 0.6915, 0.8413, 0.9332, 1];

/**
 * A distribution over steps: one column per PERCENTILES entry, bands min–max, ±3σ, ±2σ, ±1σ and the median line,
 * in `color`. `log`: the values are log10|g| (ticks read 1e-3); else plain values.
 */
export function distributionOptions(theme: Theme, width: number, height: number, color: string, log: boolean, extra: Partial<uPlot.Options> = {}): uPlot.Options {
  const series: uPlot.Series[] = [{ label: 'step' }];
  PERCENTILES.forEach((q) => series.push({ label: `p${q * 100}`, stroke: q === 0.5 ? color : withAlpha(color, 0.3), width: q === 0.5 ? 2 : 0.5, points: { show: q === 0.5 } }));
  const bands: uPlot.Band[] = [0, 1, 2, 3].map((i) => ({ series: [PERCENTILES.length - i, i + 1] as [number, number], fill: withAlpha(color, 0.12 + i * 0.06) }));
  const values = log ? (_u: uPlot, splits: number[]) => splits.map((s) => `1e${Math.round(s * 10) / 10}`) : formatTicks;
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: false, range: (_u, min, max) => (min === max ? [min - 0.5, max + 0.5] : [min, max]) } },
    axes: [axis(theme, { label: 'step' }), axis(theme, { label: log ? '|g|' : 'g', values, size: 60 })],
    series,
    bands,
    ...extra,
  };
}
