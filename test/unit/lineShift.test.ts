// Line-shift arithmetic (src/core/lineShift.ts): how stored result lines follow edits.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { editsBetween, lineAfterEdit, lineAfterEdits, type LineEdit } from '../../src/core/lineShift';

const insert = (line: number, column: number, text: string, startsAtLineEnd = false): LineEdit => ({ startLine: line, startColumn: column, endLine: line, endColumn: column, text, startsAtLineEnd });
const replace = (sl: number, sc: number, el: number, ec: number, text: string): LineEdit => ({ startLine: sl, startColumn: sc, endLine: el, endColumn: ec, text });

test('lines above an edit stay, lines below move by the line delta', () => {
  assert.deepEqual(lineAfterEdit(2, insert(5, 3, 'a\nb\nc')), { kind: 'moved', line: 2 });
  assert.deepEqual(lineAfterEdit(9, insert(5, 3, 'a\nb\nc')), { kind: 'moved', line: 11 });
  assert.deepEqual(lineAfterEdit(9, replace(5, 0, 8, 0, '')), { kind: 'moved', line: 6 });
});

test('a line typed in becomes edited', () => {
  assert.deepEqual(lineAfterEdit(5, insert(5, 3, 'x')), { kind: 'edited', line: 5 });
  assert.deepEqual(lineAfterEdit(5, replace(5, 2, 5, 6, '')), { kind: 'edited', line: 5 });
});

test('lines inserted above a line (at its column 0) move it whole', () => {
  assert.deepEqual(lineAfterEdit(5, insert(5, 0, 'new line\n')), { kind: 'moved', line: 6 });
  assert.deepEqual(lineAfterEdit(5, insert(5, 0, '\n\n')), { kind: 'moved', line: 7 });
});

test('Enter at the end of a line leaves it intact; in the middle it is edited', () => {
  assert.deepEqual(lineAfterEdit(5, insert(5, 40, '\n    ', true)), { kind: 'moved', line: 5 });
  assert.deepEqual(lineAfterEdit(6, insert(5, 40, '\n    ', true)), { kind: 'moved', line: 7 });
  assert.deepEqual(lineAfterEdit(5, insert(5, 10, '\n    ')), { kind: 'edited', line: 5 });
});

test('deleted whole lines are deleted; the line after them moves up intact', () => {
  assert.deepEqual(lineAfterEdit(5, replace(5, 0, 6, 0, '')), { kind: 'deleted' });
  assert.deepEqual(lineAfterEdit(6, replace(5, 0, 6, 0, '')), { kind: 'moved', line: 5 });
  assert.deepEqual(lineAfterEdit(4, replace(3, 0, 6, 0, '')), { kind: 'deleted' });
});

test('a multi-line replacement: first line edited, inner lines deleted, last line merged', () => {
  const edit = replace(3, 4, 6, 2, 'x\ny');
  assert.deepEqual(lineAfterEdit(3, edit), { kind: 'edited', line: 3 });
  assert.deepEqual(lineAfterEdit(4, edit), { kind: 'deleted' });
  assert.deepEqual(lineAfterEdit(6, edit), { kind: 'edited', line: 4 });
  assert.deepEqual(lineAfterEdit(7, edit), { kind: 'moved', line: 5 });
});

test('joining a line into the previous one edits it', () => {
  // Backspace at column 0 of line 6 removes the line break at the end of line 5.
  assert.deepEqual(lineAfterEdit(6, replace(5, 12, 6, 0, '')), { kind: 'edited', line: 5 });
});

test('several edits of one event (multi-cursor) are applied bottom-up', () => {
  const edits = [insert(2, 0, 'a\n'), insert(8, 0, 'b\nc\n')];
  assert.deepEqual(lineAfterEdits(5, edits), { kind: 'moved', line: 6 });
  assert.deepEqual(lineAfterEdits(10, edits), { kind: 'moved', line: 13 });
  assert.deepEqual(lineAfterEdits(8, [insert(8, 2, 'z'), insert(1, 0, '\n')]), { kind: 'edited', line: 9 });
  assert.deepEqual(lineAfterEdits(8, [replace(8, 0, 9, 0, ''), insert(1, 0, '\n')]), { kind: 'deleted' });
});

test('editsBetween: lines measured on the saved file land where the unsaved text has them', () => {
  const saved = ['a', 'b', 'c', 'd', 'e', 'f'].join('\n') + '\n';
  // two lines inserted above b, c changed, e removed
  const buffer = ['a', 'x', 'y', 'b', 'C!', 'd', 'f'].join('\n') + '\n';
  const edits = editsBetween(saved, buffer);
  const fates = [0, 1, 2, 3, 4, 5].map((line) => lineAfterEdits(line, edits));
  assert.deepEqual(fates, [
    { kind: 'moved', line: 0 },
    { kind: 'moved', line: 3 },
    { kind: 'edited', line: 4 },
    { kind: 'moved', line: 5 },
    { kind: 'deleted' },
    { kind: 'moved', line: 6 },
  ]);
  // every surviving line reads the same in both texts unless it was edited
  const before = saved.split('\n');
  const after = buffer.split('\n');
  fates.forEach((fate, line) => {
    if (fate.kind === 'moved') assert.equal(after[fate.line], before[line]);
  });
  assert.deepEqual(editsBetween(saved, saved), []);
  assert.deepEqual(editsBetween('a\r\nb\r\n', 'a\nb\n'), [], 'line endings alone are no edit');
});

test('editsBetween: a block of changed lines keeps its first and last lines as edited; a last line without newline', () => {
  const edits = editsBetween('p\nq\nr\ns', 'p\nQ\nR\ns!');
  assert.deepEqual([0, 1, 2, 3].map((line) => lineAfterEdits(line, edits)), [
    { kind: 'moved', line: 0 },
    { kind: 'edited', line: 1 },
    { kind: 'edited', line: 2 },
    { kind: 'edited', line: 3 },
  ]);
});

test('editsBetween: a changed block that shrinks or grows', () => {
  const shrink = editsBetween('a\nb\nc\nd\ne\n', 'a\nB\ne\n');
  assert.deepEqual([0, 1, 2, 3, 4].map((line) => lineAfterEdits(line, shrink)), [
    { kind: 'moved', line: 0 },
    { kind: 'edited', line: 1 },
    { kind: 'deleted' },
    { kind: 'deleted' },
    { kind: 'moved', line: 2 },
  ]);
  const grow = editsBetween('a\nb\nc', 'a\nB\nB2\nB3\nc');
  assert.deepEqual([0, 1, 2].map((line) => lineAfterEdits(line, grow)), [
    { kind: 'moved', line: 0 },
    { kind: 'edited', line: 1 },
    { kind: 'moved', line: 4 },
  ]);
});
