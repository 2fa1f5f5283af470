// A package the model file's code needs that is not there, said in the user's terms instead of Node's "Cannot find
// package 'x'" (no line, no next step): the import and its line, whether the name lost its @scope, and what to run.
// Two shapes from bench/realworld batch 11: an ES module importing 'tensorflow/tfjs-node' (the scope's @ missing),
// and a native addon whose compiled file was never built (hanzi-tools → nodejieba under npm install --ignore-scripts).
import * as path from 'node:path';
import { builtinModules, createRequire } from 'node:module';
import type { SourceLocation } from '../core/protocol';
import { importLine, NOT_FOUND } from './importFailures';
import { redirects } from './tfjsResolve';

// CommonJS: "Cannot find module 'x'\nRequire stack:\n- /importer\n- …" with every frame — importFailures' NOT_FOUND_CJS
// reads only the importer, and the unbuilt-addon check needs the package that required it. ESM: importFailures' NOT_FOUND.
const REQUIRE_STACK = /Cannot find module '([^']+)'\s*\nRequire stack:\n((?:- .+\n?)+)/m;
const SEP = `${path.sep}node_modules${path.sep}`;

/** `@scope/name` or `name`: the package part of a bare specifier. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isBare = (s: string) => !/^(\.|\/|[a-zA-Z]:[\\/]|file:|node:|data:|https?:)/.test(s) && !builtinModules.includes(packageName(s));

/** Whether `name` resolves from `importer`'s folder, or is a TensorFlow.js package the runner serves itself. */
function available(name: string, importer: string): boolean {
  if (redirects.has(name)) return true;
  try {
    createRequire(importer).resolve(`${name}/package.json`);
    return true;
  } catch {
    try {
      createRequire(importer).resolve(name);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * An import of a package that is not installed, from the user's own file (a package's own missing dependency is an
 * install problem of that package's). The specifier as written and its line; when '@' + the specifier is a package
 * that is there, the name lost its scope: npm's scoped names begin with '@scope/' (npm docs, "scope").
 */
function uninstalledPackageCause(missing: string, importer: string): { message: string; location?: SourceLocation } | undefined {
  if (!isBare(missing) || importer.includes(SEP)) return undefined;
  const name = packageName(missing);
  const site = importLine(importer, name);
  const specifier = site?.specifier ?? missing;
  const where = site ? ` (${path.basename(importer)}:${site.line})` : '';
  const location = site ? { file: importer, line: site.line, column: 1 } : undefined;
  const scoped = `@${specifier}`;
  if (!name.startsWith('@') && specifier.includes('/') && available(packageName(scoped), importer)) {
    return {
      location,
      message: `The import '${specifier}'${where} names the package '${name}', which is not installed — but '${packageName(scoped)}' is: a scoped package's name begins with '@' (npm docs, scope), and this import lost it. Write '${scoped}', then run again.`,
    };
  }
  return {
    location,
    message: `The import '${specifier}'${where} names the package '${name}', which is not installed: Node looks for it in the node_modules folders from ${path.dirname(importer)} up. Install it in the project (npm install ${name}) or correct the name, then run again.`,
  };
}

/** The package folder a node_modules path belongs to. */
function packageDir(file: string): { name: string; dir: string } | undefined {
  const at = file.lastIndexOf(SEP);
  if (at < 0) return undefined;
  const parts = file.slice(at + SEP.length).split(path.sep);
  const count = parts[0].startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, count).join('/'), dir: file.slice(0, at + SEP.length) + parts.slice(0, count).join(path.sep) };
}

/**
 * A native addon's compiled file absent: node-gyp writes it to build/Release (or build/Debug) when npm runs the
 * package's install script (node-gyp docs; npm docs, "scripts"), so it is missing when that script did not run
 * (--ignore-scripts) or failed (no compiler or Python). The next step is npm rebuild of that package. The user's
 * require site comes from the stack (the caller's location); the package the user required is the outermost one
 * in the require stack.
 */
function unbuiltAddonCause(specifier: string, requireStack: string[], location: SourceLocation | undefined): { message: string; location?: SourceLocation } | undefined {
  if (path.extname(specifier) !== '.node' || !requireStack.length) return undefined;
  // require(path.join(__dirname, 'build/Release/x.node')) or require('./build/Release/x.node') from the package.
  const missing = path.resolve(path.dirname(requireStack[0]), specifier);
  const addon = packageDir(missing);
  if (!addon || !/^build[\\/](Release|Debug)[\\/]/.test(path.relative(addon.dir, missing))) return undefined;
  const firstUser = requireStack.findIndex((f) => !f.includes(SEP));
  const outer = firstUser > 0 ? packageDir(requireStack[firstUser - 1]) : undefined;
  const required = outer && outer.name !== addon.name ? outer.name : addon.name;
  const via = required !== addon.name ? `, which ${required} loads` : '';
  const where = location ? ` (${required} is required at ${path.basename(location.file)}:${location.line})` : '';
  const built = path.relative(addon.dir, missing).split(path.sep).join('/');
  return { location, message: `The package ${addon.name}${via}${where}, has no compiled native addon: ${built} is missing.${rebuildAdvice(addon.name)}` };
}

/** Why a native addon's compiled file is absent and what builds it (node-gyp docs; npm docs, "scripts"). */
function rebuildAdvice(name: string): string {
  return ` npm builds it with the package's install script (node-gyp), which did not run (npm install --ignore-scripts) or failed (no C++ compiler or Python). Build it in the project with npm rebuild ${name} — its output says what is missing — then run again.`;
}

/** The `bindings` package's error (npm "bindings": it throws with every path it tried, also kept as error.tries). */
const BINDINGS_NOT_FOUND = /^Could not locate the bindings file\. Tried:\n/;

/**
 * The same unbuilt addon as found through the `bindings` package (sharp 0.21, sqlite3, … load their addon with it
 * instead of a plain require): it tries build/Release, build/Debug, compiled/<node>/<platform>/<arch>, … under the
 * package's folder and throws listing them. The package is the one those paths belong to.
 */
function bindingsAddonCause(error: Error, location: SourceLocation | undefined): { message: string; location?: SourceLocation } | undefined {
  if (!BINDINGS_NOT_FOUND.test(error.message)) return undefined;
  const tries = (error as { tries?: unknown }).tries;
  const tried = Array.isArray(tries) ? tries.map(String) : [...error.message.matchAll(/^\s*→\s*(.+)$/gm)].map((m) => m[1].trim());
  const addon = tried.length ? packageDir(tried[0]) : undefined;
  if (!addon) return undefined;
  const release = tried.find((t) => /[\\/]build[\\/]Release[\\/]/.test(t)) ?? tried[0];
  const built = path.relative(addon.dir, release).split(path.sep).join('/');
  const where = location ? ` (required at ${path.basename(location.file)}:${location.line})` : '';
  return {
    location,
    message: `The package ${addon.name}${where} has no compiled native addon: the bindings package looked for it in ${tried.length} places (${built} among them) and found none.${rebuildAdvice(addon.name)}`,
  };
}

export function missingPackageCause(error: unknown, location: SourceLocation | undefined): { message: string; location?: SourceLocation } | undefined {
  if (error instanceof Error && BINDINGS_NOT_FOUND.test(error.message)) return bindingsAddonCause(error, location);
  const code = (error as { code?: string } | undefined)?.code;
  if (!(error instanceof Error) || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND')) return undefined;
  const esm = NOT_FOUND.exec(error.message);
  if (esm) {
    const importer = esm[2].startsWith('file://') ? new URL(esm[2]).pathname : esm[2];
    return uninstalledPackageCause(esm[1], importer);
  }
  const cjs = REQUIRE_STACK.exec(error.message);
  if (!cjs) return undefined;
  const stack = cjs[2].split('\n').map((l) => l.replace(/^- /, '').trim()).filter(Boolean);
  return unbuiltAddonCause(cjs[1], stack, location) ?? uninstalledPackageCause(cjs[1], stack[0]);
}
