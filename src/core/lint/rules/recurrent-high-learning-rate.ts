// recurrent-high-learning-rate: see docs/lint/recurrent-high-learning-rate.md.
import type { CompileSite } from '../facts';
import { RECURRENT_LAYERS } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { modelSequence } from './sequences';

const info = ruleInfo('recurrent-high-learning-rate', 'warning', 'Recurrent layers with a high learning rate and no gradient clipping');

const RECURRENT_HIGH_LR: Record<string, number> = { sgd: 0.1, momentum: 0.1, adagrad: 0.1, adam: 0.01, adamax: 0.01, rmsprop: 0.01 };
/**
 * RMSProp at exactly 1e-2 is the rate both libraries' own character-LSTM examples train with (Keras's
 * examples/lstm_text_generation.py: RMSprop(lr=0.01); tfjs-examples' lstm-text-generation: --learningRate 1e-2, the
 * web demo's default too): the bar sits just above it, so those settings read as the examples intend.
 */
const ABOVE_ONLY = new Set(['rmsprop']);

function check(ctx: RuleContext, compile: CompileSite): void {
  if (!compile.model || compile.optimizer.kind !== 'opt' || !compile.optimizerNode) return;
  const opt = compile.optimizer.site;
  const threshold = RECURRENT_HIGH_LR[opt.name];
  if (opt.learningRate?.kind !== 'num' || threshold === undefined) return;
  const lr = opt.learningRate.value;
  if (ABOVE_ONLY.has(opt.name) ? lr <= threshold : lr < threshold) return;
  const entries = modelSequence(compile.model) ?? [];
  const recurrent = entries.find((e) => e.kind === 'layer' && RECURRENT_LAYERS.has(e.site.className));
  if (!recurrent || recurrent.kind !== 'layer') return;
  ctx.report(
    info,
    compile.optimizerNode,
    `Recurrent layers backpropagate through every time step, where gradients can explode, and ${opt.name} at ${opt.learningRate.value} has no clipping (tfjs optimizers have no clipnorm); lower the rate (≈1e-3) or clip in a custom loop (tf.variableGrads, scale by the global norm, optimizer.applyGradients).`,
    { related: [{ node: recurrent.site.call, message: `${recurrent.site.className} layer` }] },
  );
}

export const recurrentHighLearningRate: Rule = { info, compile: check };
