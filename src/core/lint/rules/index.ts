// The rules, one file each (named by the rule's code, like its page in docs/lint/). Each reads the model
// facts, reports with a stable code, and offers a fix only where one is clearly right.
import type { LayerSite, ModelFacts } from '../facts';
import type { KernelInitializer } from './layers';
import { batchnormAfterDropout } from './batchnorm-after-dropout';
import { biasBeforeBatchnorm } from './bias-before-batchnorm';
import { constantInitializer } from './constant-initializer';
import { deepSaturatingStack } from './deep-saturating-stack';
import { dropoutBeforePooling } from './dropout-before-pooling';
import { dropoutRate } from './dropout-rate';
import { initializerActivationMismatch } from './initializer-activation-mismatch';
import { largeBiasInitializer } from './large-bias-initializer';
import { largeInitializer } from './large-initializer';
import { learningRateRange } from './learning-rate-range';
import { linearDenseStack } from './linear-dense-stack';
import { lossActivationMismatch } from './loss-activation-mismatch';
import { recurrentHighLearningRate } from './recurrent-high-learning-rate';
import { kernelInitializers } from './layers';
import type { ReportContext, Rule, RuleContext, RuleInfo } from './rule';
import { sequences } from './sequences';

export type { ReportContext, RuleInfo } from './rule';

/** In the order the CLI, SARIF and settings list them. */
const RULES: readonly Rule[] = [
  deepSaturatingStack,
  constantInitializer,
  largeInitializer,
  largeBiasInitializer,
  initializerActivationMismatch,
  lossActivationMismatch,
  linearDenseStack,
  batchnormAfterDropout,
  dropoutBeforePooling,
  biasBeforeBatchnorm,
  learningRateRange,
  dropoutRate,
  recurrentHighLearningRate,
];

export const LINT_RULES: readonly RuleInfo[] = RULES.map((r) => r.info);

export function runRules(reporting: ReportContext, facts: ModelFacts): void {
  const initializers = new Map<LayerSite, KernelInitializer[]>();
  const ctx: RuleContext = {
    ...reporting,
    sequences: sequences(facts),
    kernelInitializers(site) {
      let found = initializers.get(site);
      if (!found) initializers.set(site, (found = kernelInitializers(site)));
      return found;
    },
  };
  for (const entries of ctx.sequences) for (const rule of RULES) rule.sequence?.(ctx, entries);
  for (const site of facts.layers) for (const rule of RULES) rule.layer?.(ctx, site);
  for (const rule of RULES) rule.file?.(ctx, facts);
  for (const compile of facts.compiles) for (const rule of RULES) rule.compile?.(ctx, compile);
}
