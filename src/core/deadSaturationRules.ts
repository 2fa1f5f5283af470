// Dead ReLU and saturated hidden activations: units that pass no gradient. Each is a warning when it hurts (the
// loss not falling, (nearly) every unit affected, or a vanishing gradient below it) and info otherwise.
import type { Finding } from './protocol';
import { SATURATING } from './activations';
import { RULE_SEVERITY } from './healthModel';
import { formatNumber as fmt } from './format';
import { isBias, linesText, persistence, plural, related, track, type Hit, type LayerRuleContext } from './layerHits';

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

/**
 * A kernel's variance gain fan_in · E[w²] at or above this names the initializer as the saturation's cause. LeCun et al.
 * ("Efficient BackProp", 1998, §4.6) and Glorot & Bengio (2010) scale the weights to std ≈ 1/√fan_in so that a unit's
 * weighted input z = Σ w·x keeps the inputs' scale (gain ~1); at gain g its std grows by √g. From 10 (std ≥ 3.2× LeCun's)
 * z for inputs of unit scale has std ≥ 3.2: ≥ 15 % of the units beyond the sigmoid's |z| > ln 99 = 4.6 tails and ≥ 40 %
 * beyond tanh's |z| > 2.6 before any other cause — the initializer is then the first thing to fix. Nielsen ch. 3's N(0, 1)
 * weights on 784 inputs: gain 784 (his example z: std ≈ 22).
 */
const INITIALIZER_GAIN = 10;

/** Layers whose kernel is [...receptive field, inputs, units]: fan-in = every dimension but the last. */
const FAN_IN_LAYERS = new Set(['Dense', 'Conv1D', 'Conv2D', 'Conv3D']);

/** The layer's kernel at step 0: fan-in, RMS and variance gain; undefined for other layers (recurrent, depthwise, …). */
function kernelScale(ctx: LayerRuleContext, hit: Hit): { fanIn: number; rms: number; gain: number } | undefined {
  const kernels = hit.layer.weights.filter((w) => !isBias(w.name));
  if (!FAN_IN_LAYERS.has(hit.layer.className) || kernels.length !== 1 || kernels[0].shape.length < 2) return undefined;
  const shape = kernels[0].shape;
  const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const size = fanIn * shape[shape.length - 1];
  const first = ctx.steps[0]?.layers.find((l) => l.name === hit.layer.name)?.weights.find((w) => w.name === kernels[0].name);
  if (!first || !(size > 0) || !Number.isFinite(first.weightNorm)) return undefined;
  const rms = first.weightNorm / Math.sqrt(size);
  return { fanIn, rms, gain: fanIn * rms * rms };
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
    const scale = kernelScale(ctx, worst);
    const fromInit = scale && scale.gain >= INITIALIZER_GAIN ? scale : undefined;
    const cause = fromInit
      ? `Its weights are the cause: their RMS at step 0 is ${fmt(fromInit.rms)} for ${fromInit.fanIn} inputs per unit, ${fmt(fromInit.rms * Math.sqrt(fromInit.fanIn))}× LeCun's 1/√fan_in = ${fmt(1 / Math.sqrt(fromInit.fanIn))} (variance gain ${fmt(fromInit.gain)}), so each unit's weighted input is ~${fmt(Math.sqrt(fromInit.gain))}× the scale of its inputs. `
      : '';
    findings.push({
      code: 'saturation',
      severity: harmful ? RULE_SEVERITY.saturation : 'info',
      layer: worst.layer.name,
      location: worst.layer.location,
      step: worst.held[0].step,
      message:
        (group.length > 1 ? `Saturated activations in ${plural(group.length, 'layer')}${linesText(group.map((h) => h.layer))}: ` : 'Saturated activations: ') +
        `${(worst.held[worst.held.length - 1].value * 100).toFixed(0)} % of ${worst.layer.name}'s outputs sit in the flat tails of ${act} (${persistence(worst)}), where its derivative is ~0. ` +
        cause +
        (harmful
          ? fromInit
            ? `Draw them with std 1/√fan_in (Glorot or LeCun initialization, tfjs's default glorotUniform), or add BatchNormalization before the activation.`
            : `Scale the inputs, use Glorot initialization, add BatchNormalization before the activation, or use ReLU.`
          : persistent
            ? fromInit
              ? `The gradient still reaches the layers below and ${lossFalls.text}: training works, though saturated units learn slowly (Nielsen ch. 3 measured 86.4 % against 92.7 % after one epoch for N(0, 1) against N(0, 1/fan_in) weights) — worth initializing with std 1/√fan_in.`
              : `The gradient still reaches the layers below and ${lossFalls.text}: worth scaling the inputs, but training works.`
            : `Present at initialization only: no action needed.`),
      related: group.length > 1 ? group.filter((h) => h !== worst).map((h) => related(h, share(h))) : undefined,
    });
  }
  return findings;
}
