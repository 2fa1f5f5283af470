// A ReferenceError for a name a browser page defines and Node does not (`top`, `window`, `document`, `parent`)
// means the file was written to run in a page. Node's "top is not defined" does not say so, and `top` or `parent`
// read like the user's own typo. A library's script-tag global (`tf`, jQuery's `$`) is not the page's but
// means the same: its README's <script src> usage defines it for a page, and Node has none. The names come from
// the `globals` package's browser set (the list ESLint's browser environment uses, built from the browsers' own
// Window interfaces), minus what this Node defines itself.
import globals from 'globals';

const NOT_DEFINED = /^([\w$]+) is not defined$/;

/** The browser global a ReferenceError names, when Node lacks it; undefined for any other error. */
export function missingBrowserGlobal(error: unknown): string | undefined {
  if (!(error instanceof ReferenceError)) return undefined;
  const name = NOT_DEFINED.exec(error.message)?.[1];
  if (!name || !Object.hasOwn(globals.browser, name) || name in globalThis) return undefined;
  return name;
}

/**
 * Globals a library's own script-tag usage defines (its README: `<script src=".../tf.min.js">` then `tf.sequential()`),
 * with the package a Node file imports instead (none for a page-only library).
 */
const SCRIPT_TAG_GLOBALS: Record<string, { library: string; importAs?: string }> = {
  tf: { library: '@tensorflow/tfjs', importAs: "const tf = require('@tensorflow/tfjs') (an ES module: import * as tf from '@tensorflow/tfjs')" },
  $: { library: 'jQuery' },
  jQuery: { library: 'jQuery' },
};

function scriptTagGlobalCause(error: unknown): string | undefined {
  if (!(error instanceof ReferenceError)) return undefined;
  const name = NOT_DEFINED.exec(error.message)?.[1];
  const known = name && Object.hasOwn(SCRIPT_TAG_GLOBALS, name) && !(name in globalThis) ? SCRIPT_TAG_GLOBALS[name] : undefined;
  if (!known) return undefined;
  const next = known.importAs
    ? `Import it at the top of the file — ${known.importAs} — or profile a file that imports it.`
    : `Profile a file that builds the model without the page's code (e.g. move the model into its own module and point Gradient Lens at it).`;
  return `${name} is not defined: \`${name}\` is the global a page's <script> tag for ${known.library} defines, which Node does not have — this file is written for a page that loads ${known.library} first. ${next}`;
}

/** The cause and both next steps: the name may be the page's global or, in a file meant for Node, an undeclared variable. */
export function browserGlobalCause(error: unknown): string | undefined {
  const scriptTag = scriptTagGlobalCause(error);
  if (scriptTag) return scriptTag;
  const name = missingBrowserGlobal(error);
  if (!name) return undefined;
  return (
    `${name} is not defined: in a browser page \`${name}\` is a global of the page (${name === 'window' ? 'the page itself' : `window.${name}`}), which Node does not have — this file is written to run in a page. ` +
    `Profile a file that builds the model without the page's code (e.g. move the model into its own module and point Gradient Lens at it); if the file is meant for Node, declare ${name} before it is used.`
  );
}
