// Which line a helper-made layer belongs on (src/core/layerPlacement.ts): chains of user frames, innermost first.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { collapseRecursion, placeLayers, viaText, type ScopedFrame } from '../../src/core/layerPlacement';
import type { CreationFrame } from '../../src/core/protocol';
import { hoverMarkdown } from '../../src/core/presentation';
import { helperSites } from '../../src/core/findingSites';
import type { ReportLayer } from '../../src/core/report';

const F = (line: number, fn?: string, file = '/w/model.js'): CreationFrame => ({ file, line, column: 3, ...(fn ? { function: fn } : {}) });
const lines = (chains: (CreationFrame[] | undefined)[]) => placeLayers(chains).map((p) => p?.location.line);

test('a helper line serving several calling lines: each layer on its caller, the helper kept in via', () => {
  const helper = F(4, 'dense');
  const placed = placeLayers([[helper, F(9)], [helper, F(10)], [helper, F(11)]]);
  assert.deepEqual(placed.map((p) => p?.location.line), [9, 10, 11]);
  assert.deepEqual(placed.map((p) => p?.via), [[helper], [helper], [helper]]);
});

test('near misses keep the innermost line: one calling line (helper called once, or from one line in a loop), a loop line, a builder called once', () => {
  assert.deepEqual(lines([[F(4, 'dense'), F(9)], [F(10), F(20)]]), [4, 10], 'helper called once');
  assert.deepEqual(lines([[F(4, 'dense'), F(9)], [F(4, 'dense'), F(9)], [F(4, 'dense'), F(9)]]), [4, 4, 4], 'helper called from one line in a loop');
  assert.deepEqual(lines([[F(7), F(30)], [F(7), F(30)], [F(8), F(30)]]), [7, 7, 8], 'builder called once: its lines differ already');
  assert.deepEqual(placeLayers([[F(7), F(30)]])[0]?.via, [], 'nothing to say in the hover');
  // Same line number in two files is two lines.
  assert.deepEqual(lines([[F(4, 'dense', '/w/a.js'), F(9)], [F(4, 'dense', '/w/b.js'), F(10)]]), [4, 4]);
});

test('two calls on one line are one calling line', () => {
  const a = { ...F(9), column: 11 };
  const b = { ...F(9), column: 30 };
  assert.deepEqual(lines([[F(4, 'dense'), a], [F(4, 'dense'), b]]), [4, 4]);
});

test('nested helpers move out until the lines differ: block() called twice, each making two layers through dense()', () => {
  const d = F(3, 'dense', '/w/lib.js');
  const h = F(8, 'block', '/w/lib.js');
  const o = F(9, 'block', '/w/lib.js');
  const placed = placeLayers([[d, h, F(20)], [d, o, F(20)], [d, h, F(21)], [d, o, F(21)], [d, F(22)]]);
  assert.deepEqual(placed.map((p) => p?.location.line), [20, 20, 21, 21, 22]);
  assert.deepEqual(placed[1]?.via, [d, o]);
  assert.deepEqual(placed[4]?.via, [d]);
});

test('a layer whose chain ends (top-level code, or a truncated stack) stays; the others still move', () => {
  assert.deepEqual(lines([[F(4, 'dense')], [F(4, 'dense'), F(9)], [F(4, 'dense'), F(10)]]), [4, 9, 10]);
  assert.deepEqual(lines([[F(4, 'dense')], [F(4, 'dense'), F(9)]]), [4, 4], 'one caller among those that have one');
  assert.deepEqual(lines([undefined, [F(5)]]), [undefined, 5]);
});

test('collapseRecursion: a recursive builder continues at the call that started it (also through mutual recursion)', () => {
  const S = (line: number, scope: string): ScopedFrame => ({ ...F(line, scope), scope });
  // stack() adds at line 7 and recurses at line 8; called once from line 14 in createModel.
  assert.deepEqual(collapseRecursion([S(7, 'stack'), S(8, 'stack'), S(8, 'stack'), S(14, 'createModel')]), [F(7, 'stack'), F(14, 'createModel')]);
  assert.deepEqual(collapseRecursion([S(7, 'stack'), S(14, 'createModel')]), [F(7, 'stack'), F(14, 'createModel')]);
  // a() → b() → a(): b's frame lies inside a's recursion.
  assert.deepEqual(collapseRecursion([S(2, 'a'), S(5, 'b'), S(3, 'a'), S(20, 'main')]), [F(2, 'a'), F(20, 'main')]);
  // Without recursion the chain is unchanged (two functions of one name are two scopes).
  assert.deepEqual(collapseRecursion([{ ...F(2, 'f'), scope: 'x:1:1:f' }, { ...F(9, 'f'), scope: 'y:1:1:f' }]), [F(2, 'f'), F(9, 'f')]);
  // Folded, every depth of the recursion shares its caller: the layers stay on the line that makes them.
  const chains = [0, 1, 2].map((depth) => collapseRecursion([S(7, 'stack'), ...Array.from({ length: depth }, () => S(8, 'stack')), S(14, 'createModel')]));
  assert.deepEqual(lines(chains), [7, 7, 7]);
});

test('viaText names the helper and its line; another file by its path', () => {
  assert.equal(viaText([F(30, 'torchLinear')], '/w/model.js'), 'made by `torchLinear()` at line 30');
  assert.equal(viaText([F(3, 'dense', '/w/lib.js'), F(9, 'block', '/w/lib.js')], '/w/model.js', (f) => f.replace('/w/', '')), 'made by `dense()` at lib.js:3, called from `block()` at lib.js:9');
  assert.equal(viaText([F(12)], '/w/model.js'), 'made at line 12');
  assert.equal(viaText([F(3, 'dense'), F(9)], '/w/model.js'), 'made by `dense()` at line 3, called from line 9');
  assert.equal(viaText([], '/w/model.js'), '');
});

test('hover: a layer placed on its helper call says where the helper made it', () => {
  const layer = (via?: CreationFrame[]): ReportLayer => ({ name: 'dense_2', className: 'Dense', file: '/w/model.js', line: 34, gradNorm: 0.1, verdicts: [], weights: [], steps: [], ...(via ? { via } : {}) });
  assert.match(hoverMarkdown([layer([F(30, 'torchLinear')])], [], (c) => c), /_made by `torchLinear\(\)` at line 30\._/);
  assert.doesNotMatch(hoverMarkdown([layer()], [], (c) => c), /made by/);
});

test('helperSites: the finding\'s layer\'s helper frames in plain words, each at its own line; none for a layer without via', () => {
  const layers = [
    { name: 'dense_2', file: '/w/model.js', line: 34, via: [F(3, 'dense', '/w/lib.js'), F(9, 'block')] },
    { name: 'dense_3', file: '/w/model.js', line: 35 },
  ];
  assert.deepEqual(helperSites(layers, { layer: 'dense_2' }, (f) => f.replace('/w/', '')), [
    { message: 'dense_2: made by dense() at lib.js:3', file: '/w/lib.js', line: 3, column: 3, kind: 'helper' },
    { message: 'dense_2: called from block() at line 9', file: '/w/model.js', line: 9, column: 3, kind: 'helper' },
  ]);
  assert.deepEqual(helperSites(layers, { layer: 'dense_3' }), []);
  assert.deepEqual(helperSites(layers, {}), []);
});
