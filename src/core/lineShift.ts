// Line-shift arithmetic for results that point at source lines: after an edit, where does a line that
// existed before the edit live now, and was it touched? Pure (the extension feeds it VS Code's
// TextDocumentContentChangeEvents, converted to this shape). All line/column numbers are 0-based here.

export interface LineEdit {
  /** Replaced range, in the coordinates of the document BEFORE this edit. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Inserted text. */
  text: string;
  /**
   * The range starts at the very end of its first line (e.g. Enter pressed at the end of a line), so the
   * text before it is untouched. Only the caller can know (it needs the line's length).
   */
  startsAtLineEnd?: boolean;
}

export type LineFate =
  /** Not touched; now at `line` (possibly moved). */
  | { kind: 'moved'; line: number }
  /** Its text was edited; now at `line`. */
  | { kind: 'edited'; line: number }
  /** The whole line was deleted. */
  | { kind: 'deleted' };

function newlineCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Where `line` (0-based, before the edit) is after one edit. */
export function lineAfterEdit(line: number, edit: LineEdit): LineFate {
  const { startLine, endLine, text } = edit;
  const inserted = newlineCount(text);
  const delta = inserted - (endLine - startLine);
  if (line < startLine) return { kind: 'moved', line };
  if (line > endLine) return { kind: 'moved', line: line + delta };

  const emptyRange = startLine === endLine && edit.startColumn === edit.endColumn;
  // Text inserted (or lines removed) before the line's first character, ending with a line break or
  // nothing: the line itself moves as a whole.
  const lineMovesWhole = edit.endColumn === 0 && (text.endsWith('\n') || (text === '' && edit.startColumn === 0));

  if (line === endLine && lineMovesWhole && (startLine < endLine || emptyRange)) {
    return { kind: 'moved', line: line + delta };
  }
  if (line === startLine && edit.startsAtLineEnd && /^[ \t]*\r?\n[\s]*$/.test(text) && emptyRange) {
    // A line break (plus indentation) typed at the end of the line: the line is intact.
    return { kind: 'moved', line };
  }
  // Whole lines replaced (the range runs from a line start to a line start): the old lines are gone.
  if (edit.startColumn === 0 && edit.endColumn === 0 && line < endLine) return { kind: 'deleted' };
  if (line === startLine) return { kind: 'edited', line: startLine };
  // The rest of the last replaced line now follows the last inserted line.
  if (line === endLine) return { kind: 'edited', line: startLine + inserted };
  return { kind: 'deleted' };
}

/**
 * Applies the edits of one change event (all in the coordinates of the document before the event, as
 * VS Code reports them) to a line. Edits are applied from the bottom of the document up, so the
 * coordinates of the ones still to apply stay valid.
 */
export function lineAfterEdits(line: number, edits: readonly LineEdit[]): LineFate {
  const ordered = [...edits].sort((a, b) => b.startLine - a.startLine || b.startColumn - a.startColumn);
  let current = line;
  let edited = false;
  for (const edit of ordered) {
    const fate = lineAfterEdit(current, edit);
    if (fate.kind === 'deleted') return fate;
    if (fate.kind === 'edited') edited = true;
    current = fate.line;
  }
  return edited ? { kind: 'edited', line: current } : { kind: 'moved', line: current };
}
