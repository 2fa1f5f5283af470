// Where the data given to fit() and the loss given to compile() were defined, for the related locations of the
// findings that sit where they were consumed (core/originSites.ts). Read statically from the file that made them
// (core/valueOrigins.ts). The parser (@babel/parser, in the sibling bundle dist/sourceTools.js, as
// rateValueSite.ts loads it) is loaded only when a site is in a readable file; any failure leaves the sites as
// they were: an origin is an addition, never needed for a finding to be placed.
import * as fs from 'node:fs';
import type { DataLocations, SourceLocation, SourceOrigin } from '../core/protocol';
import { sourceTools } from './sourceToolsBundle';

/** One read per file per run: the data lines and compile() are usually in one file. */
function reader(): (file: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) {
      try {
        texts.set(file, fs.readFileSync(file, 'utf8'));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
}

/** The data locations with, per input and target, the definitions its creating call read. */
export function withValueOrigins(data: DataLocations | undefined): DataLocations | undefined {
  if (!data || (!data.inputs?.length && !data.targets?.length)) return data;
  try {
    const read = reader();
    const originsOf = (site: SourceLocation): SourceOrigin[] => {
      const text = read(site.file);
      if (text === undefined) return [];
      return sourceTools().valueOrigins(text, site.file, site).map((o) => ({ file: site.file, ...o }));
    };
    const inputOrigins = data.inputs?.map(originsOf);
    const targetOrigins = data.targets?.map(originsOf);
    const any = [...(inputOrigins ?? []), ...(targetOrigins ?? [])].some((o) => o.length > 0);
    return any ? { ...data, ...(inputOrigins ? { inputOrigins } : {}), ...(targetOrigins ? { targetOrigins } : {}) } : data;
  } catch {
    return data; // no parser beside the runner, or a file it cannot parse: the tensors' own lines stand
  }
}

/** Where the loss the compile() call at `compile` passes by name is defined, when it is a function in that file. */
export function lossDefinitionOf(compile: SourceLocation | undefined): SourceOrigin | undefined {
  if (!compile) return undefined;
  try {
    const text = fs.readFileSync(compile.file, 'utf8');
    // Cheap gate: a compile() whose loss is a string or written inline has nothing to resolve.
    if (!/\bloss\s*[,}]|\bloss\s*:\s*[A-Za-z_$][\w$]*\s*[,}]/.test(text)) return undefined;
    const site = sourceTools().lossDefinitionSite(text, compile.file, compile.line);
    return site && { file: compile.file, ...site };
  } catch {
    return undefined;
  }
}
