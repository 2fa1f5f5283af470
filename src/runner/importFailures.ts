// An import that cannot be resolved while the model file loads, said in the user's terms: a tsconfig
// `paths` alias (resolved by the app's bundler, not by Node), or a package whose ESM build imports
// extensionless paths (only bundlers resolve those: the package is meant for a browser bundle).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type { SourceLocation } from '../core/protocol';
// The ESM build: esbuild cannot follow the UMD build's require(), which it receives as a parameter.
import { parse as parseJsonc } from 'jsonc-parser/lib/esm/main.js';
import { redirects } from './tfjsResolve';
import { locationFromStack } from './stackLocation';
import { nearestPackageType } from './packageType';

// ESM: "… 'x' imported from /importer"; CommonJS: "… 'x'\nRequire stack:\n- /importer".
export const NOT_FOUND = /Cannot find (?:module|package) '([^']+)' imported from (.+?)\s*$/m;
export const NOT_FOUND_CJS = /Cannot find module '([^']+)'\s*\nRequire stack:\n- (.+?)\s*$/m;
const SEP = `${path.sep}node_modules${path.sep}`;

/** The 1-based line of the first import/require of a specifier starting with `prefix` in `file`. */
export function importLine(file: string, prefix: string): { line: number; specifier: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*|import\\s+)['"](${escapeRegExp(prefix)}(?:/[^'"]*)?)['"]`).exec(lines[i]);
    if (m) return { line: i + 1, specifier: m[1] };
  }
  return undefined;
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The nearest TypeScript config above `file` whose compilerOptions.paths (its own or, through `extends`, a
 * base config's) has a key matching `specifier` as TypeScript matches them: the key itself, or a `prefix/*`
 * pattern. tsconfig.base.json counts too: monorepo tools (Nx, Angular workspaces) declare the libraries'
 * aliases there and every project's tsconfig extends it.
 */
