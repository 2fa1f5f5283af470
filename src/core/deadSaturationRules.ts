// Dead ReLU and saturated hidden activations: units that pass no gradient. Each is a warning when it hurts (the
// loss not falling, (nearly) every unit affected, or a vanishing gradient below it) and info otherwise.
import type { Finding } from './protocol';
import { SATURATING } from './activations';
import { RULE_SEVERITY } from './healthModel';
import { linesText, persistence, plural, related, track, type Hit, type LayerRuleContext } from './layerHits';

/** Above this share of saturated outputs a saturated layer is a warning even while the loss falls. */
const SEVERE_SATURATION = 0.9;
/** At or above this share of dead units a dead layer is a warning even while the loss falls. */
const SEVERE_DEAD = 0.95;

export function trackDead(ctx: LayerRuleContext): Hit[] {
  const { t, options } = ctx;
  return track(ctx, (s) => (s.deadShare === undefined || options.skipDead.has(s.name) ? undefined : s.deadShare >= t.deadShare ? s.deadShare : false));
}

/** Hidden layers only: an output layer's confidence is the saturated-output rule. */
export function trackSaturated(ctx: LayerRuleContext): Hit[] {
  const { t, options } = ctx;
  return track(ctx, (s, _r, l) => (s.saturatedShare === undefined || options.outputLayers.has(s.name) || !SATURATING.has(l.activation) ? undefined : s.saturatedShare > t.saturatedShare ? s.saturatedShare : false));
}

const vanishingBelow = (vanishing: readonly Hit[], h: Hit) => vanishing.some((v) => v.atEnd && v.index < h.index);

export function deadFindings(ctx: LayerRuleContext, dead: readonly Hit[], vanishing: readonly Hit[]): Finding[] {
  const { lossFalls } = ctx.options;
  const findings: Finding[] = [];
  for (const group of [dead.filter((h) => h.atEnd), dead.filter((h) => !h.atEnd)]) {
    if (!group.length) continue;
    const persistent = group[0].atEnd;
    // Dead units are lost capacity; a warning when that hurts: (nearly) all dead, the loss not falling, or
    // no gradient below. ReLU on 1-D inputs ≥ 0 leaves about half the units dead by construction.
    const harmful = persistent && ((lossFalls.falls !== true && !lossFalls.slowStart) || group.some((h) => h.endValue >= SEVERE_DEAD || vanishingBelow(vanishing, h)));
    const worst = [...group].sort((a, b) => b.endValue - a.endValue || a.index - b.index)[0];
    const share = (h: Hit) => `${(h.held[h.held.length - 1].value * 100).toFixed(0)} % of units dead ${persistence(h)}`;
    findings.push({
      code: 'dead-relu',
      severity: harmful ? RULE_SEVERITY['dead-relu'] : 'info',
      layer: worst.layer.name,
      location: worst.layer.location,
      step: worst.held[0].step,
      message:
        (group.length > 1 ? `Dead ReLU in ${plural(group.length, 'layer')}${linesText(group.map((h) => h.layer))}: ` : 'Dead ReLU: ') +
        `${(worst.held[worst.held.length - 1].value * 100).toFixed(0)} % of ${worst.layer.name}'s units output 0 for every example of the batch (${persistence(worst)}). ` +
        (harmful
          ? `They get no gradient and cannot recover. Causes: large negative biases, a too-high learning rate, or poor initialization. Try He initialization, a lower learning rate, or LeakyReLU/ELU.`
          : persistent
            ? `Those units are lost capacity, but the rest train: ${lossFalls.text}. LeakyReLU/ELU or He initialization would keep them alive.`
            : `Present at initialization, but the units came back within the profiled steps: no action needed.`),
      related: group.length > 1 ? group.filter((h) => h !== worst).map((h) => related(h, share(h))) : undefined,
    });
  }
  return findings;
}

export function saturationFindings(ctx: LayerRuleContext, saturated: readonly Hit[], vanishing: readonly Hit[]): Finding[] {
  const { lossFalls } = ctx.options;
  const findings: Finding[] = [];
  for (const group of [saturated.filter((h) => h.atEnd), saturated.filter((h) => !h.atEnd)]) {
    if (!group.length) continue;
    const persistent = group[0].atEnd;
    const harmful = persistent && (lossFalls.falls !== true || group.some((h) => h.endValue >= SEVERE_SATURATION || vanishingBelow(vanishing, h)));
    const worst = [...group].sort((a, b) => b.endValue - a.endValue || a.index - b.index)[0];
    const act = worst.layer.activation ?? 'the activation';
    const share = (h: Hit) => `${(h.held[h.held.length - 1].value * 100).toFixed(0)} % saturated ${persistence(h)}`;
    findings.push({
      code: 'saturation',
      severity: harmful ? RULE_SEVERITY.saturation : 'info',
      layer: worst.layer.name,
      location: worst.layer.location,
      step: worst.held[0].step,
      message:
        (group.length > 1 ? `Saturated activations in ${plural(group.length, 'layer')}${linesText(group.map((h) => h.layer))}: ` : 'Saturated activations: ') +
        `${(worst.held[worst.held.length - 1].value * 100).toFixed(0)} % of ${worst.layer.name}'s outputs sit in the flat tails of ${act} (${persistence(worst)}), where its derivative is ~0. ` +
        (harmful
          ? `Scale the inputs, use Glorot initialization, add BatchNormalization before the activation, or use ReLU.`
          : persistent
            ? `The gradient still reaches the layers below and ${lossFalls.text}: worth scaling the inputs, but training works.`
            : `Present at initialization only: no action needed.`),
      related: group.length > 1 ? group.filter((h) => h !== worst).map((h) => related(h, share(h))) : undefined,
    });
  }
  return findings;
}
