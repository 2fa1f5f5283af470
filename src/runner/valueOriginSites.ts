// Where the data given to fit() and the loss given to compile() were defined, for the related locations of the
// findings that sit where they were consumed (core/originSites.ts). Read statically from the file that made them
// (core/valueOrigins.ts). The parser (@babel/parser, in the sibling bundle dist/sourceTools.js, as
// rateValueSite.ts loads it) is loaded only when a site is in a readable file; any failure leaves the sites as
// they were: an origin is an addition, never needed for a finding to be placed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { DataLocations, SourceLocation, SourceOrigin } from '../core/protocol';
import type * as SourceTools from '../core/sourceTools';
import { sourceTools } from './sourceToolsBundle';

type Tools = Pick<typeof SourceTools, 'parseForOrigins' | 'valueOriginsIn' | 'lossDefinitionSiteIn'>;

/** Files kept parsed at once: a profile's data and compile() lie in one or a few files, each asked several times. */
const PARSED_FILES = 8;

/**
 * One profile's parsed source files: each data site and the compile() call ask of their file, and a file is parsed
 * once however many sites it holds. Keyed by path and content hash (a file rewritten while the run reads it is parsed
 * again); the oldest file is dropped beyond `limit`. `tools` is the bundle's (injectable for tests).
 */
export class ParsedSources {
  private readonly parsed = new Map<string, SourceTools.ParsedSource | undefined>();

  constructor(
    private readonly tools: () => Tools = sourceTools,
    private readonly limit = PARSED_FILES,
  ) {}

  /** The file parsed, or undefined when it cannot be read or parsed. Throws when the bundle cannot be loaded. */
  private parse(file: string, text?: string): SourceTools.ParsedSource | undefined {
    const source = text ?? readText(file);
    if (source === undefined) return undefined;
    const key = `${file}\u0000${createHash('sha1').update(source).digest('hex')}`;
    if (this.parsed.has(key)) return this.parsed.get(key);
    const parsed = this.tools().parseForOrigins(source, file);
    this.parsed.set(key, parsed);
    if (this.parsed.size > this.limit) this.parsed.delete(this.parsed.keys().next().value!);
    return parsed;
  }

  /** The data locations with, per input and target, the definitions its creating call read. */
  withValueOrigins(data: DataLocations | undefined): DataLocations | undefined {
    if (!data || (!data.inputs?.length && !data.targets?.length)) return data;
    try {
      const originsOf = (site: SourceLocation): SourceOrigin[] => {
        const parsed = this.parse(site.file);
        return parsed ? this.tools().valueOriginsIn(parsed, site).map((o) => ({ file: site.file, ...o })) : [];
      };
      const inputOrigins = data.inputs?.map(originsOf);
      const targetOrigins = data.targets?.map(originsOf);
      const any = [...(inputOrigins ?? []), ...(targetOrigins ?? [])].some((o) => o.length > 0);
      return any ? { ...data, ...(inputOrigins ? { inputOrigins } : {}), ...(targetOrigins ? { targetOrigins } : {}) } : data;
    } catch {
      return data; // no parser beside the runner: the tensors' own lines stand
    }
  }

  /** Where the loss the compile() call at `compile` passes by name is defined, when it is a function in that file. */
  lossDefinitionOf(compile: SourceLocation | undefined): SourceOrigin | undefined {
    if (!compile) return undefined;
    try {
      const text = readText(compile.file);
      // Cheap gate: a compile() whose loss is a string or written inline has nothing to resolve.
      if (text === undefined || !/\bloss\s*[,}]|\bloss\s*:\s*[A-Za-z_$][\w$]*\s*[,}]/.test(text)) return undefined;
      const parsed = this.parse(compile.file, text);
      const site = parsed && this.tools().lossDefinitionSiteIn(parsed, compile.line);
      return site && { file: compile.file, ...site };
    } catch {
      return undefined;
    }
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
