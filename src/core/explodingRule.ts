// The exploding-gradient rule: a huge ‖g‖, or ‖g‖/‖w‖ large where ‖w‖ is not ~0 — an error unless the loss falls
// steadily (large but stable updates) or it resolved within the profiled steps (docs/rules/exploding.md).
import type { Finding } from './protocol';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY } from './healthModel';
import { layerWeights, linesText, persistence, plural, related, track, type Hit, type LayerRuleContext } from './layerHits';

export function explodingFindings(ctx: LayerRuleContext): Finding[] {
  const { steps, t, options } = ctx;
  const exploding = track(ctx, (s, _r, l) => {
    if (s.weights.length === 0 || !Number.isFinite(s.gradNorm)) return undefined;
    const w = layerWeights(s, l);
    const ratio = w.rms >= t.zeroWeightRms ? s.gradNorm / w.norm : NaN;
    return s.gradNorm >= t.explodingNorm || ratio > t.explodingRatio ? s.gradNorm : false;
  });
  if (!exploding.length) return [];
  // Huge gradients are an error on their own; a large ‖g‖/‖w‖ only while it lasts (small weights at
  // initialization give a large ratio that the first steps resolve). Either way not while the loss falls.
  const severe = exploding.some((h) => h.atEnd || h.held.some((x) => x.value >= t.explodingNorm));
  const stable = options.lossFalls.falls === true || !severe;
  const worst = [...exploding].sort((a, b) => Math.max(...b.held.map((x) => x.value)) - Math.max(...a.held.map((x) => x.value)) || b.index - a.index)[0];
  const peak = worst.held.reduce((a, b) => (b.value > a.value ? b : a));
  const w = layerWeights(peak.stats, worst.layer);
  const ratio = w.rms >= t.zeroWeightRms ? peak.value / w.norm : NaN;
  // The update the optimizer really made from that gradient (recorded with the next step): under Adam or RMSProp it
  // is not learning rate × ‖g‖, so the SGD-at-1e-3 reading is only the fallback.
  const update = steps.find((r) => r.step === peak.step + 1)?.layers.find((l) => l.name === worst.layer.name)?.updateRatio;
  const evidence = (h: Hit) => {
    const p = h.held.reduce((a, b) => (b.value > a.value ? b : a));
    const hw = layerWeights(p.stats, h.layer);
    return `‖g‖ ${fmt(p.value)} at step ${p.step}${hw.rms >= t.zeroWeightRms ? `, ‖g‖/‖w‖ ${fmt(p.value / hw.norm)}` : ''} (${persistence(h)})`;
  };
  return [
    {
      code: 'exploding',
      severity: stable ? 'info' : RULE_SEVERITY.exploding,
      layer: worst.layer.name,
      location: worst.layer.location,
      step: peak.step,
      message:
        (exploding.length > 1 ? `Exploding gradient in ${plural(exploding.length, 'layer')}${linesText(exploding.map((h) => h.layer))}: ` : 'Exploding gradient: ') +
        `‖g‖ = ${fmt(peak.value)} at ${worst.layer.name}, step ${peak.step}` +
        (Number.isFinite(ratio) ? `, ‖g‖/‖w‖ = ${fmt(ratio)} (${update !== undefined ? `the optimizer's step from it changed the weights by ${fmt(update)} of their norm` : `a plain SGD step at a reference rate of 1e-3 (not necessarily yours) would change the weights by ${fmt(ratio * 1e-3)} of their norm`}; ~1e-3 is healthy)` : ` (its weights are ~0, so no ‖g‖/‖w‖ ratio)`) +
        '. ' +
        (stable
          ? options.lossFalls.falls === true
            ? `But ${options.lossFalls.text} without diverging: large but stable updates, no action needed.`
            : `It resolved within the profiled steps (small weights at initialization make ‖g‖/‖w‖ large): no action needed.`
          : `${options.lossFalls.falls === false ? `${options.lossFalls.text[0].toUpperCase()}${options.lossFalls.text.slice(1)}. ` : ''}Look for huge initial weights or inputs, and use gradient clipping (clipNorm/clipValue on the optimizer), a lower learning rate, or normalization.`),
      related: exploding.length > 1 ? exploding.filter((h) => h !== worst).map((h) => related(h, evidence(h))) : undefined,
    },
  ];
}
