// Loads the user's model file the way real projects write them: CommonJS or ESM, .js or TypeScript,
// ESM syntax in .js files of packages without "type": "module" (bundler style), extensionless relative
// imports. CommonJS-compatible files are transpiled by esbuild to CommonJS in-process (with inline
// source maps so stack frames and layer call sites point at the user's lines); genuine ES modules
// (.mjs/.mts, "type": "module" packages, top-level await) go through Node's ESM loader with our hooks.
import Module, { register } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildFailure, TransformFailure } from 'esbuild';

/** esbuild is loaded on first use: plain CommonJS model files never need it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: plain CommonJS model files never need esbuild
const transformSync: typeof import('esbuild').transformSync = (...args) => require('esbuild').transformSync(...args);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const buildSync: typeof import('esbuild').buildSync = (...args) => require('esbuild').buildSync(...args);
import type { SourceLocation } from '../core/protocol';
import { redirects } from './tfjsResolve';
import { nearestPackageType } from './packageType';
import { locationFromStack } from './stackLocation';
import { NonJavaScriptModule, nonJavaScriptKind } from './nonJsModules';

export class UserSyntaxError extends Error {
  constructor(message: string, readonly location: SourceLocation) {
    super(message);
  }
}

const TS_EXTENSIONS = ['.ts', '.cts', '.mts'];
const TLA_MESSAGE = /Top-level await is currently not supported/;
const ESM_ONLY_SYNTAX = /Cannot use import statement|Unexpected token 'export'|import\.meta|await is only valid/;
/**
 * An import/export statement at the start of a line. Node ≥ 20.19 / 22.12 no longer throws a SyntaxError
 * for ESM syntax in a CommonJS .js file: it detects it and loads the file as a real ES module, where
 * bundler-style extensionless imports (`from './layers'`) fail. Such files must be transpiled up front.
 */
