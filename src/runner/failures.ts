// Every way a run can fail, said in the user's terms with the next step: the user's own code (while
// loading, in its async code after loading, or inside a layer while profiling) with its file:line and a
// plain cause for the frequent system errors (a missing data file, a failed download, invalid JSON), and
// failures inside TensorFlow.js with the version and backend that ran and what to try instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { ErrorKind, RunnerError, SourceLocation } from '../core/protocol';
import { DiscoveryError } from './discovery';
import { UserSyntaxError } from './moduleLoader';
import { RunnerSetupError } from './tfjsResolve';
import { locationFromStack } from './stackLocation';
import { commonJsNamedImportCause, unresolvedImportCause } from './importFailures';
import { missingPackageCause } from './missingPackages';
import { removedApiHint } from '../core/tfjsRenames';
import { missingNativeApiHint } from './nativeApi';
import { absentReadNote, lfsPointerNote } from './lfsPointers';
import { isErrorHeadline } from '../core/errorHeadline';
import { browserGlobalCause } from './browserGlobals';
import { frameworkGlobalCause } from './frameworkGlobals';
import { NonJavaScriptModule, urlImportCause } from './nonJsModules';

let outputTail = '';
/** Where the output printed after the module finished loading starts (in the running total). */
let written = 0;
let loadedAt: number | undefined;
/** Where the user's own code starts printing (its module's load): what tfjs printed while it loaded is not the script's. */
let userFrom: number | undefined;
/** The last write that printed something (one console.log call is one write) and where it started in the total. */
let lastWrite = { text: '', at: 0 };

/** Keeps the end of what the user's code prints: an early exit is explained by its last line (argparse's "error: …"). */
export function keepOutputTail(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const raw = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      // Colour codes (the colors and chalk packages) style a terminal; the output quoted in a message is read as
      // text, where they show as "[33m--train[39m" (bench/realworld batch 10: dino).
      const text = stripVTControlCharacters(raw);
      outputTail = (outputTail + text).slice(-4096);
      if (text.trim()) lastWrite = { text: text.slice(-4096), at: written };
      written += text.length;
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

/** From now on the output quoted with a failure of the user's code is only what that code printed. */
export function markUserCodeStart(): void {
  userFrom = written;
}

/** From now on lastOutputSaid(true) quotes only what the user's code prints on its own, after loading. */
export function markModuleLoaded(): void {
  loadedAt = written;
}

function lastOutputLine(afterLoad = false): string | undefined {
  const since = afterLoad ? (loadedAt === undefined ? 0 : Math.max(0, outputTail.length - (written - loadedAt))) : 0;
  const lines = outputTail.slice(since).split('\n').map((l) => l.trim()).filter(Boolean);
  let line = lines.pop();
  // console.error(error) prints the headline, the stack frames and, for system errors, "{ errno, code,
  // syscall, path }": the last line is then "}" or a frame, and the headline is what the script said.
  if (line !== undefined && (line === '}' || /^at /.test(line))) {
    const headline = lines.reverse().find(isErrorHeadline);
    if (headline) line = headline;
  } else if (line !== undefined) line = wholeMessage(line, afterLoad) ?? line;
  return line && line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * The whole of the last message when it spans a few lines: console.log(`Data file ${f} does not exist.
 *   Please see the README…`) is one message, and its last line alone ("Please see the README…") leaves out the
 * file it is about (bench/realworld batch 8: aevae).
 */
function wholeMessage(lastLine: string, afterLoad: boolean): string | undefined {
  if (afterLoad && loadedAt !== undefined && lastWrite.at < loadedAt) return undefined;
  const lines = lastWrite.text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2 || lines.length > 4 || lines[lines.length - 1] !== lastLine) return undefined;
  return lines.join(' ');
}

/** True when the script's last words were an error it printed (its headline). */
function lastOutputIsError(): boolean {
  return isErrorHeadline(lastOutputLine() ?? '');
}

/** The script's last output line, quoted as the likely cause of an early end (a caught error it printed). */
export function lastOutputSaid(afterLoad = false): string {
  const last = lastOutputLine(afterLoad);
  return last ? ` Its last output: "${last}".` : '';
}

/** Stack frames and the closing brace of an inspected error: the shape of an error, not words the script chose. */
const NOT_WORDS = /^(at .*|\}|\{)$/;

/**
 * The last few lines the user's code printed, quoted with a failure whose error alone says what failed but not
 * why: tf.stack of an empty list, while the script's own output just before says "0 Files Found" (bench/realworld
 * batch 9: omni). Test runners do the same for a failing test (pytest's "Captured stdout call").
 */
export function printedBeforeFailure(maxLines = 3): string {
  const since = userFrom === undefined ? 0 : Math.max(0, outputTail.length - (written - userFrom));
  const lines = outputTail
    .slice(since)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !NOT_WORDS.test(l))
    .slice(-maxLines)
    .map((l) => (l.length > 120 ? `${l.slice(0, 120)}…` : l));
  if (!lines.length) return '';
  return ` Its last output before the failure: "${lines.join(' | ')}" — if that says why (a folder or file it found empty or missing, a value it could not read), fix that and run again.`;
}

