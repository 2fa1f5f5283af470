// The gradient rules (vanishing, exploding, dead ReLU, saturation, non-finite), judged at every profiled
// step: a condition that holds at the last judged step is a warning/error, one that held earlier but
// resolved is info. Layers that share a cause become one finding, the others as related locations.
// Each rule lives in its own file; this one runs them in order (causes before the vanishing they explain).
import type { Finding, LayerInfo, Thresholds } from './protocol';
import { RULE_SEVERITY, type NonFiniteOrigin, type StepRecord } from './healthModel';
import { nonFiniteFinding } from './nonFiniteRule';
import { layerRuleContext, plural, related, track, type LayerRuleContext, type LayerRuleOptions } from './layerHits';
import { deadFindings, saturationFindings, trackDead, trackSaturated } from './deadSaturationRules';
import { fittedBatch, trackVanishing, vanishingFindings } from './vanishingRule';
import { trackStackFalls } from './saturatingStackRule';
import { explodingFindings } from './explodingRule';

export type { LayerRuleOptions, LossEvidence } from './layerHits';
export { CONVERGED_LOSS } from './vanishingRule';

export function layerFindings(
  layers: readonly LayerInfo[],
  steps: readonly StepRecord[],
  t: Thresholds,
  nonFiniteOrigin: NonFiniteOrigin | undefined,
  options: LayerRuleOptions,
): Finding[] {
  const ctx = layerRuleContext(layers, steps, t, options);
  const findings: Finding[] = nonFiniteFindings(ctx, nonFiniteOrigin);
  // Dead and saturated layers are causes: tracked before the vanishing rule, which points at them.
  const dead = trackDead(ctx);
  const saturated = trackSaturated(ctx);
  const vanishing = trackVanishing(ctx, dead);
  findings.push(...deadFindings(ctx, dead, vanishing));
  findings.push(...vanishingFindings(ctx, vanishing, trackStackFalls(ctx, fittedBatch(steps))));
  findings.push(...saturationFindings(ctx, saturated, vanishing));
  findings.push(...explodingFindings(ctx));
  return findings;
}

function nonFiniteFindings(ctx: LayerRuleContext, nonFiniteOrigin: NonFiniteOrigin | undefined): Finding[] {
  if (nonFiniteOrigin) return [nonFiniteFinding(nonFiniteOrigin, ctx.layers, ctx.options)];
  if (ctx.options.skipNonFinite) return [];
  const bad = track(ctx, (s) => {
    if (s.weights.length === 0) return undefined;
    const count = s.weights.reduce((n, w) => n + w.nanCount + w.infCount, 0);
    return count > 0 ? count : false;
  });
  if (!bad.length) return [];
  const [first, ...rest] = bad;
  return [
    {
      code: 'non-finite',
      severity: RULE_SEVERITY['non-finite'],
      layer: first.layer.name,
      location: first.layer.location,
      step: first.held[0].step,
      message: `Gradients contain ${first.held[0].value} NaN/Inf values at step ${first.held[0].step}${rest.length ? `, and ${plural(rest.length, 'more layer')}` : ''}.`,
      related: rest.length ? rest.map((h) => related(h, `${h.held[0].value} NaN/Inf gradient values at step ${h.held[0].step}`)) : undefined,
    },
  ];
}
