// The panel bundle in Debian Chromium under the panel's CSP (harness.ts), fed recorded protocol streams: a real
// profile of examples/deep-sigmoid and a real LR range test of examples/mnist-cnn (record.ts). Checks what is
// drawn (pixels of the theme's colours inside each plot), what is listed (rows vs the recordings), what is
// posted back (decoded with the host's own decoder), live growth without re-creating the chart, state across a
// reload, 1,000 fuzzed messages, and saves light / dark / high-contrast screenshots under test-output/webview/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { formatNumber } from '../../../src/core/format';
import { decodeToWebview, encodePanelMessage, type PanelReport, type ToWebviewMessage } from '../../../src/core/panelProtocol';
import { VERDICT_LABEL, sortVerdicts } from '../../../src/core/presentation';
import { parseWithNonFinite } from '../../../src/core/protocol';
import { Harness, repoRoot, type ThemeName } from './harness';

import { shots, skip, report, lrDoc, lrResult, lrPoints, lrRepeatsDone, init, lrStarted, lrStream, profileMessage, trainable, assertClean } from './recordings';

test('the recordings are valid protocol messages', () => {
  for (const message of [init, profileMessage, ...lrStream]) {
    assert.ok(decodeToWebview(encodePanelMessage(message), (reason) => assert.fail(reason)), message.type);
  }
  assert.equal(lrPoints.length, lrDoc.points.flat().length);
  assert.ok(lrPoints.length > 200, `a real sweep has hundreds of points, got ${lrPoints.length}`);
  assert.ok(trainable.some((l) => l.verdicts.includes('vanishing')) && trainable.some((l) => l.verdicts.length === 0), 'the profile mixes vanishing and healthy layers');
});

// ---- browser ------------------------------------------------------------------------------------------

let harness: Harness;
before(async () => {
  if (!skip) harness = await Harness.start();
});
after(async () => {
  await harness?.close();
});

test('loads under the panel CSP: components upgraded with constructable stylesheets, posts ready', { skip }, async () => {
  const panel = await harness.open('dark');
  assert.deepEqual((await panel.posted()).map((m) => m.type), ['ready']);
  const components = await panel.page.evaluate(() => {
    const tabs = document.querySelector('vscode-tabs');
    const button = document.querySelector('vscode-button');
    return {
      tabsDefined: Boolean(customElements.get('vscode-tabs')),
      tabsSheets: tabs?.shadowRoot?.adoptedStyleSheets.length ?? 0,
      buttonSheets: button?.shadowRoot?.adoptedStyleSheets.length ?? 0,
      uplotCss: getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim(),
      styleElements: document.querySelectorAll('style').length,
    };
  });
  assert.ok(components.tabsDefined, 'vscode-tabs is defined');
  assert.ok(components.tabsSheets > 0 && components.buttonSheets > 0, `adopted stylesheets: tabs ${components.tabsSheets}, button ${components.buttonSheets}`);
  assert.equal(components.styleElements, 0, 'no <style> elements (the CSP would block them)');
  await assertClean(panel);
  await panel.page.context().close();
});

