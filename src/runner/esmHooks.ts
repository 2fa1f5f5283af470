// Node ESM loader hooks for genuine ES-module model files (runs on Node's loader thread).
// resolve: the shared TensorFlow.js instance, extensionless and TypeScript-style ('./x.js' → x.ts)
// relative imports. load: TypeScript transpiled by esbuild with inline source maps; ESM syntax in .js
// files of packages without "type": "module" treated as ESM, as bundlers do.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { parse } from 'acorn';
import { nearestPackageType } from './packageType';
import { redirectTarget } from './redirect';

type Next<C, R> = (specifier: string, context: C) => Promise<R>;
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | null;
  shortCircuit?: boolean;
}

let redirects = new Map<string, string>();

export async function initialize(data: { redirects: Record<string, string> }): Promise<void> {
  redirects = new Map(Object.entries(data.redirects));
}

const CANDIDATE_SUFFIXES = ['.ts', '.mts', '.js', '.mjs', '.cjs', '.cts', '/index.ts', '/index.js', '/index.mjs'];

export async function resolve(specifier: string, context: object, next: Next<object, ResolveResult>): Promise<ResolveResult> {
  const target = redirectTarget(redirects, specifier);
  if (target && redirects.has(specifier)) return { url: pathToFileURL(target).href, shortCircuit: true };
  // A subpath into a chosen package: resolve the file there (extensionless like './x' is tried below).
  if (target) return resolve(target, context, next);
  try {
    return await next(specifier, context);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
    if (!relative || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT')) throw error;
    const stems = /\.[cm]?js$/.test(specifier) ? [specifier.replace(/\.([cm]?)js$/, '.$1ts')] : CANDIDATE_SUFFIXES.map((s) => specifier + s);
    for (const candidate of stems) {
      try {
        return await next(candidate, context);
      } catch {
        // try the next candidate
      }
    }
    throw error;
  }
}

function hasModuleSyntax(source: string): boolean {
  try {
    const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
    return program.body.some((node) => /^(Import|Export)/.test(node.type));
  } catch {
    return false;
  }
}

export async function load(url: string, context: object, next: Next<object, LoadResult>): Promise<LoadResult> {
  if (!url.startsWith('file:') || url.includes('/node_modules/')) return next(url, context);
  const file = fileURLToPath(url);
  if (/\.(ts|mts)$/.test(file)) {
    const source = await readFile(file, 'utf8');
    const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: file });
    return { format: 'module', source: code, shortCircuit: true };
  }
  if (file.endsWith('.cts')) return { format: 'commonjs', source: null, shortCircuit: true };
  if (file.endsWith('.js') && nearestPackageType(file) !== 'module') {
    const source = await readFile(file, 'utf8');
    if (hasModuleSyntax(source)) return { format: 'module', source, shortCircuit: true };
    return { format: 'commonjs', source: null, shortCircuit: true };
  }
  return next(url, context);
}
