// The ordered layer sequences this file builds: sequential models, and paths through .apply() chains.
import type { ChainEntry, LayerSite, ModelFacts, ModelSite } from '../facts';

export type LayerEntry = Extract<ChainEntry, { kind: 'layer' }>;

/** The file's layer sequences (computed once per analysis, as RuleContext.sequences: several rules walk them). */
export function sequences(facts: ModelFacts): ChainEntry[][] {
  const out: ChainEntry[][] = facts.models.filter((m) => m.kind === 'sequential').map((m) => m.entries);
  const applied = facts.layers.filter((s) => s.input);
  const consumed = new Set(applied.map((s) => s.input?.producer).filter((p): p is LayerSite => p !== undefined));
  for (const sink of applied) if (!consumed.has(sink)) out.push(functionalPath(sink));
  return out;
}

function functionalPath(sink: LayerSite): ChainEntry[] {
  const path: ChainEntry[] = [];
  const seen = new Set<LayerSite>();
  for (let site: LayerSite | undefined = sink; site && !seen.has(site); site = site.input?.producer) {
    seen.add(site);
    path.unshift({ kind: 'layer', site, repeat: site.repeat, conditional: site.conditional, expr: site.call, swappable: false });
    if (!site.input?.known) {
      path.unshift({ kind: 'unknown' });
      break;
    }
  }
  return path;
}

/** The layers of one model, input to output; undefined when its outputs are not known. */
export function modelSequence(model: ModelSite): ChainEntry[] | undefined {
  if (model.kind === 'sequential') return model.entries;
  const out = model.outputs;
  const producer = out?.kind === 'tensor' ? out.producer : out?.kind === 'arr' && !out.open && out.items.length === 1 && out.items[0].kind === 'tensor' ? out.items[0].producer : undefined;
  return producer ? functionalPath(producer) : undefined;
}

/** A layer that certainly runs (not created or added under a condition). */
export function layerEntry(entry: ChainEntry | undefined): LayerEntry | undefined {
  return entry?.kind === 'layer' && !entry.site.conditional && !entry.conditional ? entry : undefined;
}

export function repeatCount(entry: LayerEntry): number {
  return entry.repeat === 'unknown' ? 1 : entry.repeat;
}

/** Consecutive layers that each run exactly once in a row (a loop's repeated layer is not followed by the next). */
export function adjacentPairs(entries: ChainEntry[]): [LayerEntry, LayerEntry][] {
  const pairs: [LayerEntry, LayerEntry][] = [];
  for (let i = 0; i + 1 < entries.length; i++) {
    const a = layerEntry(entries[i]);
    const b = layerEntry(entries[i + 1]);
    if (!a || !b || a.repeat === 'unknown' || a.repeat >= 2 || b.repeat === 'unknown' || b.repeat >= 2) continue;
    pairs.push([a, b]);
  }
  return pairs;
}
