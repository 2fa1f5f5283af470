// Where an LR to apply came from, and whether applying it is sound: Apply carries the sweep that produced
// the rate (file version, export, optimizer, data source, complete or partial, the compile() call it
// swept), and the host refuses when the rate cannot belong to the user's optimizer and warns when it was
// measured on something other than what the file is now. Pure: the host hashes files and asks the user.
import type { LrReport } from './lrReport';
import type { SourceLocation } from './protocol';

export interface LrProvenance {
  /** The swept file and a hash of its text as the runner loaded it. */
  file: string;
  fileHash: string;
  /** The file holding the swept model's compile() (often the swept file) and its hash then. */
  compileLocation?: SourceLocation;
  compileFileHash?: string;
  exportName?: string;
  optimizer?: string;
  /** Set when the model's optimizer was not one the sweep can drive and it used plain SGD. */
  optimizerNote?: string;
  dataSource?: 'fit' | 'sampleBatch' | 'synthetic';
  /** False when the sweep was cancelled or timed out: the curve is partial. */
  complete: boolean;
  reason?: string;
  /** Which number is applied: the recommendation or one of the curve rules. */
  rule: string;
  confidence?: string;
}

/** The provenance of `rule`'s rate in a finished sweep's report. */
export function provenanceOf(report: LrReport, hashes: { file: string; compileFile?: string }, rule: string): LrProvenance {
  const result = report.result;
  return {
    file: report.file,
    fileHash: hashes.file,
    compileLocation: report.compileLocation,
    compileFileHash: hashes.compileFile,
    exportName: report.exportName,
    optimizer: report.optimizer,
    optimizerNote: report.optimizerNote,
    dataSource: report.dataSource,
    complete: !!result && result.reason !== 'cancelled' && result.reason !== 'timeout',
    reason: result?.reason,
    rule,
    confidence: rule === 'recommended' ? result?.recommendation?.confidence : undefined,
  };
}

export interface ApplyVerdict {
  /** Set when the rate must not be written: why, and what to do instead. */
  refuse?: string;
  /** Shown with the proposed edit: the user decides. */
  warnings: string[];
}

/**
 * Judges applying a rate with this provenance to files whose current hashes are `now` (by path).
 * No provenance (the command called without a sweep of the file) only warns.
 */
export function judgeApply(provenance: LrProvenance | undefined, now: (file: string) => string | undefined): ApplyVerdict {
  if (!provenance) return { warnings: ['no sweep of this file in this session produced the rate: its origin is unknown'] };
  if (provenance.optimizerNote) {
    return {
      refuse: `the sweep could not drive the model's own optimizer and trained plain SGD instead, so the rate is SGD's, not your optimizer's (${provenance.optimizerNote}) Set the rate by hand, or use one of the supported optimizers and sweep again.`,
      warnings: [],
    };
  }
  if (provenance.rule === 'recommended' && provenance.confidence === 'none') {
    return { refuse: 'the sweep recommended no learning rate (see its reason in the panel).', warnings: [] };
  }
  const warnings: string[] = [];
  const base = (file: string) => file.split(/[\\/]/).pop();
  if (now(provenance.file) !== provenance.fileHash) warnings.push(`${base(provenance.file)} changed since the sweep: the rate was measured on the earlier version`);
  const compileFile = provenance.compileLocation?.file;
  if (compileFile && compileFile !== provenance.file && provenance.compileFileHash !== undefined && now(compileFile) !== provenance.compileFileHash) {
    warnings.push(`${base(compileFile)} (where the model is compiled) changed since the sweep`);
  }
  if (provenance.dataSource === 'synthetic') warnings.push('the sweep ran on synthetic data with random labels: it shows where training diverges, not a rate that learns your data');
  if (!provenance.complete) warnings.push(`the sweep was ${provenance.reason === 'timeout' ? 'stopped by its timeout' : 'cancelled'}: the curve is partial`);
  if (provenance.rule === 'recommended' && provenance.confidence === 'low') warnings.push('the recommendation has low confidence (see why in the panel)');
  if (provenance.rule !== 'recommended') warnings.push(`this is the ${provenance.rule} curve rule's rate, not the recommendation checked by training`);
  return { warnings };
}
