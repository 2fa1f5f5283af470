// linear-dense-stack: see docs/lint/linear-dense-stack.md.
import type { ChainEntry } from '../facts';
import { stringEdit, fix } from './edits';
import { LINEAR_PASS_LAYERS, effectiveActivation, ownActivation, unitsOf } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { layerEntry, type LayerEntry } from './sequences';

const info = ruleInfo('linear-dense-stack', 'warning', 'Consecutive Dense layers without a non-linearity');

/** The Dense layer a linear Dense layer at `i` feeds, through layers that add no non-linearity. */
function nextDense(entries: ChainEntry[], i: number): LayerEntry | undefined {
  for (let j = i + 1; j < entries.length; j++) {
    const e = layerEntry(entries[j]);
    if (!e) return undefined;
    if (LINEAR_PASS_LAYERS.has(e.site.className)) continue;
    return e.site.className === 'dense' ? e : undefined;
  }
  return undefined;
}

function check(ctx: RuleContext, entries: ChainEntry[]): void {
  for (let i = 0; i < entries.length; i++) {
    const a = layerEntry(entries[i]);
    if (a?.site.className !== 'dense') continue;
    // A Dense layer repeated by a loop feeds itself through its own activation only.
    const repeatsItself = a.repeat !== 'unknown' && a.repeat >= 2;
    const act = repeatsItself ? ownActivation(a.site) : effectiveActivation(entries, i);
    if (act?.name !== 'linear' || ownActivation(a.site)?.name !== 'linear') continue;
    const next = nextDense(entries, i);
    // A narrower linear layer before a wider one is a deliberate low-rank bottleneck (an autoencoder's
    // code layer), not a redundant one.
    const units = unitsOf(a.site);
    const nextUnits = next && unitsOf(next.site);
    const bottleneck = units !== undefined && nextUnits !== undefined && units < nextUnits;
    if ((next && !bottleneck) || repeatsItself) {
      // Followed by a non-linear Dense layer, the model keeps its non-linearity and trains (the public
      // benchmark's healthy so-55328966-fixed: linear 784 → ReLU 50): redundant parameters, information.
      // Followed by another linear one, the model loses the non-linearity it was meant to have: a warning.
      const nextActivation = next && ownActivation(next.site)?.name;
      const keepsNonLinearity = !repeatsItself && nextActivation !== undefined && nextActivation !== 'linear';
      ctx.report(
        info,
        a.site.call,
        `This Dense layer has no activation and feeds ${next ? 'another Dense layer' : 'itself (loop)'}: the two collapse into one linear map, so the extra layer adds parameters but no capacity; add an activation such as 'relu'.`,
        {
          fixes: fix(`Add activation 'relu'`, [stringEdit(ctx, a.site, 'activation', 'relu')]),
          related: next ? [{ node: next.site.call, message: 'the next Dense layer' }] : [],
          ...(keepsNonLinearity ? { severity: 'info' as const } : {}),
        },
      );
    }
  }
}

export const linearDenseStack: Rule = { info, sequence: check };
