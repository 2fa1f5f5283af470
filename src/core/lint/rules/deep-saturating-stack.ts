// deep-saturating-stack: see docs/lint/deep-saturating-stack.md.
import type { ChainEntry } from '../facts';
import type { LintEdit } from '../types';
import { fix, quoteOf, replaceEdit, stringEdit } from './edits';
import { SATURATING } from '../../activations';
import { ACTIVATION_LAYERS, RECURRENT_LAYERS, TRANSPARENT_LAYERS, WEIGHT_LAYERS, effectiveActivation, isPooling, type Activation } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { layerEntry, repeatCount, type LayerEntry } from './sequences';

const info = ruleInfo('deep-saturating-stack', 'warning', 'Deep stack of sigmoid/tanh hidden layers');

function check(ctx: RuleContext, entries: ChainEntry[]): void {
  let lastWeight = -1;
  entries.forEach((e, i) => {
    if (e.kind === 'layer' && (WEIGHT_LAYERS.has(e.site.className) || RECURRENT_LAYERS.has(e.site.className))) lastWeight = i;
  });
  let run: { entry: LayerEntry; activation: Activation; index: number }[] = [];
  const flush = () => {
    // The output layer is not hidden: drop it (or its last repetition, in a loop) from the stack. A branch
    // that ends in a merge layer (concatenate, add, …) has no output layer of its own.
    let count = run.reduce((n, r) => n + repeatCount(r.entry), 0);
    const last = run[run.length - 1];
    if (last?.index === lastWeight && !last.entry.site.feedsMerge) {
      count -= 1;
      if (repeatCount(last.entry) === 1) run.pop();
    }
    if (count >= ctx.deepStackMin) {
      const names = [...new Set(run.map((r) => r.activation.name))].join('/');
      const first = run[0].activation;
      const edits: (LintEdit | undefined)[] = [];
      for (const r of run) {
        const q = quoteOf(ctx, r.activation.site.inlineConfig);
        edits.push(r.activation.literal ? replaceEdit(ctx, r.activation.literal, `${q}relu${q}`) : undefined);
        edits.push(stringEdit(ctx, r.entry.site, 'kernelInitializer', 'heNormal'));
      }
      ctx.report(
        info,
        first.node ?? first.site.call,
        `${count} ${names} hidden layers in a row: every layer multiplies the backpropagated gradient by its activation's derivative (≤ 0.25 for sigmoid, ≈ 0 for saturated tanh), so the early layers barely learn (vanishing gradients); use ReLU-family activations with He initialization.`,
        fix(`Use 'relu' with 'heNormal' initialization in this stack`, edits),
        run.slice(1).map((r) => ({ node: r.activation.node ?? r.entry.site.call, message: `${r.activation.name} layer of the same stack` })),
      );
    }
    run = [];
  };
  entries.forEach((e, i) => {
    const entry = layerEntry(e);
    if (!entry) return flush();
    const cls = entry.site.className;
    if (WEIGHT_LAYERS.has(cls)) {
      const act = effectiveActivation(entries, i);
      if (act && SATURATING.has(act.name)) run.push({ entry, activation: act, index: i });
      else flush();
    } else if (!TRANSPARENT_LAYERS.has(cls) && cls !== 'activation' && !ACTIVATION_LAYERS[cls] && !isPooling(cls)) flush();
  });
  flush();
}

export const deepSaturatingStack: Rule = { info, sequence: check };
