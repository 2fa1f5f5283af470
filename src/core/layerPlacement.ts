// Which line a layer belongs on when the user's own helper function made it. The runner records, for each
// layer, the user frames of its creation (innermost first: the line that called tf.layers.*, then the line
// that called that function, …). A debugger shows the innermost frame; but a helper such as
// `const dense = (n) => tf.layers.dense({ units: n })` called from three lines of the model code puts all three
// layers on its one return line, where none of them can be told apart. The rule (docs/localisation.md
// "Layers made by a helper"):
//   - a source line that creates layers for two or more distinct calling lines is a helper's line: each of
//     its layers moves out to its caller's line, and the helper's frame is kept (`via`) for the hover;
//   - a line whose layers all come through one calling line keeps them (a loop, a helper called once, a
//     builder function called once): that line is where they differ from the rest of the model;
//   - repeated until no line has layers from two calling lines, so a helper called by a helper called from
//     two model lines ends on those two lines.
// Recursion is folded before this (collapseRecursion): the frames of one function's nested activations are
// one activation, so a recursive builder's layers are not spread over its own recursive-call line.

import type { CreationFrame, SourceLocation } from './protocol';

export interface LayerPlacement {
  location: SourceLocation;
  /** The frames between `location` and the layer's creation, innermost first: the helper lines it came through. */
  via: CreationFrame[];
}

const lineKey = (f: SourceLocation) => `${f.file}\u0000${f.line}`;

/**
 * One placement per chain (same order); undefined for a layer without user frames. `chains` must hold the
 * layers of one model: whether a line is a helper's depends on which other layers of that model it made.
 */
export function placeLayers(chains: readonly (readonly CreationFrame[] | undefined)[]): (LayerPlacement | undefined)[] {
  const depth = chains.map(() => 0);
  for (let changed = true; changed; ) {
    changed = false;
    const groups = new Map<string, number[]>();
    chains.forEach((chain, i) => {
      if (!chain?.length) return;
      const key = lineKey(chain[depth[i]]);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    for (const members of groups.values()) {
      const callers = new Set(members.flatMap((i) => (depth[i] + 1 < chains[i]!.length ? [lineKey(chains[i]![depth[i] + 1])] : [])));
      if (callers.size < 2) continue;
      for (const i of members) {
        if (depth[i] + 1 < chains[i]!.length) {
          depth[i]++;
          changed = true;
        }
      }
    }
  }
  return chains.map((chain, i) => {
    if (!chain?.length) return undefined;
    const { file, line, column } = chain[depth[i]];
    return { location: { file, line, column }, via: chain.slice(0, depth[i]).map((f) => ({ ...f })) };
  });
}

/** A raw frame as the runner reads it: `scope` identifies the function it runs in (file and the function's own position). */
export interface ScopedFrame extends CreationFrame {
  scope?: string;
}

/**
 * Folds recursion: from a function's innermost frame, the chain continues at the caller of that function's
 * outermost activation (also through mutual recursion, whose frames all lie between the two). Without this a
 * recursive builder's deepest layers would each have a different caller — the recursive call — and be spread
 * over that line; folded, they share the one call that started the recursion.
 */
export function collapseRecursion(frames: readonly ScopedFrame[]): CreationFrame[] {
  const out: CreationFrame[] = [];
  for (let i = 0; i < frames.length; i++) {
    const { scope, ...frame } = frames[i];
    out.push(frame);
    if (scope === undefined) continue;
    let last = i;
    for (let j = i + 1; j < frames.length; j++) if (frames[j].scope === scope) last = j;
    i = last;
  }
  return out;
}

/**
 * "made by `dense()` at line 30" — the hover's note on a layer placed on its helper's calling line, one part per frame
 * (innermost first). `code` formats a function name: Markdown code by default (the hover), plain for the CLI and SARIF;
 * `displayPath` must return text safe in that format for a frame in another file.
 */
export function viaParts(via: readonly CreationFrame[], placedFile: string | undefined, displayPath: (file: string) => string = (f) => f, code: (name: string) => string = (n) => `\`${n}\``): string[] {
  return via.map((f, i) => {
    const where = f.file === placedFile ? `line ${f.line}` : `${displayPath(f.file)}:${f.line}`;
    const verb = i === 0 ? 'made' : 'called from';
    return f.function ? `${i === 0 ? 'made by' : 'called from'} ${code(`${f.function}()`)} at ${where}` : i === 0 ? `${verb} at ${where}` : `${verb} ${where}`;
  });
}

/** The hover's whole note: viaParts joined. */
export function viaText(via: readonly CreationFrame[], placedFile: string | undefined, displayPath?: (file: string) => string, code?: (name: string) => string): string {
  return viaParts(via, placedFile, displayPath, code).join(', ');
}
