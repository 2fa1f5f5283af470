// The static source readers (@babel/parser and core/lint, bundled as dist/sourceTools.js beside the runner), loaded on
// first use: a profile that never needs to read its source pays nothing. One loader for every runner module that does.
import * as path from 'node:path';
import type * as SourceTools from '../core/sourceTools';

let tools: typeof SourceTools | undefined;

/** The bundle's exports; throws when the bundle is not beside the runner (callers keep the locations they had). */
export function sourceTools(): typeof SourceTools {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling bundle by path, loaded on first use
  tools ??= require(path.join(__dirname, 'sourceTools.js')) as typeof SourceTools;
  return tools;
}
