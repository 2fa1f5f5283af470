// The benchmark's labels: each case file's header (`// @tag value` lines) and its `// FAULT` lines, and,
// per bug type, which runtime findings and which static rules name that problem ("symptom right").
// Runtime codes are matched by pattern so that findings added later (loss not decreasing, oscillating
// loss, output activation vs loss, initial loss, …) count where they name the labelled problem without
// an edit here; the bench lists every code it saw so a new one can be placed.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const BUG_TYPES = {
  vanishing: { what: 'vanishing gradients (deep sigmoid/tanh stack)', runtime: /vanishing|^saturation$/, lint: ['deep-saturating-stack'] },
  // Huge initial weights show as exploding gradients, or as an overconfident softmax whose loss starts far above ln C.
  exploding: { what: 'exploding gradients (huge initial weights)', runtime: /exploding|diverg|non-finite|oscillat|saturated-output|initial-loss/, lint: ['large-initializer'] },
  'dead-relu': { what: 'dead ReLU units', runtime: /dead/, lint: [] },
  'output-activation': {
    what: 'output activation wrong for the loss (softmax on one unit, missing/redundant softmax, sigmoid for a [-1,1] target)',
    runtime: /output|initial-loss|overconfident/,
    lint: ['loss-activation-mismatch'],
  },
  'wrong-loss': { what: 'loss wrong for the task (MSE/MAE for classification, summed loss)', runtime: /output-activation|initial-loss|loss-function|loss-target/, lint: ['loss-activation-mismatch'] },
  'hidden-activation': { what: 'wrong or missing hidden activation (softmax inside the network, Dense → Dense with none)', runtime: /vanishing|saturation|hidden|linear/, lint: ['linear-dense-stack'] },
  'unscaled-input': { what: 'unscaled inputs (raw pixel values, features in the thousands)', runtime: /saturat|exploding|dead|input|initial-loss|oscillat|diverg|non-finite/, lint: [] },
  'unscaled-target': { what: 'unscaled regression targets', runtime: /initial-loss|exploding|target|diverg|not-decreasing|slow/, lint: [] },
  'wrong-labels': { what: 'labels broken by preprocessing', runtime: /label|initial-loss|not-decreasing|stuck/, lint: [] },
  'constant-init': { what: 'constant/zero weight initialisation (units stay symmetric)', runtime: /constant|symmetr|zero|vanishing|dead|not-decreasing|stuck/, lint: ['constant-initializer'] },
  'wrong-init': { what: 'initial weights of the wrong scale', runtime: /exploding|vanishing|saturat|dead|initial-loss|overconfident|diverg|non-finite/, lint: ['large-initializer', 'initializer-activation-mismatch', 'large-bias-initializer'] },
  'lr-high': { what: 'learning rate too high', runtime: /exploding|diverg|non-finite|oscillat|learning-rate-high/, lint: ['learning-rate-range'] },
  'lr-low': { what: 'learning rate too low', runtime: /not-decreasing|stuck|slow|plateau|learning-rate-low/, lint: ['learning-rate-range'] },
  'over-regularization': { what: 'weight decay so strong the data loss does not train', runtime: /regulari|not-decreasing|stuck|vanishing/, lint: [] },
  // Faults of TheDeepChecker's held-out programs that no type above names (ported for the held-out set, bench/diagnosis/cases/dc-*).
  'flipped-gradient': { what: 'gradient sign flipped (the optimizer climbs the loss)', runtime: /diverg|not-decreasing|increas|stuck/, lint: [] },
  'optimizer-epsilon': { what: "Adam's epsilon far below its default (numerically unstable steps)", runtime: /epsilon|non-finite|diverg|oscillat|exploding/, lint: [] },
  'missing-regularization': { what: 'regularization removed (the model overfits its training data)', runtime: /generaliz|overfitting|validation-gap/, lint: [] },
  'class-imbalance': { what: 'training classes heavily unbalanced', runtime: /imbalanc|unbalanc/, lint: [] },
  // Faults of the second held-out set (bench/diagnosis/cases, `@set heldout2`) that no type above names.
  // DeepFD's kerasma: the fix adds layers to a model that trains.
  'model-capacity': { what: 'too few layers or units for the task (the fix adds layers)', runtime: /capacity|underfit/, lint: [] },
  // A hand-written cross-entropy whose log meets a probability of 0 (TensorFlow-Program-Bugs IPS-1, fixed by clipping).
  'log-of-zero': { what: 'log of a probability that can reach 0 in a hand-written loss (NaN once the softmax saturates)', runtime: /non-finite|nan|log/, lint: [] },
  // Structural smells without a training symptom of their own: scored by the static analyzer only
  // (a runtime profiler has nothing to measure), and left out of the runtime recall.
  'bn-dropout-order': { what: 'BatchNormalization after Dropout (variance shift)', runtime: /batchnorm|dropout/, lint: ['batchnorm-after-dropout'], staticOnly: true },
  'dropout-pooling-order': { what: 'Dropout right before pooling', runtime: /dropout|pool/, lint: ['dropout-before-pooling'], staticOnly: true },
} as const satisfies Record<string, { what: string; runtime: RegExp; lint: readonly string[]; staticOnly?: boolean }>;

