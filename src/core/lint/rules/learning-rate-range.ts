// learning-rate-range: see docs/lint/learning-rate-range.md.
import type { ModelFacts } from '../facts';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('learning-rate-range', 'warning', 'Learning rate outside the sane range of the optimizer');

// tfjs's adadelta steps exactly lr × g (SGD at its rate: docs/rules/learning-rate-high.md), so it gets SGD's ceiling.
const LR_UPPER: Record<string, number> = { sgd: 1, momentum: 1, adadelta: 1, adagrad: 1, adam: 0.1, adamax: 0.1, rmsprop: 0.1 };
const SGD_LIKE = new Set(['sgd', 'momentum', 'adadelta']);

function check(ctx: RuleContext, facts: ModelFacts): void {
  for (const opt of facts.optimizers) {
    if (opt.learningRate?.kind !== 'num' || !opt.learningRateNode) continue;
    const lr = opt.learningRate.value;
    const upper = LR_UPPER[opt.name];
    let problem: string | undefined;
    if (!(lr > 0)) problem = `is not positive, so the weights never move or climb the loss; use a positive rate such as 1e-3`;
    else if (lr <= 1e-6) problem = `is ≤ 1e-6, so the weights barely move and the loss stays flat; start around 1e-3 (or find one with an LR range test)`;
    else if (upper !== undefined && lr > upper) problem = `is above ${upper}, the sane ceiling for ${opt.name}: updates overshoot and the loss diverges; start around ${SGD_LIKE.has(opt.name) ? '0.01–0.1' : '1e-3'}${opt.name === 'adadelta' ? " (tfjs's adadelta steps lr × gradient, as SGD does)" : ''}`;
    if (problem) ctx.report(info, opt.learningRateNode, `Learning rate ${lr} ${problem}.`);
  }
}

export const learningRateRange: Rule = { info, file: check };
