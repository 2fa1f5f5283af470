// dropout-rate: see docs/lint/dropout-rate.md.
import { configProp, type LayerSite } from '../facts';
import { DROPOUT_LAYERS, RECURRENT_LAYERS } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('dropout-rate', 'warning', 'Dropout rate outside (0, 0.9)');

function check(ctx: RuleContext, site: LayerSite): void {
  const keys = DROPOUT_LAYERS.has(site.className) ? ['rate'] : RECURRENT_LAYERS.has(site.className) ? ['dropout', 'recurrentDropout'] : [];
  for (const key of keys) {
    const p = configProp(site, key);
    if (!p || p === 'absent' || p.val.kind !== 'num') continue;
    const rate = p.val.value;
    let problem: string | undefined;
    if (rate < 0 || rate >= 1) problem = `is outside [0, 1): tfjs rejects it or drops every unit, so nothing reaches the next layer`;
    else if (rate === 0 && key === 'rate') problem = `drops nothing, so the layer does nothing`;
    else if (rate >= 0.9) problem = `drops ${Math.round(rate * 100)} % of the units, so the next layer sees mostly zeros and gradients are noisy and ~${Math.round(1 / (1 - rate))}× scaled`;
    if (problem) ctx.report(info, p.val.node, `${key === 'rate' ? 'Dropout rate' : key} ${rate} ${problem}; use a rate between 0.1 and 0.5.`);
  }
}

export const dropoutRate: Rule = { info, layer: check };
