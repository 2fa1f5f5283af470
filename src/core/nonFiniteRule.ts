// The non-finite finding for a NaN/Inf the runner's diagnostic pass located (gradientProfiler
// locateNonFinite): on the layer where it first appeared; a NaN no layer owns still gets a line — the
// compile() call that chose the loss (a loss or backward origin, the output layers related), or the line that
// made the inputs (a batch that holds NaN itself). docs/rules/non-finite.md.
import type { Finding, LayerInfo, SourceLocation } from './protocol';
import { RULE_SEVERITY, type NonFiniteOrigin } from './healthModel';

export interface NonFiniteSites {
  /** The model's output layers. */
  outputLayers: ReadonlySet<string>;
  /** The compile() call that chose the loss. */
  lossSite?: SourceLocation;
  /** The line that made the (first) input tensor given to fit(). */
  inputSite?: SourceLocation;
}

export function nonFiniteFinding(origin: NonFiniteOrigin, layers: readonly LayerInfo[], sites: NonFiniteSites): Finding {
  const layer = origin.pass === 'loss' ? undefined : layers.find((l) => l.name === origin.layer);
  // A forward origin without a layer: the batch itself held NaN/Inf before any layer ran.
  const inBatch = origin.pass === 'forward' && !layer;
  const where = inBatch
    ? 'in the batch itself: the inputs given to fit() hold NaN/Inf before any layer runs (check the data and its preprocessing)'
    : {
        forward: 'in the forward pass: this layer is the first whose output contains NaN/Inf',
        backward: 'in the backward pass: this layer is the first (from the loss backwards) whose gradients contain NaN/Inf',
        weights: 'in the weights themselves',
        loss: 'in the loss, while every layer output was finite (check the loss function and labels)',
      }[origin.pass];
  // Not in a layer: the loss function (compile(), where it is chosen), with the output layers it reads related.
  const outputs = layers.filter((l) => sites.outputLayers.has(l.name));
  const at = layer
    ? { layer: layer.name, location: layer.location }
    : inBatch && sites.inputSite
      ? { location: sites.inputSite }
      : {
          location: sites.lossSite ?? outputs[0]?.location,
          ...(outputs.length ? { related: outputs.map((l) => ({ layer: l.name, location: l.location, message: `the output layer${l.activation ? ` (${l.activation})` : ''} the loss reads` })) } : {}),
        };
  return {
    code: 'non-finite',
    severity: RULE_SEVERITY['non-finite'],
    ...at,
    step: origin.step,
    // The pass it first appeared in (a batch's own NaN is a forward one): where its definitions are related from.
    phase: origin.pass,
    message:
      `NaN/Inf at step ${origin.step} first appears ${where}. Typical causes: log/sqrt/division of ` +
      `values at or below zero, a learning rate so high that weights overflow, or NaN in the input data. ` +
      `Gradient clipping (clipNorm) and a lower learning rate stop overflow; an epsilon guards log/division.`,
  };
}
