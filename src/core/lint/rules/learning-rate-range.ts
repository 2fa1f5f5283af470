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
    let severity: 'info' | undefined;
    if (!(lr > 0)) problem = `is not positive, so the weights never move or climb the loss; use a positive rate such as 1e-3`;
    else if (lr <= 1e-6) problem = `is ≤ 1e-6, so the weights barely move and the loss stays flat; start around 1e-3 (or find one with an LR range test)`;
    else if (upper !== undefined && lr > upper && SGD_LIKE.has(opt.name)) {
      // SGD's step is lr × gradient: whether it overshoots depends on the loss's curvature (gradient descent is
      // stable below 2/L), i.e. on the data and the model, which the source does not show. Adam's step is ~lr per
      // weight whatever the gradient, so its ceiling holds for any model and stays a warning.
      severity = 'info';
      problem = `is above ${upper}, high for ${opt.name}${opt.name === 'adadelta' ? " (tfjs's adadelta steps lr × gradient, as SGD does)" : ''}: its step is lr × gradient, so whether it overshoots depends on the loss's curvature (gradient descent is stable below 2/L), which the data and model set — Nielsen's MNIST network trains at η = 3.0, other models diverge at 0.1; if the loss oscillates or diverges, measure the rate with the LR finder (gradient-lens lr) or start around 0.01–0.1`;
    } else if (upper !== undefined && lr > upper) problem = `is above ${upper}, the sane ceiling for ${opt.name}: its step is about lr per weight whatever the gradient's scale, so updates overshoot and the loss diverges; start around 1e-3`;
    if (problem) ctx.report(info, opt.learningRateNode, `Learning rate ${lr} ${problem}.`, severity ? { severity } : undefined);
  }
}

export const learningRateRange: Rule = { info, file: check };