test('profile: layer rows, verdict-coloured bars, drawn charts, sortable table and CSV match the recording', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, profileMessage]);
  await panel.showTab('gradients');

  const rows = await panel.page.$$eval('.layer-row', (els) =>
    els.map((e) => [(e as HTMLElement).dataset.layer, e.querySelector('.layer-line')?.textContent, e.querySelector('.layer-norm')?.textContent, e.querySelector('.layer-verdict')?.textContent]),
  );
  assert.deepEqual(
    rows,
    trainable.map((l) => [l.name, `line ${l.line}`, `‖g‖ ${formatNumber(l.gradNorm)}`, sortVerdicts(l.verdicts).map((v) => VERDICT_LABEL[v]).join(', ') || 'ok']),
  );

  // Which tfjs and backend ran: in the summary line, and why in its tooltip.
  const summary = await panel.page.$eval('.gradients-view .model-summary', (e) => [e.textContent, (e as HTMLElement).title]);
  assert.ok(summary[0]?.includes(`tfjs ${report.tfjsVersion} on ${report.backend}`), summary[0] ?? '');
  assert.equal(summary[1], `backend ${report.backend} (${report.backendReason}); tfjs ${report.tfjsVersion} from ${report.tfjsSource}`);

  const vanishing = await panel.cssVariable('--vscode-gradientLens-vanishingForeground');
  const healthy = await panel.cssVariable('--vscode-gradientLens-healthyForeground');
  const bars = '[data-chart=bars]';
  const barVanishing = await panel.plotPixels(bars, vanishing, 8);
  const barHealthy = await panel.plotPixels(bars, healthy, 8);
  assert.ok(barVanishing > 1000 && barHealthy > 1000, `bar pixels: vanishing ${barVanishing}, healthy ${barHealthy}`);
  // The healthy layers (step-0 ‖g‖ 3e-4…1 on a 1e-13…1 axis) are the tallest bars: more pixels per bar.
  const vanishingCount = trainable.filter((l) => l.verdicts.includes('vanishing')).length;
  assert.ok(barHealthy / (trainable.length - vanishingCount) > barVanishing / vanishingCount, 'healthy bars are taller on average');

  const charts = await panel.page.$$('.gradients-view .chart-box');
  assert.equal(charts.length, 3);
  for (const [index, minimum] of [[1, 2000], [2, 5000]] as const) {
    const selector = `[data-chart=${index === 1 ? 'norms' : 'distribution'}]`;
    const drawn = await panel.plotPixels(selector);
    assert.ok(drawn > minimum, `chart ${index} has ${drawn} drawn pixels`);
  }
  const normsVanishing = await panel.plotPixels('[data-chart=norms]', vanishing, 8);
  assert.ok(normsVanishing > 500, `‖g‖-over-steps lines in the vanishing colour: ${normsVanishing} px`);

  await panel.showTab('table');
  const tableRows = await panel.page.$$eval('#layers-table tbody tr', (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.layer, tr.querySelector('td[data-key="gradNorm"]')?.textContent]));
  assert.deepEqual(tableRows, report.layers.map((l) => [l.name, l.weights.length ? formatNumber(l.gradNorm) : '–']));

  const header = '#layers-table th[data-key="gradNorm"]';
  await panel.page.click(`${header} button`);
  const ascending = await panel.page.$$eval('#layers-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.layer));
  const byNorm = [...report.layers].filter((l) => l.weights.length).sort((a, b) => a.gradNorm - b.gradNorm).map((l) => l.name);
  assert.deepEqual(ascending.slice(0, byNorm.length), byNorm);
  assert.equal(await panel.page.getAttribute(header, 'aria-sort'), 'ascending');
  await panel.page.click(`${header} button`);
  const descending = await panel.page.$$eval('#layers-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.layer));
  assert.deepEqual(descending.slice(0, byNorm.length), [...byNorm].reverse());
  assert.equal(await panel.page.getAttribute(header, 'aria-sort'), 'descending');

  await panel.clearPosted();
  await panel.page.click('#export-csv');
  const [exported] = await panel.posted();
  assert.ok(exported?.type === 'exportData' && exported.format === 'csv', JSON.stringify(exported));
  const lines = exported.content.trim().split('\n').map((line) => line.split(','));
  const column = lines[0].indexOf('gradNorm');
  assert.equal(lines.length, report.layers.length + 1);
  lines.slice(1).forEach((cells, i) => assert.equal(cells[column], report.layers[i].weights.length ? String(report.layers[i].gradNorm) : '', report.layers[i].name));
  assert.equal(exported.suggestedName, 'model-gradients.csv');

  await panel.clearPosted();
  await panel.page.click('#export-json');
  const [json] = await panel.posted();
  assert.ok(json?.type === 'exportData' && json.format === 'json');
  const document = parseWithNonFinite(json.content) as { file: string; report: PanelReport };
  assert.equal(document.file, report.file);
  assert.deepEqual(document.report, report, 'the JSON export holds the report exactly, NaN included');
  await assertClean(panel);
  await panel.page.context().close();
});

