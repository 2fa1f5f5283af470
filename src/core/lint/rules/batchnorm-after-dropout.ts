// batchnorm-after-dropout: see docs/lint/batchnorm-after-dropout.md.
import type { ChainEntry } from '../facts';
import { swapFix } from './edits';
import { DROPOUT_LAYERS } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { adjacentPairs } from './sequences';

const info = ruleInfo('batchnorm-after-dropout', 'warning', 'BatchNormalization right after Dropout');

function check(ctx: RuleContext, entries: ChainEntry[]): void {
  for (const [a, b] of adjacentPairs(entries)) {
    if (!DROPOUT_LAYERS.has(a.site.className) || b.site.className !== 'batchNormalization') continue;
    ctx.report(
      info,
      b.site.call,
      `BatchNormalization right after Dropout learns statistics of dropped-out activations that differ from what it sees at inference (variance shift), which hurts accuracy; put BatchNormalization before Dropout.`,
      { fixes: swapFix(ctx, 'Move BatchNormalization before Dropout', a, b), related: [{ node: a.site.call, message: 'the Dropout layer' }] },
    );
  }
}

export const batchnormAfterDropout: Rule = { info, sequence: check };
