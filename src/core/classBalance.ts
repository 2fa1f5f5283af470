// The class-imbalance finding: a class so rare among the labels given to fit() that most batches hold none of it,
// measured directly on the labels (runner/labelBalance.ts counts them). Thresholds, sources and what to do:
// docs/rules/class-imbalance.md.
import type { Finding, OutputInfo } from './protocol';
import { RULE_SEVERITY, type HealthContext } from './healthModel';

/**
 * Google's Machine Learning Crash Course ("Datasets: imbalanced datasets") names the degree of imbalance by the
 * minority class's share of the data set: mild 20–40 %, moderate 1–20 %, extreme below 1 %. Extreme is the degree at
 * which "the model trains almost exclusively on" the other classes; mild and moderate imbalance is often no
 * problem ("first try training on the original dataset"), so only extreme is reported.
 */
export const EXTREME_SHARE = 0.01;
/**
 * … and the rarest class must be far below the largest: at least this many times fewer examples (20 % against 80 %,
 * the moderate bound in two-class terms). Without it a balanced task of more than 100 classes, each under 1 %, would
 * read as extreme.
 */
export const IMBALANCE_RATIO = 4;

const pct = (share: number) => `${Number((share * 100).toPrecision(2))} %`;

/**
 * The classes extreme by both bars (under EXTREME_SHARE, IMBALANCE_RATIO× below the largest). Among labels a class with
 * no example is left out (an output wider than the data uses); among the input text `absentIsRare` counts it as rare —
 * a token the text never feeds in (the text's last word, predicted once and never read) is as rare as a token can be.
 */
function extreme(counts: readonly number[], absentIsRare = false): Set<number> {
  const total = counts.reduce((s, n) => s + n, 0);
  const largest = Math.max(...counts);
  return new Set(counts.flatMap((n, label) => ((n > 0 || absentIsRare) && n / total < EXTREME_SHARE && largest >= IMBALANCE_RATIO * n ? [label] : [])));
}

/**
 * A next-token model: an input is tokens of the vocabulary the output predicts (as many token ids as classes), and
 * every rare class is extreme among those input tokens by the same two bars — the labels are the text's own tokens,
 * rare because the text's letters or words are (Zipf), not because a selection dropped them. Then the class
 * frequencies are the prior the model is meant to learn (a language model is trained and judged on text of that
 * distribution: Bengio et al. 2003; Jurafsky & Martin, ch. 3), and reweighting classes rescales its probabilities
 * away from them (Saerens, Latinne & Decaestecker, Neural Computation 2002). Undefined otherwise.
 */
function textSkew(counts: readonly number[], rare: readonly { label: number }[], inputTokens: HealthContext['inputTokenCounts']): { tokens: readonly number[]; total: number } | undefined {
  const tokens = inputTokens?.find((t) => t.length === counts.length);
  if (!tokens) return undefined;
  const rareInText = extreme(tokens, true);
  if (!rare.every((c) => rareInText.has(c.label))) return undefined;
  return { tokens, total: tokens.reduce((s, n) => s + n, 0) };
}

export function classImbalance(outputs: readonly OutputInfo[], context: HealthContext): Finding[] {
  const findings: Finding[] = [];
  for (const [index, output] of outputs.entries()) {
    const counts = context.classCounts?.[index];
    if (!counts) continue;
    const present = counts.map((n, label) => ({ label, n })).filter((c) => c.n > 0);
    const total = present.reduce((s, c) => s + c.n, 0);
    if (present.length < 2 || total === 0) continue;
    const largest = Math.max(...present.map((c) => c.n));
    const rare = present.filter((c) => c.n / total < EXTREME_SHARE && largest >= IMBALANCE_RATIO * c.n).sort((a, b) => a.n - b.n);
    if (!rare.length) continue;
    const rarest = rare[0];
    const text = textSkew(counts, rare, context.inputTokenCounts);
    const name = (label: number) => (counts.length === 2 && output.units === 1 ? `label ${label}` : `class ${label}`);
    const where = context.dataLocations?.targets?.[index] ?? context.dataLocations?.call ?? context.compileLocation;
    const fit = context.dataLocations?.call;
    findings.push({
      code: 'class-imbalance',
      severity: text ? 'info' : RULE_SEVERITY['class-imbalance'],
      step: 0,
      location: where,
      ...(fit && fit !== where ? { related: [{ layer: 'fit()', location: fit, message: 'the training call: classWeight goes here', kind: 'call' as const }] } : {}),
      message:
        `Extremely imbalanced classes: of the ${total} labels given to fit() for ${output.layer}, ${rare.map((c) => `${name(c.label)} has ${c.n} (${pct(c.n / total)})`).join(', ')}, ` +
        `while ${name(present.find((c) => c.n === largest)!.label)} has ${largest} — ${Math.round(largest / rarest.n)}× the rarest; below 1 % of the data is extreme imbalance. ` +
        (text
          ? `But the model reads tokens of the same ${counts.length}-token vocabulary it predicts, and these classes are as rare among its ${text.total} input tokens (${name(rarest.label)}: ${pct(rarest.n / total)} of the labels, ${pct(text.tokens[rarest.label] / text.total)} of the input tokens): ` +
            `the labels are the text's next tokens, skewed as the text is. A next-token model is meant to learn these frequencies — they are the task's prior, and its loss is judged on text skewed the same way — ` +
            `so this is not a sampling defect: class weights or resampling would bias its probabilities away from the text's. No action needed, unless the rare tokens matter more to you than their frequency.`
          : 
        `One example in ${Math.round(total / rarest.n)} is ${name(rarest.label)}, so most batches hold none and the model trains almost only on the other classes, while its accuracy can look fine. ` +
        `If this is not the real distribution, check the data selection; if it is, weight the rare classes in fit() (classWeight: {${rarest.label}: ${Math.round(largest / rarest.n)}, …}, about largest ÷ its count) or resample (oversample the rare classes, downsample the common ones and upweight them), and judge the model per class (recall, precision), not by accuracy.`),
    });
  }
  return findings;
}