test('clicking a layer row or its bar posts revealLayer with its source location', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, profileMessage]);
  await panel.showTab('gradients');
  const target = trainable[4];
  await panel.clearPosted();
  await panel.page.click(`.layer-row[data-layer="${target.name}"]`);
  assert.deepEqual(await panel.posted(), [{ type: 'revealLayer', layer: target.name, file: target.file, line: target.line, column: target.column }]);
  assert.equal(await panel.page.getAttribute(`.layer-row[data-layer="${target.name}"]`, 'aria-pressed'), 'true');
  assert.match((await panel.page.textContent('.gradients-view .heading-row h3')) ?? '', new RegExp(`${target.name} \\(line ${target.line}\\)`));

  // The bar of the 18th layer: centre of its slot, just above the axis.
  const index = 17;
  const over = (await panel.page.$('[data-chart=bars] .u-over'))!;
  const box = (await over.boundingBox())!;
  await panel.clearPosted();
  await panel.page.mouse.move(box.x + ((index + 0.5) / trainable.length) * box.width, box.y + box.height - 4);
  await panel.page.mouse.down();
  await panel.page.mouse.up();
  const layer = trainable[index];
  assert.deepEqual(await panel.posted(), [{ type: 'revealLayer', layer: layer.name, file: layer.file, line: layer.line, column: layer.column }]);
  await assertClean(panel);
  await panel.page.context().close();
});

test('state survives a reload: same tab, curve, suggestions and layers without any message', { skip }, async () => {
  const panel = await harness.open('light');
  await panel.send([init, profileMessage, ...lrStream]);
  await panel.showTab('table');
  await panel.clearPosted();
  await panel.page.reload();
  await harness.waitForReady(panel);
  await panel.frames();
  assert.deepEqual((await panel.posted()).map((m) => m.type), ['ready']);
  assert.equal(await panel.page.evaluate(() => (document.querySelector('vscode-tabs') as HTMLElement & { selectedIndex: number }).selectedIndex), 2);
  assert.equal(await panel.page.$$eval('#layers-table tbody tr', (trs) => trs.length), report.layers.length);
  await panel.showTab('lr');
  assert.equal(await panel.page.textContent('.suggestion-table tr[data-kind="valley"] td.value'), formatNumber(lrResult.suggestions.valley!.lr));
  assert.ok((await panel.plotPixels('[data-chart=lr]')) > 1000, 'curve redrawn from state');
  assert.equal(await panel.page.textContent('#panel-title'), path.basename(report.file));
  await assertClean(panel);
  await panel.page.context().close();
});

// ---- fuzzing ------------------------------------------------------------------------------------------