function tsconfigDeclaring(file: string, specifier: string): { config: string; prefix: string } | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    for (const name of ['tsconfig.json', 'jsconfig.json', 'tsconfig.base.json']) {
      const found = declaredAlias(path.join(dir, name), specifier, 0);
      if (found) return found;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function declaredAlias(config: string, specifier: string, depth: number): { config: string; prefix: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(config, 'utf8');
  } catch {
    return undefined;
  }
  // tsconfig is JSONC (comments, trailing commas), as TypeScript reads it.
  const json = parseJsonc(text, [], { allowTrailingComma: true }) as { extends?: unknown; compilerOptions?: { paths?: unknown } } | undefined;
  const paths = json?.compilerOptions?.paths;
  if (paths && typeof paths === 'object') {
    for (const key of Object.keys(paths)) {
      const prefix = key.endsWith('/*') ? key.slice(0, -2) : key;
      if (specifier === prefix || (key.endsWith('/*') && specifier.startsWith(`${prefix}/`))) return { config, prefix };
    }
  }
  const base = json?.extends;
  if (typeof base === 'string' && base.startsWith('.') && depth < 5) {
    const target = path.resolve(path.dirname(config), base.endsWith('.json') ? base : `${base}.json`);
    const found = declaredAlias(target, specifier, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The package a file under node_modules belongs to (`@scope/name` or `name`), and that node_modules directory. */
function packageOf(file: string): { name: string; nodeModules: string } | undefined {
  const at = file.lastIndexOf(SEP);
  if (at < 0) return undefined;
  const parts = file.slice(at + SEP.length).split(path.sep);
  const count = parts[0].startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, count).join('/'), nodeModules: file.slice(0, at + SEP.length) };
}

/** The package the model file imports that brought in `inner` (itself, or one depending on it), with its line. */
function importedPackage(modelFile: string, inner: { name: string; nodeModules: string }): { name: string; line?: number } {
  let text = '';
  try {
    text = fs.readFileSync(modelFile, 'utf8');
  } catch {
    // name the inner package alone
  }
  const bare = [...text.matchAll(/(?:from\s*|require\(\s*|import\(\s*|import\s+)['"]((?:@[^/'"]+\/)?[^./'"][^/'"]*)/g)].map((m) => m[1]);
  // The imported package is installed where the model file resolves it, which need not be beside `inner`: the
  // runner serves tfjs packages from its own node_modules (tfjs-vis in the workspace reaching into the runner's
  // tfjs-core), and a hoisted peer sits in a node_modules further up.
  const manifests = (name: string) => [inner.nodeModules, ...nodeModulesAbove(modelFile)].map((dir) => path.join(dir, name, 'package.json'));
  const dependsOn = (name: string) =>
    manifests(name).some((manifest) => {
      try {
        const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        return [pkg.dependencies, pkg.peerDependencies].some((deps) => deps && inner.name in deps);
      } catch {
        return false;
      }
    });
  // tfjs packages the runner serves itself (redirects) load; the one that failed is another that depends on `inner`.
  const name = bare.find((n) => n === inner.name) ?? bare.find((n) => !redirects.has(n) && dependsOn(n)) ?? inner.name;
  return { name, line: importLine(modelFile, name)?.line };
}

/** The node_modules folders Node searches from `file` upwards. */
function nodeModulesAbove(file: string): string[] {
  const dirs: string[] = [];
  if (!file) return dirs;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') dirs.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) return dirs;
  }
}

// "Package subpath './lib/sync' is not defined by "exports" in /…/node_modules/csv-parse/package.json"
const NOT_EXPORTED = /Package subpath '\.\/([^']+)' is not defined by "exports" in (.+?package\.json)/;
const FRAME_FILE = /^\s+at (?:.*\()?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?\s*$/;

/**
 * A require of a subpath that the installed package no longer exports: a package (or the user's file)
 * written against another major of the dependency, e.g. prettytable 0.3.1 requiring csv-parse/lib/sync,
 * gone from csv-parse 5 on, because it depends on csv-parse "latest". Said with the packages, the installed
 * version and the user's import line, since Node's message names neither who required it nor where.
 */
function unexportedSubpathCause(error: Error, modelFile: string | undefined): { message: string; location?: SourceLocation } | undefined {
  const found = NOT_EXPORTED.exec(error.message);
  if (!found) return undefined;
  const [, subpath, manifest] = found;
  let target = { name: path.basename(path.dirname(manifest)), version: '?' };
  try {
    const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    target = { name: json.name ?? target.name, version: json.version ?? '?' };
  } catch {
    // name it by its folder
  }
  // CommonJS: the requiring file is the first frame below Node's loader; ESM: "… imported from /file" (no frames).
  const esmImporter = / imported from (.+?)\s*$/m.exec(error.message)?.[1];
  const frames = (error.stack ?? '').split('\n').map((l) => FRAME_FILE.exec(l)?.[1]).filter((f): f is string => !!f && !f.startsWith(__dirname));
  const first = esmImporter ?? frames[0];
  const requirerFile = first && (first.startsWith('file://') ? new URL(first).pathname : first);
  const requirer = requirerFile ? packageOf(requirerFile) : undefined;
  let location = locationFromStack(error.stack, false);
  if (!location && esmImporter && !requirer) {
    const site = importLine(requirerFile!, `${target.name}/${subpath}`);
    if (site) location = { file: requirerFile!, line: site.line, column: 1 };
  }
  if (!location && requirer && modelFile) {
    // An ES module importing the package: Node's stack ends in its loader, not at the import.
    const line = importedPackage(modelFile, requirer).line;
    if (line) location = { file: modelFile, line, column: 1 };
  }
  const where = location ? ` (imported at ${path.basename(location.file)}:${location.line})` : '';
  const wanted = `'${target.name}/${subpath}'`;
  const message = requirer
    ? `The package ${requirer.name}${where} cannot load: it requires ${wanted}, which the installed ${target.name} ${target.version} does not export — ${requirer.name} was written for another major version of ${target.name}. Install the ${target.name} version ${requirer.name} was written for (npm install ${target.name}@<that major>) or a ${requirer.name} that supports ${target.name} ${target.version}.`
    : `The import ${wanted}${where} names a file that the installed ${target.name} ${target.version} does not export: the code was written for another version of ${target.name}. Install that version, or import what ${target.name} ${target.version} exports.`;
  return { message, location };
}

export function unresolvedImportCause(error: unknown, modelFile: string | undefined): { message: string; location?: SourceLocation } | undefined {
  const code = (error as { code?: string } | undefined)?.code;
  if (error instanceof Error && code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return unexportedSubpathCause(error, modelFile);
  if (!(error instanceof Error) || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND')) return undefined;
  const found = NOT_FOUND.exec(error.message) ?? NOT_FOUND_CJS.exec(error.message);
  if (!found) return undefined;
  const [, missing, importerRaw] = found;
  const importer = importerRaw.startsWith('file://') ? new URL(importerRaw).pathname : importerRaw;

  if (!path.isAbsolute(missing) && !missing.startsWith('.')) {
    const declaredIn = tsconfigDeclaring(importer, missing);
    const alias = declaredIn?.prefix ?? missing.split('/')[0];
    if (!declaredIn && alias !== '~' && alias !== '@' && alias !== '#') return undefined;
    const site = importLine(importer, alias);
    const where = site ? ` (${path.basename(importer)}:${site.line})` : '';
    const declared = declaredIn ? `a \`paths\` alias declared in ${path.basename(declaredIn.config)}` : 'a path alias';
    return {
      message: `The import '${site?.specifier ?? `${alias}/…`}'${where} is ${declared}, which your bundler or TypeScript resolves but Gradient Lens does not. Profile a file that imports by relative path, or move the model into a module without aliased imports and point Gradient Lens at it.`,
      location: site ? { file: importer, line: site.line, column: 1 } : undefined,
    };
  }

  const inner = packageOf(importer);
  if (!inner || !path.isAbsolute(missing) || path.extname(missing) || !fs.existsSync(`${missing}.js`)) return undefined;
  const outer = importedPackage(modelFile ?? '', inner);
  const at = outer.line && modelFile ? ` (imported at ${path.basename(modelFile)}:${outer.line})` : '';
  const missingPath = path.relative(inner.nodeModules, missing).split(path.sep).join('/');
  return {
    message: `The package ${outer.name}${at} cannot load in Node: its ES-module build imports '${missingPath}' without a file extension, which only bundlers resolve — it is meant for a browser bundle. Profile a file that builds the model without importing ${outer.name} (e.g. move the model into its own module).`,
    location: outer.line && modelFile ? { file: modelFile, line: outer.line, column: 1 } : undefined,
  };
}

const MISSING_NAMED_EXPORT = /The requested module '([^']+)' does not provide an export named '([^']+)'/;

/**
 * `import { sample } from 'lodash'` in an ES module: Node gives a CommonJS package's named exports only where a
 * static scan of its code finds them (Node docs, "Modules: Interoperability with CommonJS"; lodash builds its exports
 * at run time), and throws a SyntaxError at link time for the rest. Bundlers and TypeScript compiled to CommonJS
 * accept the import, so the project may run elsewhere: the message says why Node refuses it and what to write.
 * A package that is itself an ES module really lacks the export: that stays Node's own message.
 */
export function commonJsNamedImportCause(error: unknown): { message: string; location?: SourceLocation } | undefined {
  if (!(error instanceof SyntaxError)) return undefined;
  const found = MISSING_NAMED_EXPORT.exec(error.message);
  if (!found || /^(\.|\/|file:|node:)/.test(found[1])) return undefined;
  const [, pkg, name] = found;
  const location = locationFromStack(error.stack, true);
  if (!location) return undefined;
  try {
    const main = createRequire(location.file).resolve(pkg);
    if (main.endsWith('.mjs') || (!main.endsWith('.cjs') && nearestPackageType(main) === 'module')) return undefined;
  } catch {
    return undefined;
  }
  const local = pkg.replace(/^@[^/]+\//, '').replace(/[^\w$]+(\w)?/g, (_: string, c?: string) => (c ? c.toUpperCase() : ''));
  return {
    message: `The import of '${name}' from '${pkg}' (${path.basename(location.file)}:${location.line}) fails in Node: ${pkg} is a CommonJS package, and Node's ES-module loader sees only the named exports a static scan of its code finds — bundlers and TypeScript compiled to CommonJS accept this import, Node does not. Import its default export instead (import ${local} from '${pkg}', then ${local}.${name}), or use an ES-module build of the package if it has one.`,
    location,
  };
}
