// Line-shift arithmetic for results that point at source lines: after an edit, where does a line that
// existed before the edit live now, and was it touched? Pure (the extension feeds it VS Code's
// TextDocumentContentChangeEvents, converted to this shape). All line/column numbers are 0-based here.

import { diffLines } from 'diff';

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

/**
 * The edits that turn `before` into `after`, line by line (jsdiff's line diff), in the coordinates of
 * `before`: what results measured on the saved file need when the editor holds unsaved edits. In a block
 * of changed lines the old and new lines pair up one to one and count as edited (stale), the surplus is
 * removed or appended; pure insertions and removals move the lines around them.
 */
export function editsBetween(before: string, after: string): LineEdit[] {
  const edits: LineEdit[] = [];
  const oldLines = before.replace(/\r\n/g, '\n').split('\n');
  const changes = diffLines(before.replace(/\r\n/g, '\n'), after.replace(/\r\n/g, '\n'));
  let line = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (!change.added && !change.removed) {
      line += change.count;
      continue;
    }
    const removed = change.removed ? change : undefined;
    const added = change.removed ? (changes[i + 1]?.added ? changes[++i] : undefined) : change;
    const removedLines = removed?.count ?? 0;
    if (!removed) {
      edits.push({ startLine: line, startColumn: 0, endLine: line, endColumn: 0, text: added!.value });
    } else if (!added) {
      edits.push({ startLine: line, startColumn: 0, endLine: line + removedLines, endColumn: 0, text: '' });
    } else {
      // Changed lines pair up one to one (each stays, edited); the surplus is removed or appended.
      const newLines = added.value.split('\n');
      if (added.value.endsWith('\n')) newLines.pop();
      const paired = Math.min(removedLines, newLines.length);
      for (let k = 0; k < paired; k++) edits.push({ startLine: line + k, startColumn: 0, endLine: line + k, endColumn: oldLines[line + k].length, text: newLines[k] });
      const last = line + paired - 1;
      const end = line + removedLines - 1;
      if (removedLines > paired) {
        // Whole lines go when a line break follows them; at the end of a file without one, the tail of `last` goes.
        if (removed.value.endsWith('\n')) edits.push({ startLine: last + 1, startColumn: 0, endLine: end + 1, endColumn: 0, text: '' });
        else edits.push({ startLine: last, startColumn: oldLines[last].length, endLine: end, endColumn: oldLines[end].length, text: '' });
      }
      if (newLines.length > paired) edits.push({ startLine: last, startColumn: oldLines[last].length, endLine: last, endColumn: oldLines[last].length, text: `\n${newLines.slice(paired).join('\n')}` });
    }
    line += removedLines;
  }
  return edits;
}
