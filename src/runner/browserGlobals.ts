// A ReferenceError for a name a browser page defines and Node does not (`top`, `window`, `document`, `parent`)
// means the file was written to run in a page. Node's "top is not defined" does not say so, and `top` or `parent`
// read like the user's own typo. (A script tag's global such as `tfvis` is not the page's: Node's message stays.) The names come from
// the `globals` package's browser set (the list ESLint's browser environment uses, built from the browsers' own
// Window interfaces), minus what this Node defines itself.
import globals from 'globals';

const NOT_DEFINED = /^(\w+) is not defined$/;

/** The browser global a ReferenceError names, when Node lacks it; undefined for any other error. */
export function missingBrowserGlobal(error: unknown): string | undefined {
  if (!(error instanceof ReferenceError)) return undefined;
  const name = NOT_DEFINED.exec(error.message)?.[1];
  if (!name || !Object.hasOwn(globals.browser, name) || name in globalThis) return undefined;
  return name;
}

/** The cause and both next steps: the name may be the page's global or, in a file meant for Node, an undeclared variable. */
export function browserGlobalCause(error: unknown): string | undefined {
  const name = missingBrowserGlobal(error);
  if (!name) return undefined;
  return (
    `${name} is not defined: in a browser page \`${name}\` is a global of the page (${name === 'window' ? 'the page itself' : `window.${name}`}), which Node does not have — this file is written to run in a page. ` +
    `Profile a file that builds the model without the page's code (e.g. move the model into its own module and point Gradient Lens at it); if the file is meant for Node, declare ${name} before it is used.`
  );
}
