import * as path from 'path';
import type * as SourceTools from '../core/sourceTools';

let loaded: typeof SourceTools | undefined;
/**
 * dist/sourceTools.js (built from src/core/sourceTools), required on first use: compiling @babel/parser
 * with the extension would roughly double its activation time.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling bundle by path, loaded on first use
export const loadSourceTools = (): typeof SourceTools => (loaded ??= require(path.join(__dirname, 'sourceTools.js')) as typeof SourceTools);