/** The user's failing line as written ("encode.mjs:79: const X = tf.stack(XS)"), shown under the message. */
export function sourceLineAt(location: SourceLocation | undefined): string | undefined {
  if (!location) return undefined;
  let text: string | undefined;
  try {
    text = fs.readFileSync(location.file, 'utf8').split('\n')[location.line - 1]?.trim();
  } catch {
    return undefined; // a frame of a file that is gone (an evaluated string, a deleted temp file)
  }
  if (!text) return undefined;
  return `${path.basename(location.file)}:${location.line}: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
}

/** A training call in source text: `model.fit(`, `.fitDataset(`, `.trainOnBatch(` (not in a line comment). */
const TRAINING_CALL = /^(?!\s*\/\/).*?\.(fit|fitDataset|trainOnBatch)\s*\(/;

/**
 * When a program ends without training although its own file calls fit(): the line it never reached.
 * A promise it awaited never settled (a database client that never connects, an event that never fires) or
 * it returned early: the user's own run ends just as silently (bench/realworld batch 3: a PostgreSQL query).
 */
export function unreachedTrainingCall(file: string | undefined): string {
  if (!file) return '';
  let lines: string[];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return '';
  }
  const index = lines.findIndex((l) => TRAINING_CALL.test(l));
  if (index < 0) return '';
  const call = TRAINING_CALL.exec(lines[index])![1];
  return ` Its ${call}() call at ${path.basename(file)}:${index + 1} was never reached: something the program waited for (a database query, a download, an event) never finished, or it returned before training.`;
}

/**
 * A relative file path the line names that is not on disk: a script that checks for its data file and exits
 * says so in its own words ("Data File: dataset/train-images-idx3-ubyte does not exist."), not as an error.
 */
function absentFileNamed(line: string): string | undefined {
  for (const token of line.match(/[\w.@-]*\/[\w./@-]*[\w@-]/g) ?? []) {
    if (token.startsWith('/') || /^\.*$/.test(token)) continue;
    try {
      if (!fs.existsSync(path.resolve(token))) return token;
    } catch {
      // an unreadable path says nothing either way
    }
  }
  return undefined;
}

/**
 * The long options (GNU style, `--name`) a script's last words name when it ran with an empty command line:
 * "Please provide an argument: --train or --play" then exit() — a usage message, whatever the exit code
 * (bench/realworld batch 10: dino exits with 0). Empty when the script had arguments.
 */
function optionsAskedFor(line: string): string[] {
  if (process.argv.length > 2) return [];
  return [...new Set(line.match(/(?<![\w-])--[a-z][\w-]*/gi) ?? [])].slice(0, 4);
}

export class UserExit extends Error {
  constructor(readonly code: number | undefined, readonly location: SourceLocation | undefined) {
    // A non-zero exit before the model exists is most often argparse/yargs/commander rejecting the command line;
    // exit(0) most often follows an error the script caught and printed (a database it could not reach).
    const said = lastOutputSaid();
    const absent = code ? absentFileNamed(lastOutputLine() ?? '') : undefined;
    const options = code ? [] : optionsAskedFor(lastOutputLine() ?? '');
    const hint = !code
      ? options.length
        ? ` It names ${options.join(' and ')} and was given no arguments: pass the one you mean with --script-args (e.g. --script-args="${options[0]}"; VS Code: Edit model export and arguments).`
        : ''
      : lastOutputIsError()
        ? ' That error is the likely cause: fix it and run again.'
        : absent
          ? ` It names ${absent}, which does not exist here (relative to ${process.cwd()}): the likely cause — create or download it as the project says (its README or a download script), then run again.`
          : ' If it rejected its command line, give its arguments with --script-args (VS Code: Edit model export and arguments).';
    super(`The model file called process.exit(${code ?? ''}) before profiling finished.${said}${hint}`);
  }
}

/** What ran, for messages about failures inside TensorFlow.js (set once tfjs is loaded). */
export const runtime: { tfjsVersion?: string; backend?: string; modelFile?: string; tfjsReason?: string } = {};

/**
 * When the failure happened: `load` = the module threw while it was being loaded; `async` = the user's
 * code failed later on its own (an unhandled rejection / uncaught exception before the model was found);
 * `building` = while calling the factory or training entry, or preparing its data; `profile` / `sweep` =
 * while measuring.
 */
export type FailurePhase = 'load' | 'async' | 'building' | 'profile' | 'sweep' | 'gradcheck' | 'watch';

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

type SystemError = Error & { code?: string; path?: string; hostname?: string; address?: string; port?: number | string; cause?: unknown };

/**
 * Node resolves a relative file path against the working directory, not the script's folder. A course
 * script that reads '../data/cars.csv' was run by its author from its own folder; profiled from the project
 * root the path misses. When the file is there relative to the script's folder, say so: the next step is to
 * run from that folder.
 */
function besideTheScript(missing: string, cwd: string): string {
  const script = runtime.modelFile;
  if (!script || path.isAbsolute(missing) || path.resolve(path.dirname(script)) === path.resolve(cwd)) return '';
  const candidate = path.resolve(path.dirname(script), missing);
  if (!fs.existsSync(candidate)) return '';
  const folder = path.relative(cwd, path.dirname(script)) || '.';
  return ` It exists relative to the script's own folder (${folder}): the script expects to run from there — run Gradient Lens from ${folder} (cd ${folder}), or make the path relative to __dirname.`;
}

function refusedAt(e: SystemError): { host: string; port: string } | undefined {
  if (e.address && e.port) return { host: e.address, port: String(e.port) };
  const m = /\bconnect ECONNREFUSED (\S+):(\d+)\b/.exec(e.message);
  return m ? { host: m[1], port: m[2] } : undefined;
}

function hostInMessage(message: string): string | undefined {
  const url = /\brequest to (https?:\/\/\S+) failed\b/.exec(message)?.[1];
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}

/** The cause in plain words and the next step, for the system errors real scripts hit most. */
export function knownCause(error: unknown, cwd = process.cwd()): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as SystemError;
  const cause = (e.cause instanceof Error ? e.cause : undefined) as SystemError | undefined;
  const code = e.code ?? cause?.code;
  if (code === 'ENOENT' && e.path) {
    const where = path.isAbsolute(e.path) ? '' : ` (relative paths resolve from ${cwd})`;
    return `Data file not found: ${e.path}${where}.${besideTheScript(e.path, cwd)} Put the file there or fix its path in the script; if the script takes the path as an argument, pass it with --script-args (VS Code: Edit model export and arguments).`;
  }
  if ((code === 'EACCES' || code === 'EPERM') && e.path) return `Permission denied: the script cannot read ${e.path}. Check the file's permissions.`;
  if (code === 'ECONNREFUSED') {
    // connect(2)'s ECONNREFUSED: the host answered and nothing listens on that port — on a loopback address, a
    // server on this machine (a development server serving the data) is not running. Node puts address and port on
    // the error; request(-promise) wraps it and keeps only its text.
    const at = refusedAt(e) ?? (cause ? refusedAt(cause) : undefined);
    if (at) {
      const local = /^(127\.|::1$|localhost$)/.test(at.host) ? ', on this machine: the server the script downloads from (a development server, say) is not running' : '';
      return `Download failed: nothing accepted the connection at ${at.host}:${at.port} (ECONNREFUSED) — no server listens on that port${local}. Start it first, or point the script at a local copy of the data.`;
    }
  }
  if (code && NETWORK_CODES.has(code)) {
    // node-fetch 2's FetchError carries the URL only in its message ("request to https://… failed, reason: …").
    const host = e.hostname ?? cause?.hostname ?? hostInMessage(e.message);
    return `Download failed: ${host ? `${host} could not be reached` : 'the network request failed'} (${code}). The script fetches data over the network: check the connection and the URL, or point the script at a local copy of the data.`;
  }
  if (e.message === 'fetch failed') return `Download failed: ${cause?.message ?? 'fetch failed'}. The script fetches data over the network: check the connection and the URL, or point the script at a local copy of the data.`;
  const browserGlobal = browserGlobalCause(error);
  if (browserGlobal) return browserGlobal;
  const frameworkGlobal = frameworkGlobalCause(error, runtime.modelFile ? path.dirname(runtime.modelFile) : cwd);
  if (frameworkGlobal) return frameworkGlobal;
  if (error instanceof SyntaxError && /\bat JSON\.parse\b/.test(e.stack ?? '')) return `Invalid JSON: ${e.message}. The script parses a file or response that is not valid JSON.`;
  return undefined;
}

/** The cause alone: the known cause in plain words, else the error's own message. */
export function causeOf(error: unknown): string {
  return knownCause(error) ?? (error instanceof Error ? error.message : String(error));
}

const PHASE_WORDS: Record<Exclude<FailurePhase, 'load'>, string> = {
  async: 'The model file’s code failed after loading',
  building: 'The model file’s code failed while building the model or its data',
  profile: 'The model’s own code failed while profiling',
  sweep: 'The model’s own code failed during the learning-rate sweep',
  gradcheck: 'A custom layer’s code failed during the gradient check',
  watch: 'The script’s training failed',
};

/** A failure inside TensorFlow.js: which tfjs and backend, and what to try. */
function insideTfjs(raw: string, phase: FailurePhase): { kind: ErrorKind; message: string } {
  const message = raw.replace(/\.\s*$/, '');
  const noGradient = /gradient function not found for (\w+)/.exec(message);
  if (noGradient) {
    // The model's choice, not a fault of TensorFlow.js or of this tool.
    const text = `The model uses ${noGradient[1]}, an op without a gradient in TensorFlow.js: no layer before it can be trained or profiled. Replace it with a differentiable op (in a custom layer: its call()), or apply it outside the model.`;
    return { kind: 'user-error', message: text };
  }
  const doing =
    phase === 'sweep'
      ? 'during the learning-rate sweep'
      : phase === 'profile'
        ? 'while computing gradients'
        : phase === 'gradcheck'
          ? 'during the gradient check'
          : phase === 'watch'
            ? 'during the script’s training'
            : 'while building the model or its data';
  const ran = runtime.tfjsVersion ? `TensorFlow.js ${runtime.tfjsVersion} on the ${runtime.backend ?? '?'} backend` : 'TensorFlow.js';
  const other = runtime.backend === 'cpu' ? 'wasm' : 'cpu';
  return {
    kind: 'internal',
    message: `${ran} failed ${doing}: ${message}. Some layers and ops fail on some backends and versions: try --backend ${other} (VS Code: gradientLens.backend). If it persists, report it with the model file.`,
  };
}

export function classify(error: unknown, phase: FailurePhase): RunnerError {
  const stack = error instanceof Error ? error.stack : undefined;
  if (error instanceof UserSyntaxError) return { type: 'error', kind: 'syntax', message: error.message, location: error.location };
  if (error instanceof UserExit) return { type: 'error', kind: 'user-exit', message: error.message, location: error.location };
  if (error instanceof DiscoveryError) return { type: 'error', kind: error.kind, message: error.message, details: error.details, ...(error.location ? { location: error.location } : {}) };
  if (error instanceof RunnerSetupError) return { type: 'error', kind: 'bad-request', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const known = knownCause(error);
  const location = locationFromStack(stack, false);
  if (error instanceof NonJavaScriptModule) return { type: 'error', kind: 'import', message: error.message, location: error.location };
  const unknownExtension = (error as { code?: string } | undefined)?.code === 'ERR_UNKNOWN_FILE_EXTENSION' ? / for (\/.+?)\s*$/m.exec(message)?.[1] : undefined;
  if (unknownExtension) {
    // Node's ES-module loader refusing a stylesheet or component: the same cause as on the CommonJS path.
    const fromModel = runtime.modelFile && runtime.modelFile !== unknownExtension ? runtime.modelFile : undefined;
    const e = new NonJavaScriptModule(unknownExtension, fromModel);
    return { type: 'error', kind: 'import', message: e.message, location: e.location };
  }
  const fromUrl = urlImportCause(error, runtime.modelFile);
  if (fromUrl) return { type: 'error', kind: 'import', ...fromUrl, stack };
  const namedFromCommonJs = commonJsNamedImportCause(error);
  if (namedFromCommonJs) return { type: 'error', kind: 'import', ...namedFromCommonJs, stack };
  if (error instanceof SyntaxError && !known) {
    return { type: 'error', kind: 'syntax', message: `Syntax error: ${message}`, location: locationFromStack(stack, true), stack };
  }
  const unresolved = phase === 'load' ? unresolvedImportCause(error, runtime.modelFile) : undefined;
  if (unresolved) return { type: 'error', kind: 'import', ...unresolved, stack };
  const missingPackage = missingPackageCause(error, location);
  if (missingPackage) return { type: 'error', kind: 'import', ...missingPackage, ...(missingPackage.location ? { details: [sourceLineAt(missingPackage.location)].filter((l): l is string => !!l) } : {}), stack };
  // A 0.x API name that tfjs 1.0 removed: the bare "is not a function" says what it became.
  const renamed = removedApiHint(message, runtime.tfjsVersion);
  // tf.node.* without tfjs-node's addon: what tf.node is and why it is missing here.
  const native = missingNativeApiHint(message, location, runtime);
  const said = native ? `${message}. ${native}` : renamed ? `${message}. ${renamed}` : message;
  // A data file the script read that is a Git LFS pointer is the cause behind whatever failed next; so is a path
  // it read that is absent, when what failed is the undefined result of that read.
  const pointer = lfsPointerNote() || (known ? '' : absentReadNote(error));
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  // When the error alone does not say why, what the script printed just before it; and the failing line as written.
  const explained = (text: string) => {
    if (known) return pointer ? `${sentence(known)}${pointer}` : known;
    const printed = printedBeforeFailure();
    return pointer || printed ? `${sentence(text)}${pointer}${printed}` : text;
  };
  const line = sourceLineAt(location);
  const details = line ? { details: [line] } : {};
  if (phase === 'load') return { type: 'error', kind: 'import', message: explained(`The model file threw while loading: ${said}`), location, ...details, stack };
  // Without a frame of the user's on the stack (and no known system cause) the failure is TensorFlow.js's.
  if (!known && !location && !pointer && phase !== 'async') return { type: 'error', ...insideTfjs(message, phase), stack };
  const kind: ErrorKind = 'user-error';
  return { type: 'error', kind, message: explained(`${PHASE_WORDS[phase]}: ${said}`), location, ...details, stack };
}

/**
 * Keeps an error in the user's code from ending the process before it is reported: the wasm backend's
 * emscripten glue adds uncaughtException/unhandledRejection listeners that re-throw, which ended the
 * runner with exit code 7 ("crashed") before the runner's own listener could send the error. Listeners
 * added after this call (by tfjs or the user's code) still run; a throw from one is dropped, because the
 * runner's listener, registered first, has already taken the error.
 */
export function guardCrashListeners(): void {
  type Listener = (...args: unknown[]) => void;
  const proc = process as unknown as Record<string, (event: string | symbol, listener: Listener) => NodeJS.Process>;
  for (const method of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener']) {
    const original = proc[method];
    proc[method] = function (this: NodeJS.Process, event, listener) {
      if ((event === 'uncaughtException' || event === 'unhandledRejection') && typeof listener === 'function') {
        const guarded: Listener = (...args) => {
          try {
            listener(...args);
          } catch {
            // already reported by the runner's own listener
          }
        };
        return original.call(this, event, guarded);
      }
      return original.call(this, event, listener);
    };
  }
}
