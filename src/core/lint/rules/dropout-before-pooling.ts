// dropout-before-pooling: see docs/lint/dropout-before-pooling.md.
import type { ChainEntry } from '../facts';
import { swapFix } from './edits';
import { DROPOUT_LAYERS, isPooling } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { adjacentPairs } from './sequences';

const info = ruleInfo('dropout-before-pooling', 'warning', 'Dropout right before pooling');

function check(ctx: RuleContext, entries: ChainEntry[]): void {
  for (const [a, b] of adjacentPairs(entries)) {
    if (!DROPOUT_LAYERS.has(a.site.className) || !isPooling(b.site.className)) continue;
    ctx.report(
      info,
      a.site.call,
      `Dropout right before pooling is partly undone by it (max pooling picks a surviving neighbour) and drops values the pooling discards anyway; put Dropout after the pooling layer.`,
      { fixes: swapFix(ctx, 'Move Dropout after the pooling layer', a, b), related: [{ node: b.site.call, message: 'the pooling layer' }] },
    );
  }
}

export const dropoutBeforePooling: Rule = { info, sequence: check };
