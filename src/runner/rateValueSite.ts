// Where the learning rate is written: a finding about the rate belongs on the line a user edits to change it. That is
// the tf.train.*() call when the number is written in it, else the constant it reads (`const LEARNING_RATE = 0.5` …
// `tf.train.sgd(LEARNING_RATE)`), resolved statically as the LR finder's Apply edit resolves it (core/lrEdit.ts).
// The parser (@babel/parser, in the sibling bundle dist/sourceTools.js) is loaded only when the call's line passes
// a name where the rate goes: a rate written as a number there costs nothing.
import * as fs from 'node:fs';
import type { SourceLocation } from '../core/protocol';
import { sourceTools } from './sourceToolsBundle';

/** `.sgd(NAME` / `.adam( cfg.lr`: the first argument of a call on the line starts with a name, not a number. */
const NAMED_FIRST_ARGUMENT = /\.\s*\w+\s*\(\s*[A-Za-z_$]/;

export function learningRateSite(optimizerSite: SourceLocation | undefined): SourceLocation | undefined {
  if (!optimizerSite) return undefined;
  try {
    const text = fs.readFileSync(optimizerSite.file, 'utf8');
    if (!NAMED_FIRST_ARGUMENT.test(text.split(/\r?\n/)[optimizerSite.line - 1] ?? '')) return optimizerSite;
    const value = sourceTools().learningRateValueSite(text, optimizerSite.file, optimizerSite.line);
    return value ? { file: optimizerSite.file, ...value } : optimizerSite;
  } catch {
    return optimizerSite; // unreadable, or no parser beside the runner: the call's line is still right
  }
}
