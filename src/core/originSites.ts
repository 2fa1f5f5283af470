// A finding that sits where a value was consumed also points at where it was made. A data finding sits on the line
// that made the tensor given to fit(), a loss-function finding on compile(); the edit that fixes them is often one
// statement earlier — where the targets were multiplied, the labels shuffled, the rows subsampled, the loss written.
// Those definitions (runner/valueOriginSites.ts reads them with core/valueOrigins.ts) become related locations, which
// the hover, the Problems panel and SARIF show beside the finding's own line (core/findingSites.ts).
import { isLayerSite, type DataLocations, type Finding, type FindingCode, type RelatedLayer, type SourceLocation, type SourceOrigin } from './protocol';

/** Findings that judge the loss function itself (its reduction, its axis, a log it takes): its definition is the fix. */
const ABOUT_THE_LOSS_FUNCTION: ReadonlySet<FindingCode> = new Set(['loss-function', 'nan-prone-loss']);
/** A finding about how inputs and targets are paired: either side's making may be where they came apart. */
const ABOUT_THE_PAIRING: ReadonlySet<FindingCode> = new Set(['labels-unrelated']);

/** A non-finite finding whose NaN/Inf first appeared in the loss (profile and watch both give it the phase `loss`). */
const firstInTheLoss = (finding: Finding) => finding.code === 'non-finite' && finding.phase === 'loss';

const sameSite = (a: SourceLocation, b: SourceLocation) =>
  a.file === b.file && a.line === b.line && (a.column === undefined || b.column === undefined || a.column === b.column);

function related(origin: SourceOrigin, why: string): RelatedLayer {
  const { name, ...location } = origin;
  return { layer: `\`${name}\``, location, message: why, kind: 'definition' };
}

/**
 * The origins of the tensors a finding points at: the data site it sits on, or one it relates as where the fix goes
 * (unscaled-input sits on the first layer that reads the inputs and relates the line that made them: they were made
 * from the same definitions either way). Else none.
 */
function dataOrigins(finding: Finding, data: DataLocations): RelatedLayer[] {
  // By location only: labels-unrelated names the output layer too (for its hover) while it sits on the targets' line.
  const at = finding.location;
  // Layers and the data's tensor sites (kinds `inputs`, `targets`) are where data is consumed; calls and the plan's
  // fit() (also the inputs' site when no line made them) and the origins already added are not data sites.
  const shown = [...(at ? [at] : []), ...(finding.related ?? []).flatMap((r) => (r.location && (isLayerSite(r) || r.kind === 'inputs' || r.kind === 'targets') ? [r.location] : []))];
  if (!shown.length) return [];
  const pick = (sites: readonly SourceLocation[] | undefined, origins: readonly (readonly SourceOrigin[])[] | undefined, all: boolean) =>
    (sites ?? []).flatMap((site, i) => (all || shown.some((s) => sameSite(site, s)) ? (origins?.[i] ?? []).map((o) => ({ o, site })) : []));
  const pairing = ABOUT_THE_PAIRING.has(finding.code) && at !== undefined && [...(data.inputs ?? []), ...(data.targets ?? [])].some((s) => sameSite(s, at));
  const inputs = pick(data.inputs, data.inputOrigins, pairing).map(({ o, site }) => related(o, `defined here: the inputs given to fit() (line ${site.line}) are made from it`));
  const targets = pick(data.targets, data.targetOrigins, pairing).map(({ o, site }) => related(o, `defined here: the targets given to fit() (line ${site.line}) are made from it`));
  return [...inputs, ...targets];
}

/** Adds each finding's origins as related locations (deduplicated by line; those already on the finding's line dropped). */
export function withOriginSites(findings: readonly Finding[], context: { dataLocations?: DataLocations; compileLocation?: SourceLocation; lossDefinition?: SourceOrigin }): Finding[] {
  const { dataLocations, compileLocation, lossDefinition } = context;
  return findings.map((finding) => {
    const origins = dataLocations ? dataOrigins(finding, dataLocations) : [];
    if (lossDefinition && compileLocation && finding.location && sameSite(finding.location, compileLocation)) {
      if (ABOUT_THE_LOSS_FUNCTION.has(finding.code)) origins.push(related(lossDefinition, 'defined here: the loss function compile() is given, which this finding judges'));
      // A NaN/Inf first seen in the loss while every layer's output was finite: the loss function made it (a log of 0,
      // a division by 0), so its definition is where to look.
      else if (firstInTheLoss(finding)) origins.push(related(lossDefinition, 'defined here: the loss function compile() is given, where the NaN/Inf first appeared'));
    }
    const fresh = origins.filter((o, i) => o.location!.line !== finding.location?.line && origins.findIndex((p) => p.location!.file === o.location!.file && p.location!.line === o.location!.line) === i);
    return fresh.length ? { ...finding, related: [...(finding.related ?? []), ...fresh] } : finding;
  });
}
