// Where and how a run's finding is shown — one answer for the editor's Problems panel (extension/diagnostics.ts), the
// CLI's text and its SARIF (cli/sarif.ts), so that what the editor lists is what `gradient-lens watch` prints.
import { isLayerSite, type CreationFrame, type FindingCode, type RelatedKind } from './protocol';
import type { ReportFinding, ReportRelated } from './report';
import { viaParts } from './layerPlacement';

export const REPOSITORY_URL = 'https://github.com/gradient-lens/gradient-lens';

/** The documentation page of a finding code (docs/rules/<code>.md in the repository). */
export function ruleDocUrl(code: FindingCode): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${code}.md`;
}

interface Located {
  name?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface FindingSite {
  file?: string;
  line?: number;
  column?: number;
  /** The finding names a layer that has no line (no user frame, or the line was deleted): shown nowhere in the file. */
  lineless?: boolean;
}

/** The finding's layer's line (the editor shifts it as the file is edited), else the finding's own location. */
export function findingSite(layers: readonly Located[], finding: Pick<ReportFinding, 'layer' | 'file' | 'line' | 'column'>): FindingSite {
  const layer = finding.layer ? layers.find((l) => l.name === finding.layer) : undefined;
  if (layer) return layer.file && layer.line !== undefined ? { file: layer.file, line: layer.line, column: layer.column } : { lineless: true };
  if (finding.file && finding.line !== undefined) return { file: finding.file, line: finding.line, column: finding.column };
  return {};
}

/**
 * What a related site is: a kind of protocol RELATED_KINDS, `layer` when it names a layer of the model, `helper` a line of
 * the user's helper that made the finding's layer (helperSites). SARIF carries it as the related location's `kind`.
 */
export type RelatedSiteKind = RelatedKind | 'layer' | 'helper';
export const relatedSiteKind = (r: { kind?: RelatedKind }): RelatedSiteKind => r.kind ?? 'layer';

/**
 * The related sites of a finding (its cause first, marked so): a layer at its layer's current line (the editor shifts
 * it), a line of the script (the inputs' line, the plan, a definition) at its own — by kind, never by name, so a layer
 * named `inputs` and the inputs' line are told apart.
 */
export function relatedSites(layers: readonly Located[], finding: Pick<ReportFinding, 'related' | 'cause'>): { layer: string; message: string; file: string; line: number; column?: number; kind: RelatedSiteKind }[] {
  const all: ReportRelated[] = [...(finding.cause ? [{ ...finding.cause, message: `cause: ${finding.cause.message}` }] : []), ...(finding.related ?? [])];
  return all.flatMap((r) => {
    const at = isLayerSite(r) ? layers.find((l) => l.name === r.layer) : undefined;
    const file = at?.file ?? r.file;
    const line = at ? at.line : r.line;
    return file && line !== undefined ? [{ layer: r.layer, message: `${r.layer}: ${r.message}`, file, line, column: at?.column ?? r.column, kind: relatedSiteKind(r) }] : [];
  });
}

/**
 * Where the user's helper made the finding's layer when the layer sits on the line that called the helper
 * (core/layerPlacement.ts): one site per helper frame, innermost first, each with the hover's words — "dense_1: made
 * by dense() at line 4" — in plain text (function names unquoted; another file by `displayPath`).
 */
export function helperSites(layers: readonly (Located & { via?: readonly CreationFrame[] })[], finding: Pick<ReportFinding, 'layer'>, displayPath?: (file: string) => string): { message: string; file: string; line: number; column?: number; kind: 'helper' }[] {
  const layer = finding.layer ? layers.find((l) => l.name === finding.layer) : undefined;
  if (!layer?.via?.length) return [];
  const parts = viaParts(layer.via, layer.file, displayPath, (name) => name);
  return layer.via.map((frame, i) => ({ message: `${layer.name}: ${parts[i]}`, file: frame.file, line: frame.line, column: frame.column, kind: 'helper' as const }));
}

/** A finding's text: its message, and for a watched run the step its condition began unless the message names it. */
export function findingText(finding: Pick<ReportFinding, 'message' | 'step'>, watch: boolean): string {
  return watch && finding.step !== undefined && !finding.message.includes(`step ${finding.step}`) ? `${finding.message} (from step ${finding.step})` : finding.message;
}
