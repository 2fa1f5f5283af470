// loss-activation-mismatch: see docs/lint/loss-activation-mismatch.md.
import type { CompileSite, Val } from '../facts';
import type { LintFix } from '../types';
import { fix, quoteOf, replaceEdit, stringEdit } from './edits';
import { outputLayer, unitsOf } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { modelSequence } from './sequences';

const info = ruleInfo('loss-activation-mismatch', 'warning', 'Loss not matched to the output layer');

function lossName(val: Val): { name: string; logits: boolean } | undefined {
  if (val.kind === 'str') return { name: val.value.replace(/_/g, '').toLowerCase(), logits: false };
  if (val.kind === 'tf' && val.path.length === 2 && (val.path[0] === 'losses' || val.path[0] === 'metrics')) {
    const name = val.path[1].toLowerCase();
    // tf.losses.logLoss is binary cross-entropy on probabilities (−y·log(p + ε) − (1 − y)·log(1 − p + ε)).
    return { name: name === 'logloss' ? 'binarycrossentropy' : name, logits: name === 'softmaxcrossentropy' || name === 'sigmoidcrossentropy' };
  }
  return undefined;
}

function check(ctx: RuleContext, compile: CompileSite): void {
  if (!compile.model || !compile.lossNode) return;
  const entries = modelSequence(compile.model);
  const out = entries && outputLayer(entries);
  const loss = lossName(compile.loss);
  if (!out?.activation || !loss) return;
  const act = out.activation;
  const units = out.entry.site.className === 'dense' ? unitsOf(out.entry.site) : undefined;
  const lossNode = compile.lossNode;
  const q = quoteOf(ctx, out.entry.site.inlineConfig);
  const setActivation = (name: string) => (act.literal ? replaceEdit(ctx, act.literal, `${q}${name}${q}`) : act.site === out.entry.site && act.name === 'linear' ? stringEdit(ctx, act.site, 'activation', name) : undefined);
  const setLoss = (name: string) => (lossNode.type === 'StringLiteral' ? replaceEdit(ctx, lossNode, `${ctx.text[lossNode.start!]}${name}${ctx.text[lossNode.start!]}`) : undefined);
  // The warning sits where its fix goes — the output activation when the advice is to change it, the loss in compile()
  // when the loss is what to change — and names the other as related (the runtime output-activation rule chooses so too).
  const activationNode = act.node ?? out.entry.site.call;
  const onActivation = { node: activationNode, related: [{ node: lossNode, message: `the loss it is compiled with` }] };
  const onLoss = { node: lossNode, related: [{ node: activationNode, message: `output activation '${act.name}'` }] };
  const report = (message: string, fixes: LintFix[] = [], at = onLoss) => ctx.report(info, at.node, message, { fixes, related: at.related });
  const binary = loss.name === 'binarycrossentropy';
  const categorical = loss.name === 'categoricalcrossentropy' || loss.name === 'sparsecategoricalcrossentropy';
  // hardSigmoid's range is [0, 1] too: a probability for binary cross-entropy (tfjs clips it to [ε, 1 − ε], so no log 0).
  const sigmoidLike = act.name === 'sigmoid' || act.name === 'hardsigmoid';
  const squaredError = loss.name === 'meansquarederror' || loss.name === 'mse';
  if (loss.logits) {
    if (act.name === 'softmax' || act.name === 'sigmoid') report(`'${loss.name === 'softmaxcrossentropy' ? 'softmaxCrossEntropy' : 'sigmoidCrossEntropy'}' applies ${loss.name.startsWith('softmax') ? 'softmax' : 'sigmoid'} itself, so the '${act.name}' output is squashed twice and gradients shrink; make the output layer linear.`, fix(`Make the output linear`, [setActivation('linear')]), onActivation);
    return;
  }
  if (act.name === 'softmax' && units === 1) {
    report(`A softmax over 1 unit always outputs 1, so the loss gradient is zero and nothing trains; use 'sigmoid' for a single output${categorical ? ' with binaryCrossentropy' : ''}.`, categorical ? [] : fix(`Use 'sigmoid' on the output`, [setActivation('sigmoid')]), onActivation);
  } else if (act.name === 'softmax' && binary) {
    report(`binaryCrossentropy treats each softmax output as an independent probability, but softmax outputs compete and sum to 1; use categoricalCrossentropy (one-hot labels) for softmax outputs.`, fix(`Use 'categoricalCrossentropy'`, [setLoss('categoricalCrossentropy')]));
  } else if (sigmoidLike && categorical && units === 1) {
    report(`${loss.name === 'sparsecategoricalcrossentropy' ? 'sparseCategoricalCrossentropy' : 'categoricalCrossentropy'} over a single sigmoid unit sees one class that is always "right", so it cannot learn; use binaryCrossentropy.`, fix(`Use 'binaryCrossentropy'`, [setLoss('binaryCrossentropy')]));
  } else if (sigmoidLike && categorical && units !== undefined && units > 1) {
    report(`Categorical crossentropy expects outputs that sum to 1, but ${units} independent ${act.name === 'sigmoid' ? 'sigmoid' : 'hardSigmoid'} units do not, so the loss rewards pushing every unit to 1; use 'softmax' on the output.`, fix(`Use 'softmax' on the output`, [setActivation('softmax')]), onActivation);
  } else if (act.name === 'softmax' && squaredError) {
    // Golik, Doetsch & Ney (Interspeech 2013): through a softmax the squared error's gradient carries the softmax
    // Jacobian, which vanishes when an output saturates on the wrong class; cross-entropy's (p − y) does not.
    report(`meanSquaredError on a softmax output: its gradient reaches the logits through the softmax's derivative, which vanishes when an output is confidently wrong, so learning stalls where it should be fastest (Golik et al. 2013; Nielsen, ch. 3's learning slowdown) — cross-entropy's gradient is p − y; use categoricalCrossentropy for class probabilities.`, fix(`Use 'categoricalCrossentropy'`, [setLoss('categoricalCrossentropy')]));
  } else if ((binary && !sigmoidLike && act.name !== 'softmax') || (categorical && act.name !== 'softmax' && !sigmoidLike)) {
    const wanted = binary ? 'sigmoid' : 'softmax';
    const fixable = binary || (units !== undefined && units > 1);
    report(`Crossentropy takes the log of probabilities, but a '${act.name}' output is not a probability (log of ≤ 0 gives NaN, and tfjs losses take no fromLogits flag); use '${wanted}' on the output layer.`, fixable ? fix(`Use '${wanted}' on the output`, [setActivation(wanted)]) : [], onActivation);
  }
}

export const lossActivationMismatch: Rule = { info, compile: check };