/** Park–Miller: the same 1,000 messages every run. */
function prng(seed: number) {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function fuzzMessages(count: number): unknown[] {
  const random = prng(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weird = (): unknown =>
    pick<() => unknown>([
      () => NaN,
      () => -Infinity,
      () => -1,
      () => 0,
      () => 1e308,
      () => 2 ** 31,
      () => '',
      () => 'x'.repeat(5000),
      () => '<img src=x onerror=alert(1)>',
      () => null,
      () => [],
      () => ({}),
      () => ({ __proto__: { polluted: true } }),
      () => [1, 2, 3],
      () => true,
      () => Math.floor(random() * 100),
    ])();
  const samples: ToWebviewMessage[] = [init, lrStarted, lrPoints[7], lrRepeatsDone[0], { type: 'lrResult', result: lrResult }, { type: 'lrFailed', message: 'boom' }, { type: 'status', running: true, message: 'x' }, profileMessage];
  const mutate = (value: unknown, depth: number): unknown => {
    if (Array.isArray(value)) {
      if (value.length === 0 || random() < 0.2) return weird();
      const copy = [...value];
      const i = Math.floor(random() * copy.length);
      copy[i] = mutate(copy[i], depth + 1);
      if (random() < 0.1) copy.length = Math.floor(random() * copy.length);
      return copy;
    }
    if (value && typeof value === 'object') {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const key = pick(keys);
      if (random() < 0.15) delete copy[key];
      else copy[key] = depth > 6 || random() < 0.4 ? weird() : mutate(copy[key], depth + 1);
      return copy;
    }
    return weird();
  };
  const messages: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random();
    if (kind < 0.55) messages.push(encodePanelMessage(mutate(pick(samples), 0) as ToWebviewMessage));
    else if (kind < 0.7) messages.push(encodePanelMessage({ ...(pick(samples) as object), type: pick(['', 'eval', 'INIT', '__proto__', 'constructor', 'lrpoint', 'profile ']) } as unknown as ToWebviewMessage));
    else if (kind < 0.8) {
      const text = encodePanelMessage(pick(samples));
      messages.push(text.slice(0, Math.floor(random() * text.length)));
    } else if (kind < 0.9) messages.push(weird());
    // Valid messages in senseless orders: points without a sweep, results twice, empty profiles.
    else messages.push(encodePanelMessage(pick<ToWebviewMessage>([...samples, { type: 'profile', report: { ...report, layers: [] } }, { type: 'lrResult', result: { ...lrResult, median: [], band: [] } }])));
  }
  return messages;
}

test('1,000 fuzzed messages: no page error, every invalid one ignored and logged, the panel still works', { skip }, async () => {
  const panel = await harness.open('dark');
  const messages = fuzzMessages(1000);
  const invalid = messages.filter((m) => decodeToWebview(m) === undefined).length;
  assert.ok(invalid > 600 && invalid < 1000, `${invalid} of 1000 are invalid`);
  for (let i = 0; i < messages.length; i += 100) {
    await panel.send(messages.slice(i, i + 100));
    await panel.frames();
  }
  await panel.showTab('gradients');
  await panel.showTab('table');
  await panel.showTab('lr');
  await assertClean(panel);
  const warnings = (await panel.posted()).filter((m) => m.type === 'log' && m.level === 'warn');
  assert.equal(warnings.length, invalid, 'one warning per ignored message');
  assert.equal(await panel.page.evaluate(() => (window as unknown as { polluted?: boolean }).polluted), undefined);

  await panel.send([init, profileMessage]);
  await panel.showTab('gradients');
  assert.equal(await panel.page.$$eval('.layer-row', (els) => els.length), trainable.length, 'renders a valid profile afterwards');
  await assertClean(panel);
  await panel.page.context().close();
});

// ---- themes -------------------------------------------------------------------------------------------

test('light, dark and high-contrast: charts use the theme colours; screenshots saved', { skip }, async () => {
  fs.mkdirSync(shots, { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { colors: { id: string; defaults: Record<string, string> }[] } };
  const defaults = (id: string) => pkg.contributes.colors.find((c) => c.id === id)!.defaults;
  const themes: [ThemeName, string][] = [['light', 'light'], ['dark', 'dark'], ['high-contrast', 'highContrast']];
  for (const [theme, key] of themes) {
    const panel = await harness.open(theme, { width: 1100, height: 1000 });
    await panel.send([init, profileMessage, ...lrStream]);
    await panel.frames();
    await panel.page.screenshot({ path: path.join(shots, `panel-${theme}-lr.png`), fullPage: true });
    await panel.showTab('gradients');
    const vanishing = defaults('gradientLens.vanishingForeground')[key];
    const pixels = await panel.plotPixels('[data-chart=bars]', vanishing, 8);
    assert.ok(pixels > 1000, `${theme}: bars in ${vanishing}: ${pixels} px`);
    await panel.page.screenshot({ path: path.join(shots, `panel-${theme}-gradients.png`), fullPage: true });
    await panel.showTab('table');
    await panel.page.screenshot({ path: path.join(shots, `panel-${theme}-table.png`), fullPage: true });
    await assertClean(panel);
    await panel.page.context().close();
  }
});

test('a theme switch at run time recolours the charts', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, profileMessage]);
  await panel.showTab('gradients');
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { colors: { id: string; defaults: Record<string, string> }[] } };
  const { dark, light } = pkg.contributes.colors.find((c) => c.id === 'gradientLens.vanishingForeground')!.defaults;
  const bars = '[data-chart=bars]';
  assert.ok((await panel.plotPixels(bars, dark, 8)) > 1000);
  // What VS Code does on a theme change: new variable values on <html>, a new class on <body>.
  await panel.page.evaluate((color) => {
    document.documentElement.style.setProperty('--vscode-gradientLens-vanishingForeground', color);
    document.body.classList.replace('vscode-dark', 'vscode-light');
  }, light);
  await panel.frames();
  await panel.frames();
  assert.ok((await panel.plotPixels(bars, light, 8)) > 1000, 'bars redrawn in the light colour');
  assert.equal(await panel.plotPixels(bars, dark, 8), 0, 'no bar left in the dark colour');
  await assertClean(panel);
  await panel.page.context().close();
});