export type BugType = keyof typeof BUG_TYPES;

export interface Case {
  id: string;
  file: string;
  label: 'buggy' | 'healthy';
  bugs: BugType[];
  /** 1-based lines marked `// FAULT`: where the bug is (layer creation, compile or optimizer line). */
  faultLines: number[];
  /** A case relabelled healthy keeps its source's bug (`@source-bug`) and lines (`// SOURCE-FAULT`) for the figures under the sources' labels. */
  sourceBugs?: BugType[];
  sourceFaultLines?: number[];
  tags: Record<string, string>;
  /**
   * `tuned`: the cases the rules were developed against; `heldout` (`// @set heldout`): cases ported after the rules
   * were written and scored without changing a rule for them — their figures are what a new user's models would see;
   * `heldout2` (`// @set heldout2`): a second blind set, ported while other rules changed, to score the final rules;
   * `heldout3` (`// @set heldout3`): a third, from sources none of the others used, scored at a session's start and end;
   * `heldout4` (`// @set heldout4`): a fourth, likewise from new sources, ported blind while other engineers change rules;
   * `heldout5` (`// @set heldout5`): a fifth, the same way, to score the rules of a session that aims at generalising;
   * `heldout6` (`// @set heldout6`): a sixth, the same way again, blind to the next session's rule changes;
   * `heldout7` (`// @set heldout7`): a seventh, from sources none of the six used, blind to this session's rule changes;
   * `heldout8` (`// @set heldout8`): an eighth, from sources none of the seven used, blind to the next session's rule changes;
   * `heldout9` (`// @set heldout9`): a ninth, from sources none of the eight used, scored on the rules a session started from;
   * `heldout10` (`// @set heldout10`): a tenth, from sources none of the nine used, scored the same way;
   * `heldout11` (`// @set heldout11`): an eleventh, from sources none of the ten used, scored the same way;
   * `heldout12` (`// @set heldout12`): a twelfth, from sources none of the eleven used, scored the same way;
   * `heldout13` (`// @set heldout13`): a thirteenth, from sources none of the twelve used, scored the same way;
   * `heldout14` (`// @set heldout14`): a fourteenth, from sources none of the thirteen used, scored the same way;
   * `heldout15` (`// @set heldout15`): a fifteenth, from sources none of the fourteen used, scored the same way.
   * `heldout16` (`// @set heldout16`): a sixteenth, from sources none of the fifteen used, scored the same way.
   * `heldout17` (`// @set heldout17`): a seventeenth, from sources none of the sixteen used, scored the same way;
   * `heldout18` (`// @set heldout18`): an eighteenth, from sources none of the seventeen used, scored the same way;
   * `heldout19` (`// @set heldout19`): a nineteenth, from sources none of the eighteen used, scored the same way;
   * `heldout20` (`// @set heldout20`): a twentieth, from sources none of the nineteen used, scored the same way;
   * `heldout21` (`// @set heldout21`): a twenty-first, from programs none of the twenty used, scored the same way.
   */
  set: 'tuned' | 'heldout' | 'heldout2' | 'heldout3' | 'heldout4' | 'heldout5' | 'heldout6' | 'heldout7' | 'heldout8' | 'heldout9' | 'heldout10' | 'heldout11' | 'heldout12' | 'heldout13' | 'heldout14' | 'heldout15' | 'heldout16' | 'heldout17' | 'heldout18' | 'heldout19' | 'heldout20' | 'heldout21';
}

