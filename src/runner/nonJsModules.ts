// Imports Node cannot run, said as what they are: a file that is not JavaScript (a stylesheet, a Vue or Svelte
// component, a page, an image) and a module imported from a web URL. Both work in a bundled web app or a browser
// page, so the project may well run there; Node's own words for them ("Unexpected token '{'", "The JSX syntax
// extension is not currently enabled", "Cannot find module 'https://…'") do not say so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceLocation } from '../core/protocol';
import { escapeRegExp, importLine, NOT_FOUND_CJS } from './importFailures';

/**
 * What a file is, by its extension, for the kinds web projects import. Node's CommonJS loader runs a file of any
 * other extension as JavaScript text (Node docs, "Modules: CommonJS modules", `require.extensions`) and its ES-module
 * loader refuses it (ERR_UNKNOWN_FILE_EXTENSION); bundlers (webpack loaders, Vite, Parcel) are what compile these.
 */
const KINDS: Record<string, { what: string; component?: string }> = {
  '.vue': { what: 'a Vue single-file component', component: 'Vue (vue-loader, Vite)' },
  '.svelte': { what: 'a Svelte component', component: 'Svelte (svelte-loader, Vite)' },
  '.css': { what: 'a stylesheet' },
  '.scss': { what: 'a stylesheet (Sass)' },
  '.sass': { what: 'a stylesheet (Sass)' },
  '.less': { what: 'a stylesheet (Less)' },
  '.styl': { what: 'a stylesheet (Stylus)' },
  '.html': { what: 'an HTML page' },
  '.htm': { what: 'an HTML page' },
  '.png': { what: 'an image' },
  '.jpg': { what: 'an image' },
  '.jpeg': { what: 'an image' },
  '.gif': { what: 'an image' },
  '.svg': { what: 'an image (SVG)' },
  '.webp': { what: 'an image' },
  // Text a page bundles as a string or a URL (Parcel's raw assets, webpack's asset/source, Vite's ?raw).
  '.txt': { what: 'a text file' },
  '.md': { what: 'a Markdown file' },
  '.csv': { what: 'a data file (CSV)' },
  '.tsv': { what: 'a data file (TSV)' },
  '.glsl': { what: 'a shader source' },
  '.vert': { what: 'a shader source' },
  '.frag': { what: 'a shader source' },
};

export function nonJavaScriptKind(file: string): string | undefined {
  return KINDS[path.extname(file).toLowerCase()]?.what;
}

/** The 1-based line of the first line matching `pattern` in `file`, if any. */
function lineMatching(file: string, pattern: RegExp): number | undefined {
  try {
    const at = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => pattern.test(l));
    return at >= 0 ? at + 1 : undefined;
  } catch {
    return undefined;
  }
}


/** A non-JavaScript file reached Node's loader: the file profiled itself, or one a JavaScript file imports. */
export class NonJavaScriptModule extends Error {
  readonly location: SourceLocation | undefined;

  constructor(file: string, importer: string | undefined) {
    const kind = KINDS[path.extname(file).toLowerCase()] ?? { what: `a ${path.extname(file)} file` };
    const name = path.basename(file);
    if (importer && importer !== file) {
      const line = lineMatching(importer, new RegExp(`['"][^'"]*${escapeRegExp(name)}['"]`));
      const where = line ? `${path.basename(importer)}:${line}` : path.basename(importer);
      super(
        `${where} imports '${name}', ${kind.what}: importing it from JavaScript is a bundler's feature (webpack, Vite, Parcel compile it into the page), and Node runs JavaScript only. ` +
          'Profile a file that builds the model without the page’s imports (e.g. move the model into its own module and point Gradient Lens at it).',
      );
      this.location = line ? { file: importer, line, column: 1 } : undefined;
      return;
    }
    const script = kind.component ? lineMatching(file, /<script\b/) : undefined;
    const compiled = kind.component ? `: ${kind.component} compiles it into JavaScript for the page, and Node cannot run it` : ', not JavaScript: Node cannot run it';
    const next = kind.component
      ? `Move the model code from its <script> block into a .js or .ts module (the component can import it) and profile that.`
      : 'Profile the .js or .ts file that builds the model.';
    super(`${name} is ${kind.what}${compiled}. ${next}`);
    this.location = { file, line: script ?? 1, column: 1 };
  }
}

// CommonJS: "Cannot find module 'https://…'\nRequire stack:\n- /importer" (importFailures.ts's NOT_FOUND_CJS); ESM: "Only
// URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol 'https:'" (no
// specifier, no importer).
const WEB_URL = /^https?:\/\//;

/**
 * `import { DATA } from "https://…/data.js"`: a browser page (and Deno) import modules by URL; Node's loader takes
 * file:, data: and node: URLs only (Node docs, "Modules: ECMAScript modules", URLs). The import, its line and the fix.
 */
export function urlImportCause(error: unknown, modelFile: string | undefined): { message: string; location?: SourceLocation } | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: string }).code;
  const found = NOT_FOUND_CJS.exec(error.message);
  const cjs = found && WEB_URL.test(found[1]) ? found : undefined;
  if (!cjs && (code !== 'ERR_UNSUPPORTED_ESM_URL_SCHEME' || !/protocol 'https?:'/.test(error.message))) return undefined;
  const importer = cjs?.[2] ?? modelFile;
  // The import itself: the URL the error names, else the first import of a web URL in the model file.
  const site = importer ? (cjs ? importLine(importer, cjs[1]) : (importLine(importer, 'https:') ?? importLine(importer, 'http:'))) : undefined;
  const line = site?.line;
  const specifier = cjs?.[1] ?? site?.specifier;
  const where = importer && line ? ` (${path.basename(importer)}:${line})` : '';
  const file = specifier ? path.basename(new URL(specifier).pathname) || 'the file' : 'the file';
  return {
    message:
      `The import '${specifier ?? 'https://…'}'${where} loads a module from the web: a browser page (or Deno) imports by URL, Node does not — its loader takes file:, data: and node: URLs only. ` +
      `Download ${file} into the project and import it by relative path (e.g. './${file}'), then run again.`,
    location: importer && line ? { file: importer, line, column: 1 } : undefined,
  };
}
