// bias-before-batchnorm: see docs/lint/bias-before-batchnorm.md.
import { configProp, type ChainEntry } from '../facts';
import { fix, setPropEdit } from './edits';
import { WEIGHT_LAYERS, ownActivation } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { adjacentPairs } from './sequences';

const info = ruleInfo('bias-before-batchnorm', 'info', 'Biased layer feeding BatchNormalization');

function check(ctx: RuleContext, entries: ChainEntry[]): void {
  for (const [a, b] of adjacentPairs(entries)) {
    if (!WEIGHT_LAYERS.has(a.site.className) || b.site.className !== 'batchNormalization' || ownActivation(a.site)?.name !== 'linear') continue;
    const useBias = configProp(a.site, 'useBias');
    const biased = useBias === 'absent' || (useBias !== undefined && useBias.val.kind === 'bool' && useBias.val.value);
    if (!biased) continue;
    ctx.report(
      info,
      a.site.call,
      `This layer's bias is cancelled by the BatchNormalization right after it (it subtracts the mean and has its own beta), so the bias is wasted parameters; set useBias: false.`,
      { fixes: fix('Set useBias: false', [setPropEdit(ctx, a.site, 'useBias', 'false')]), related: [{ node: b.site.call, message: 'the BatchNormalization layer' }] },
    );
  }
}

export const biasBeforeBatchnorm: Rule = { info, sequence: check };
