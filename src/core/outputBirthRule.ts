// A ReLU output layer that is born dead in a share of initialisations (runner/outputBirth.ts reads the share from the
// layer's own initializers): a unit ≤ 0 for every row passes no gradient and never recovers (Lu, Shin, Su & Karniadakis
// 2019, "Dying ReLU and Initialization"), so those runs never train its outputs — whatever this run happened to draw.
// Thresholds and evidence: docs/rules/dead-relu.md ("Born dead: a ReLU output").
import type { Finding, LayerInfo, OutputInfo } from './protocol';
import { RULE_SEVERITY } from './healthModel';

/**
 * At or above this mean share of output units born dead, the output's activation is a warning: one run in ten that
 * never trains (for a one-unit output) is a model that fails "sometimes", as tensorflow/tfjs#918's reporter saw it.
 */
export const BORN_DEAD_SHARE = 0.1;

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** `others`: the findings so far; a dead-relu warning or an output-activation finding on the layer already says it. */
export function outputBirthFindings(layers: readonly LayerInfo[], outputs: readonly OutputInfo[], others: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const output of outputs) {
    const birth = output.outputBirth;
    if (!birth || birth.deadShare < BORN_DEAD_SHARE) continue;
    const said = others.some((f) => f.layer === output.layer && ((f.code === 'dead-relu' && f.severity !== 'info') || f.code === 'output-activation'));
    if (said) continue;
    const layer = layers.find((l) => l.name === output.layer);
    const one = output.units === 1;
    const thisRun =
      birth.deadNow === 0
        ? 'This run drew live weights, so its profile trains; another run may not.'
        : `This run drew ${one ? 'a dead unit' : `${pct(birth.deadNow)} of the units dead`}.`;
    findings.push({
      code: 'dead-relu',
      severity: RULE_SEVERITY['dead-relu'],
      step: 0,
      layer: output.layer,
      location: layer?.location,
      message:
        `ReLU on the output layer is born dead in ${one ? `${pct(birth.deadShare)} of initialisations` : `${pct(birth.deadShare)} of its units over initialisations`}: ` +
        `drawing ${output.layer}'s kernel and bias ${birth.draws} times from its own initializers, ${one ? `its unit starts ≤ 0 for every one of the batch's ${birth.rows} rows in ${pct(birth.deadShare)} of the draws` : `on average ${pct(birth.deadShare)} of its ${output.units} units start ≤ 0 for every one of the batch's ${birth.rows} rows`}. ` +
        `Such a unit outputs 0 and passes no gradient, to itself or to any layer below, so it never recovers and ${one ? 'the model never trains' : 'its outputs are never trained'} (Lu et al. 2019, "Dying ReLU and Initialization"). ${thisRun} ` +
        `A regression output takes no activation (linear; softplus if it must stay positive); a classifier's takes softmax or sigmoid.`,
    });
  }
  return findings;
}