export const SETS = ['tuned', 'heldout', 'heldout2', 'heldout3', 'heldout4', 'heldout5', 'heldout6', 'heldout7', 'heldout8', 'heldout9', 'heldout10', 'heldout11', 'heldout12', 'heldout13', 'heldout14', 'heldout15', 'heldout16', 'heldout17', 'heldout18', 'heldout19', 'heldout20', 'heldout21'] as const;

/** Reads `// @tag value` header lines (continuation lines start with `//   `) and the FAULT markers. */
export function readCase(file: string): Case {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const tags: Record<string, string> = {};
  let last: string | undefined;
  for (const line of lines) {
    const tag = /^\/\/ @([\w-]+)\s*(.*)$/.exec(line);
    if (tag) {
      last = tag[1];
      tags[last] = tag[2].trim();
    } else if (last && /^\/\/ {2,}\S/.test(line)) tags[last] += ' ' + line.slice(2).trim();
    else if (!line.startsWith('//')) last = undefined;
  }
  const id = tags.case ?? path.basename(file, path.extname(file));
  if (tags.label !== 'buggy' && tags.label !== 'healthy') throw new Error(`${file}: @label must be buggy or healthy`);
  const bugTypes = (tag: 'bug' | 'source-bug'): BugType[] => {
    const named = (tags[tag] ?? '').split(/[,\s]+/).filter(Boolean) as BugType[];
    for (const bug of named) if (!(bug in BUG_TYPES)) throw new Error(`${file}: unknown @${tag} "${bug}" (known: ${Object.keys(BUG_TYPES).join(', ')})`);
    return named;
  };
  const bugs = bugTypes('bug');
  if (tags.label === 'buggy' && bugs.length === 0) throw new Error(`${file}: a buggy case needs @bug`);
  const faultLines = lines.flatMap((line, i) => (/\/\/ FAULT\b/.test(line) && !line.startsWith('//') ? [i + 1] : []));
  if (tags.label === 'buggy' && faultLines.length === 0) throw new Error(`${file}: a buggy case needs a line marked // FAULT`);
  for (const required of ['source', 'data']) if (!tags[required]) throw new Error(`${file}: missing @${required}`);
  const sourceBugs = bugTypes('source-bug');
  const sourceFaultLines = lines.flatMap((line, i) => (/\/\/ SOURCE-FAULT\b/.test(line) && !line.startsWith('//') ? [i + 1] : []));
  if (tags['source-label'] === 'buggy' && (sourceBugs.length === 0 || sourceFaultLines.length === 0)) {
    throw new Error(`${file}: a case its source labels buggy needs @source-bug and a line marked // SOURCE-FAULT`);
  }
  const set = tags.set ?? 'tuned';
  if (!(SETS as readonly string[]).includes(set)) {
    throw new Error(`${file}: @set must be heldout, heldout2, heldout3, heldout4, heldout5, heldout6, heldout7, heldout8, heldout9, heldout10, heldout11, heldout12, heldout13, heldout14, heldout15, heldout16, heldout17, heldout18, heldout19, heldout20 or heldout21 (or absent for the tuned set), not "${set}"`);
  }
  const source = tags['source-label'] === 'buggy' ? { sourceBugs, sourceFaultLines } : {};
  return { id, file, label: tags.label, bugs, faultLines, ...source, tags, set: set as Case['set'] };
}

export function listCases(dir: string): Case[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => readCase(path.join(dir, name)));
}

/** Whether the runtime profiler is scored on this case: healthy cases always, buggy ones unless every bug is structural. */
export function inRuntimeScope(c: Case): boolean {
  return c.label === 'healthy' || c.bugs.some((bug) => !('staticOnly' in BUG_TYPES[bug]));
}

export function runtimeSymptomRight(bugs: readonly BugType[], code: string): boolean {
  return bugs.some((bug) => BUG_TYPES[bug].runtime.test(code));
}

export function lintSymptomRight(bugs: readonly BugType[], code: string): boolean {
  return bugs.some((bug) => (BUG_TYPES[bug].lint as readonly string[]).includes(code));
}
