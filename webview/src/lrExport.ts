// What the LR exports carry besides the curve: the recommended rate (how sure, why, whether a short run
// checked it), the short runs behind it, the curve rules and the divergence LR — so a CSV or PNG shared
// without the panel still says which rate to use and why. Pure (no DOM), so unit-tested in Node.
import { formatNumber } from '../../src/core/format';
import { LR_SUGGESTION_KINDS, type LrRecommendation, type LrResult } from '../../src/core/protocol';

type Field = string | number | undefined | null;

export const csvField = (value: Field) => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csvRow = (fields: Field[]) => fields.map(csvField).join(',');

/** "high confidence, checked by a short run" — the panel's wording, also used by the exports. */
export function recommendationBasis(rec: LrRecommendation): string {
  return `${rec.confidence} confidence, ${rec.basis === 'short-run' ? 'checked by a short run' : 'read off the curve'}`;
}

const usableRate = (rec: LrRecommendation) => rec.lr !== undefined && Number.isFinite(rec.lr) && rec.lr > 0;

/** One line for a caption: the rate and how sure it is, or that there is none. */
export function recommendationHeadline(rec: LrRecommendation): string {
  return usableRate(rec) ? `Recommended learning rate ${formatNumber(rec.lr!)} — ${recommendationBasis(rec)}` : 'No recommended learning rate';
}

/**
 * The sweep's answers as a table: the recommendation first (rate, confidence, basis, checked, why), then
 * each short run it was chosen from (held-out loss after checkSteps; empty loss = diverged), then the curve
 * rules with their spread over repeats, then the divergence LR. Rates are written in full precision.
 */
export function lrResultCsv(result: LrResult): string {
  const rows: Field[][] = [];
  const rec = result.recommendation;
  if (rec) {
    const checked = rec.basis === 'short-run';
    const winner = rec.checks?.find((c) => c.lr === rec.lr);
    rows.push(['recommended', usableRate(rec) ? rec.lr : undefined, rec.confidence, rec.basis, checked ? 'yes' : 'no', winner?.loss, rec.checkSteps, undefined, rec.why]);
    for (const run of [...(rec.checks ?? [])].sort((a, b) => a.lr - b.lr)) {
      rows.push(['short run', run.lr, undefined, 'short-run', 'yes', run.loss ?? 'diverged', rec.checkSteps, undefined, run.lr === rec.lr ? 'the recommended rate' : undefined]);
    }
    if (rec.ownRate) rows.push(['own rate', rec.ownRate.lr, undefined, 'short-run', 'yes', rec.ownRate.loss ?? 'diverged', rec.checkSteps, undefined, "the model's compiled rate, trained the same way (not a candidate)"]);
  }
  for (const kind of LR_SUGGESTION_KINDS) {
    const s = result.suggestions[kind];
    rows.push([kind, s?.lr, undefined, 'curve', 'no', undefined, undefined, s?.spreadDecades, s?.rule ?? 'no basis in this curve']);
  }
  if (result.divergenceLr !== undefined) {
    rows.push(['divergence', result.divergenceLr, undefined, 'curve', 'no', undefined, undefined, undefined, 'where the loss began the climb after which it stays above 2x its running minimum']);
  }
  const header = ['kind', 'lr', 'confidence', 'basis', 'checked_by_short_run', 'held_out_loss', 'check_steps', 'spread_decades', 'why'];
  return [header.join(','), ...rows.map(csvRow)].join('\n') + '\n';
}

/** Lines under the exported chart image: the recommendation and why (nothing before a result). */
export function lrPngCaption(result: LrResult | undefined): string[] {
  const rec = result?.recommendation;
  if (!rec) return [];
  return [recommendationHeadline(rec), rec.why];
}
