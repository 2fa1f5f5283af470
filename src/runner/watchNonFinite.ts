// Where the first NaN/Inf of a watched run came from, found at the step it appeared — inside the
// optimizer step, before the update writes it into the weights, with the batch still at hand: weights
// already non-finite, else the first layer whose forward output is non-finite (the batch re-run layer by
// layer), else the loss itself, else the layer nearest the output whose gradient is non-finite.
import type { SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import type { NonFinitePhase, WatchStep } from '../core/watchProtocol';
import { formatNumber as fmt } from '../core/format';
import type { innerModel } from './data';
import type { Tf } from './tfjsResolve';
import type { WatchedLayer } from './watchTraining';
import { leavingWeightsAsFound } from './modelState';

type TopLayer = { name: string; getClassName(): string; inboundNodes: unknown[]; output: SymbolicTensor | SymbolicTensor[] };

export interface NonFiniteOrigin {
  layer?: string;
  phase: NonFinitePhase;
  detail: string;
}

const anyNonFinite = (tf: Tf, t: Tensor) => tf.any(tf.logicalNot(tf.isFinite(t)));

export function locateNonFinite(tf: Tf, inner: ReturnType<typeof innerModel>, inputs: Tensor[], layers: readonly WatchedLayer[], record: WatchStep): NonFiniteOrigin {
  const badWeights = tf.tidy(() => {
    const flags = tf.stack(layers.map((l) => tf.any(tf.stack(l.reads.map((w) => anyNonFinite(tf, w))))));
    return Array.from(flags.dataSync()).findIndex((f) => f === 1);
  });
  if (badWeights >= 0) return { layer: layers[badWeights].info.name, phase: 'weights', detail: 'Its weights held NaN/Inf before this step (set by the script, or loaded that way).' };

  const badInput = tf.tidy(() => inputs.findIndex((x) => anyNonFinite(tf, x).dataSync()[0] === 1));
  if (badInput >= 0) return { phase: 'forward', detail: `The batch itself holds NaN/Inf (input ${badInput} of the model): check the data this step was given.` };

  const topLevel = (inner.layers as unknown as TopLayer[]).filter((l) => l.getClassName() !== 'InputLayer' && l.inboundNodes.length === 1 && !Array.isArray(l.output));
  // Inside the user's real training: the pass's own update of BatchNormalization's moving statistics is put back.
  const firstBad = leavingWeightsAsFound(tf, inner.weights, () => tf.tidy(() => {
    const probe = tf.model({ inputs: inner.inputs, outputs: topLevel.map((l) => l.output as SymbolicTensor) });
    const outputs = probe.apply(inputs, { training: true });
    const list = (Array.isArray(outputs) ? outputs : [outputs]) as Tensor[];
    const flags = tf.stack(list.map((t) => anyNonFinite(tf, t))).dataSync();
    const index = Array.from(flags).findIndex((f) => f === 1);
    const before = index > 0 ? tf.max(tf.abs(list[index - 1])).dataSync()[0] : undefined;
    return { index, before };
  }));
  if (firstBad.index >= 0) {
    const layer = topLevel[firstBad.index].name;
    const input = firstBad.before !== undefined ? `its input (the output of ${topLevel[firstBad.index - 1].name}) was finite, largest |value| ${fmt(firstBad.before)}` : 'its input (the batch) was finite';
    return { layer, phase: 'forward', detail: `Re-running the batch layer by layer: ${input}, and its weights were finite.` };
  }
  if (!Number.isFinite(record.loss)) return { phase: 'loss', detail: `Every layer's output was finite; the loss function gave ${fmt(record.loss)} (a log of 0 or a division by 0 in the loss).` };
  const backward = [...record.layers].reverse().find((l) => !Number.isFinite(l.gradNorm));
  const known = layers.find((l) => l.info.name === backward?.name);
  return { layer: known?.info.name, phase: 'backward', detail: `The loss (${fmt(record.loss)}) and every layer's output were finite; going backward from the output, this is the first layer whose gradient is not.` };
}
