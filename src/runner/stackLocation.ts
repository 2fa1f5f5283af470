// The user's location in an error stack. Stacks are already source-mapped (setSourceMapsEnabled), so
// the first frame outside node_modules, Node internals and this runner is a line of the user's file.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../core/protocol';

// The path must start right after "at " or "(": otherwise "node:internal/modules/esm/resolve:283:11" matched
// as the user file "/modules/esm/resolve".
const FRAME = /(?:^\s+at |\()((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/;
/** V8 prints "file:line" as the first line of a SyntaxError raised while compiling a file. */
const SYNTAX_HEADER = /^((?:file:\/\/)?\/[^:]+):(\d+)\s*$/;

/**
 * V8 keeps 10 frames by default. An error raised while Node resolves a package's require() spends them
 * all inside Node's loader, this runner's resolve hook and the package (ERR_PACKAGE_PATH_NOT_EXPORTED:
 * exportsNotFound … Module._load … the package's index.js) before reaching the user's `require` line,
 * so the failure had no location. Deep tfjs stacks (a layer's call inside fit) do the same.
 */
export const USER_FRAME_DEPTH = 60;

export function keepUserFramesInStacks(): void {
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, USER_FRAME_DEPTH);
}

function isUserPath(file: string): boolean {
  return !file.includes(`${path.sep}node_modules${path.sep}`) && !file.startsWith(__dirname + path.sep);
}

export function locationFromStack(stack: string | undefined, syntax: boolean): SourceLocation | undefined {
  if (!stack) return undefined;
  const lines = stack.split('\n');
  const toFile = (f: string) => (f.startsWith('file://') ? fileURLToPath(f) : f);
  if (syntax) {
    const header = SYNTAX_HEADER.exec(lines[0]);
    if (header && isUserPath(toFile(header[1]))) {
      const caret = lines.slice(1, 4).find((l) => /^\s*\^/.test(l));
      return { file: toFile(header[1]), line: Number(header[2]), column: caret ? caret.indexOf('^') + 1 : 1 };
    }
  }
  for (const line of lines) {
    if (!/^\s+at /.test(line)) continue;
    const m = FRAME.exec(line);
    if (m && isUserPath(toFile(m[1]))) return { file: toFile(m[1]), line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}