const MODULE_SYNTAX = /^[ \t]*(?:import[ \t]*[\w*{'"$]|export[ \t]+(?:default\b|const\b|let\b|var\b|function\b|async\b|class\b|\{|\*))/m;

function isUserFile(file: string): boolean {
  return !file.includes(`${path.sep}node_modules${path.sep}`);
}

class NeedsEsmLoader extends Error {}

function transpileToCommonJs(file: string): string {
  const source = fs.readFileSync(file, 'utf8');
  try {
    return transformSync(source, {
      loader: TS_EXTENSIONS.includes(path.extname(file)) ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: file,
      logLevel: 'silent',
    }).code;
  } catch (error) {
    const failure = error as TransformFailure;
    const first = failure.errors?.[0];
    if (first && TLA_MESSAGE.test(first.text)) throw new NeedsEsmLoader(first.text);
    if (first?.location) {
      throw new UserSyntaxError(`Syntax error: ${first.text}`, {
        file,
        line: first.location.line,
        column: first.location.column + 1,
      });
    }
    throw error;
  }
}

/** Starts esbuild's service ahead of time (a warm runner): its first transform costs ~70 ms. */
export function warmUpTranspiler(): void {
  transformSync('', { loader: 'ts', format: 'cjs' });
}

/**
 * TypeScript resolves a relative './x.js' written in a .ts file to x.ts when there is no x.js (its module resolution
 * maps a .js/.mjs/.cjs extension to .ts/.mts/.cts, in every mode: tsc emits x.js beside the importer, so the
 * specifier names the output). esmHooks.ts does this for ES modules; this does it for TypeScript loaded as CommonJS
 * (`"module": "commonjs"` projects written with '.js' specifiers). Only from the user's TypeScript files, and only
 * after Node's own resolution failed: a real x.js always wins.
 */
function installTypeScriptSpecifierFallback(): void {
  type Parent = { filename?: string } | undefined;
  const mod = Module as unknown as { _resolveFilename: (request: string, parent: Parent, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (request: string, parent: Parent, ...rest: unknown[]) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      const importer = parent?.filename;
      const fromUserTypeScript = !!importer && TS_EXTENSIONS.includes(path.extname(importer)) && isUserFile(importer);
      const relativeJs = /^\.\.?\//.test(request) && /\.[cm]?js$/.test(request);
      if (!fromUserTypeScript || !relativeJs || (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      try {
        return original.call(this, request.replace(/\.([cm]?)js$/, '.$1ts'), parent, ...rest);
      } catch {
        throw error; // neither exists: Node's message names the specifier as written
      }
    }
  };
}

let cjsHooksInstalled = false;
function installCommonJsHooks(): void {
  if (cjsHooksInstalled) return;
  cjsHooksInstalled = true;
  installTypeScriptSpecifierFallback();
  type Loader = (module: Module & { _compile(code: string, file: string): void }, file: string) => void;
  const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
  const originalJs = extensions['.js'];
  const transpiling: Loader = (module, file) => module._compile(transpileToCommonJs(file), file);
  for (const ext of [...TS_EXTENSIONS, '.mjs']) extensions[ext] = transpiling;
  // Plain CommonJS compiles natively (no esbuild start-up on the common path); only a file that turns
  // out to use ESM syntax is transpiled. Module-syntax SyntaxErrors are thrown before any code runs.
  extensions['.js'] = (module, file) => {
    if (!isUserFile(file)) return originalJs(module, file);
    // Node hands a file of any unregistered extension to the .js loader: a stylesheet or a .vue component would
    // fail as a syntax error that does not say what the file is.
    if (nonJavaScriptKind(file)) throw new NonJavaScriptModule(file, (module as { parent?: { filename?: string } }).parent?.filename);
    if (MODULE_SYNTAX.test(fs.readFileSync(file, 'utf8'))) return transpiling(module, file);
    try {
      return originalJs(module, file);
    } catch (error) {
      if (error instanceof SyntaxError && ESM_ONLY_SYNTAX.test(error.message)) return transpiling(module, file);
      throw error;
    }
  };
}

let esmHooksRegistered = false;
function registerEsmHooks(): void {
  if (esmHooksRegistered) return;
  esmHooksRegistered = true;
  register(pathToFileURL(path.join(__dirname, 'esmHooks.mjs')).href, {
    data: { redirects: Object.fromEntries(redirects) },
  });
}

function needsEsmLoader(file: string): boolean {
  const ext = path.extname(file);
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext === '.cjs' || ext === '.cts') return false;
  return nearestPackageType(file) === 'module';
}

/** Loads the module and returns its exports as a plain record (ESM namespace or CommonJS exports). */
export async function loadUserModule(file: string): Promise<Record<string, unknown>> {
  installCommonJsHooks();
  if (!needsEsmLoader(file)) {
    try {
      // Loaded as the main module, through Node's own loader, synchronously, as `node FILE` would: a script
      // whose training sits behind `if (require.main === module)` runs it (and is stopped at its fit).
      const load = (Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown })._load;
      return normalizeCommonJsExports(load(file, null, true));
    } catch (error) {
      if (!(error instanceof NeedsEsmLoader)) throw error;
      delete require.cache[file];
    }
  }
  registerEsmHooks();
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw (error instanceof SyntaxError && !locationFromStack(error.stack, true) && locateSyntaxError(file)) || error;
  }
}

/**
 * Node's ESM loader throws a SyntaxError whose stack names no file: Node 20 keeps the "file:line" and the
 * caret in a hidden property that it prints only for an uncaught error, so the user got "Syntax error:
 * Unexpected reserved word" and no line (bench/realworld batch 3: an await in a non-async function).
 * esbuild parses the module graph from the entry (packages left out) and says where; only on this path.
 */
function locateSyntaxError(file: string): UserSyntaxError | undefined {
  const dir = path.dirname(file);
  try {
    buildSync({ entryPoints: [file], absWorkingDir: dir, bundle: true, write: false, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
  } catch (error) {
    const located = (error as BuildFailure).errors?.find((e) => e.location && !/^Could not resolve/.test(e.text));
    if (located?.location) {
      const where = { file: path.resolve(dir, located.location.file), line: located.location.line, column: located.location.column + 1 };
      return new UserSyntaxError(`Syntax error: ${located.text}`, where);
    }
  }
  return undefined;
}

function normalizeCommonJsExports(exported: unknown): Record<string, unknown> {
  if (exported && typeof exported === 'object' && !isModelLike(exported)) {
    const record = exported as Record<string, unknown>;
    // esbuild-transpiled ESM keeps `default` as a property; plain CommonJS objects are their own namespace.
    if (record.__esModule) return record;
    // `default` (the exports object itself) stays reachable but is no candidate and not listed as an export.
    return Object.defineProperty({ ...record }, 'default', { value: exported, enumerable: false });
  }
  // A model as module.exports is the only export: spreading it would expose its internals (a Sequential's
  // inner `model` is a second LayersModel, which made `module.exports = model` "ambiguous").
  if (exported && typeof exported === 'object') return { default: exported };
  // A function as module.exports may carry extra exports as properties (e.g. sampleBatch).
  return typeof exported === 'function' ? { ...(exported as unknown as Record<string, unknown>), default: exported } : { default: exported };
}

function isModelLike(value: object): boolean {
  return typeof (value as { getLayer?: unknown }).getLayer === 'function';
}
