// The bounded in-memory timeline of a watched run: per step the loss and each layer's ‖g‖, held in at
// most ~maxPoints points however long training runs. Recent steps stay exact (a finding usually names a
// step some steps back, once its condition persisted); older ones are merged into buckets whose width
// doubles whenever the points fill up. A merged point keeps its first step's values and the extremes of
// every step it covers (so a spike never disappears from a chart), and points that must stay exact
// are never merged: the first step, the steps of the lowest and highest loss, and every step a finding
// names. Findings themselves live beside the timeline and are never dropped.
import type { WatchLayerNorm, WatchStep } from './watchProtocol';
import { WATCH_DEFAULTS } from './defaults';

export interface TimelineLayer extends WatchLayerNorm {
  /** Over the steps a merged point covers (absent on a single step). */
  gradNormMin?: number;
  gradNormMax?: number;
}

export interface TimelinePoint {
  /** The first step this point covers; loss, metrics and ‖g‖ are that step's values. */
  step: number;
  epoch: number;
  loss: number;
  metrics?: Record<string, number>;
  layers: TimelineLayer[];
  /** A merged point: the last step it covers and the loss extremes over its steps. */
  stepEnd?: number;
  lossMin?: number;
  lossMax?: number;
}

interface Slot {
  point: TimelinePoint;
  /** Kept at full resolution: never merged with its neighbours. */
  pinned: boolean;
}

/** min/max that skip NaN (a NaN step carries a finding and stays a point of its own). */
const lower = (a: number | undefined, b: number) => (a === undefined || Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b));
const upper = (a: number | undefined, b: number) => (a === undefined || Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

function pointOf(step: WatchStep): TimelinePoint {
  const point: TimelinePoint = { step: step.step, epoch: step.epoch, loss: step.loss, layers: step.layers.map((l) => ({ ...l })) };
  if (step.metrics) point.metrics = { ...step.metrics };
  return point;
}

/** Folds `b` (the later point) into `a`. */
function absorb(a: TimelinePoint, b: TimelinePoint): void {
  a.stepEnd = b.stepEnd ?? b.step;
  a.lossMin = lower(lower(a.lossMin, a.loss), lower(b.lossMin, b.loss));
  a.lossMax = upper(upper(a.lossMax, a.loss), upper(b.lossMax, b.loss));
  const byName = b.layers.length === a.layers.length ? undefined : new Map(b.layers.map((l) => [l.name, l]));
  a.layers.forEach((layer, i) => {
    const other = byName ? byName.get(layer.name) : b.layers[i];
    if (!other) return;
    layer.gradNormMin = lower(lower(layer.gradNormMin, layer.gradNorm), lower(other.gradNormMin, other.gradNorm));
    layer.gradNormMax = upper(upper(layer.gradNormMax, layer.gradNorm), upper(other.gradNormMax, other.gradNorm));
  });
}

const lastStepOf = (p: TimelinePoint) => p.stepEnd ?? p.step;

export class Timeline {
  /** Merged (older) points, oldest first. */
  private older: Slot[] = [];
  /** The bucket being filled before it joins `older`. */
  private pending: Slot | undefined;
  /** The most recent steps, one point each. */
  private recent: Slot[] = [];
  /** Steps per bucket of `older` (doubles at each compaction). */
  private stride = 1;
  private readonly recentSize: number;
  private lowest: Slot | undefined;
  private highest: Slot | undefined;
  /** Steps added in all. */
  steps = 0;
  private lastAdded = -Infinity;
  private readonly futurePins = new Set<number>();

  constructor(readonly maxPoints: number = WATCH_DEFAULTS.maxTimelinePoints) {
    if (!(maxPoints >= 8)) throw new Error(`a timeline needs at least 8 points, got ${maxPoints}`);
    // A finding names its step once the condition persisted (core/watchRules: ~10 steps later): the
    // exact tail must be longer than that for the step to be pinned before it is merged.
    this.recentSize = Math.max(Math.min(32, Math.floor(maxPoints / 2)), Math.floor(maxPoints / 4));
  }

  add(step: WatchStep): void {
    const slot: Slot = { point: pointOf(step), pinned: this.steps === 0 || this.futurePins.delete(step.step) };
    this.steps++;
    this.lastAdded = step.step;
    if (!Number.isNaN(step.loss)) {
      if (!this.lowest || step.loss < this.lowest.point.loss) this.lowest = slot;
      if (!this.highest || step.loss > this.highest.point.loss) this.highest = slot;
    }
    this.recent.push(slot);
    if (this.recent.length > this.recentSize) this.retire(this.recent.shift()!);
  }

  /** Keeps the point of `step` exact (a finding names it); when it is merged already, its bucket stops merging. */
  pin(step: number): void {
    // A finding may arrive just before the step it names (the runner reports a NaN inside that step).
    if (step > this.lastAdded) {
      this.futurePins.add(step);
      return;
    }
    const holds = (s: Slot) => s.point.step <= step && step <= lastStepOf(s.point);
    const slot = this.recent.find(holds) ?? (this.pending && holds(this.pending) ? this.pending : undefined) ?? this.older.find(holds);
    if (slot) slot.pinned = true;
  }

  /** The points in step order (a copy of the list; the points themselves are shared). */
  points(): TimelinePoint[] {
    return [...this.older, ...(this.pending ? [this.pending] : []), ...this.recent].map((s) => s.point);
  }

  get size(): number {
    return this.older.length + (this.pending ? 1 : 0) + this.recent.length;
  }

  private isKept(slot: Slot): boolean {
    return slot.pinned || slot === this.lowest || slot === this.highest;
  }

  /** A step leaving the exact tail joins the current bucket, or stands alone when it must stay exact. */
  private retire(slot: Slot): void {
    if (this.isKept(slot)) {
      this.flushPending();
      this.older.push(slot);
    } else if (this.pending && !this.isKept(this.pending)) {
      absorb(this.pending.point, slot.point);
    } else {
      this.flushPending();
      this.pending = slot;
    }
    if (this.pending && lastStepOf(this.pending.point) - this.pending.point.step + 1 >= this.stride) this.flushPending();
    if (this.older.length > this.maxPoints - this.recentSize - 1) this.compact();
  }

  private flushPending(): void {
    if (this.pending) this.older.push(this.pending);
    this.pending = undefined;
  }

  /** Halves the resolution of the older points: adjacent pairs of mergeable points become one. */
  private compact(): void {
    const merged: Slot[] = [];
    for (const slot of this.older) {
      const previous = merged[merged.length - 1];
      const pairable = previous && !this.isKept(previous) && !this.isKept(slot) && lastStepOf(previous.point) - previous.point.step + 1 < 2 * this.stride;
      if (pairable) absorb(previous.point, slot.point);
      else merged.push(slot);
    }
    this.older = merged;
    this.stride *= 2;
  }
}

/** Keeps at most `max` items of a growing list by dropping every other one (first and last kept) when full. */
export function pushThinned<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length <= max) return;
  const last = list[list.length - 1];
  const kept = list.filter((_, i) => i % 2 === 0);
  if (kept[kept.length - 1] !== last) kept.push(last);
  list.splice(0, list.length, ...kept);
}
