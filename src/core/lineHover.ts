// Hover Markdown for lines that made no layer (core/presentation.ts hoverMarkdown covers those that did): a finding
// that sits on the line that made the inputs, on compile() or on fit() — a NaN already in the batch, a loss that turned
// NaN — and, on the model's line, the checks after the profiled steps that stopped before they decided. The hover
// says what the Problems panel and the CLI say (core/findingSites.ts, core/probeStops.ts).
import type { FindingCode, ProbeStop } from './protocol';
import type { ReportFinding } from './report';
import { isLayerSite } from './protocol';
import { mdEscape } from './presentation';
import { probeStopSections } from './probeStops';

/** Markdown for the findings that sit on a line no layer was made on, each with the lines of the script it involves. */
export function lineFindingsMarkdown(findings: readonly ReportFinding[], ruleUrl: (code: FindingCode) => string, watch: boolean): string {
  const out: string[] = [];
  for (const f of findings) {
    const when = watch && f.step !== undefined && !f.message.includes(`step ${f.step}`) ? ` (from step ${f.step})` : '';
    out.push(`**${f.severity}** ([${f.code}](${ruleUrl(f.code)})): ${mdEscape(f.message)}${when}`, '');
    for (const r of f.related ?? []) {
      if (r.line === undefined) continue;
      out.push(`- ${isLayerSite(r) ? 'also' : 'see'} ${mdEscape(r.layer)} (line ${r.line}): ${mdEscape(r.message)}`);
    }
    if (f.related?.some((r) => r.line !== undefined)) out.push('');
  }
  return out.join('\n').trim();
}

/** Markdown for the model line: the checks not made, and those made on fewer steps, in the CLI's words. */
export function probeStopsMarkdown(stops: readonly ProbeStop[], backend: string | undefined): string {
  return probeStopSections(stops, backend)
    .map((section) => [`**${section.title}** (checks after the profiled steps):`, '', ...section.texts.map((text) => `- ${mdEscape(text)}`)].join('\n'))
    .join('\n\n');
}
