// The panel's "Not checked" section (webview/src/gradientsView.ts) in Chromium under the panel's CSP: a real profile's
// report (the deep-sigmoid recording) with the checks that stopped before deciding, as the host sends them — each text
// exactly the CLI's (core/probeStops.ts probeStopText, for the report's backend), grouped as the CLI groups them; none
// shown for a report without stops; a malformed stop is dropped by the panel's own validation, with a reason logged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { encodePanelMessage, type ToWebviewMessage } from '../../../src/core/panelProtocol';
import { probeStopText } from '../../../src/core/probeStops';
import type { ProbeStop } from '../../../src/core/protocol';
import { Harness } from './harness';
import { assertClean, init, profileMessage, report, shots, skip } from './recordings';

const initStop: ProbeStop = { probe: 'init', reason: 'budget', limitMs: 15_000, spentMs: 15_400, steps: 12, plannedSteps: 80, check: 'whether N(0, 1) weights cost training' };
const planShort: ProbeStop = { probe: 'plan', reason: 'shortened', limitMs: 15_000, spentMs: 15_000, steps: 40, plannedSteps: 80, check: "whether the script's planned steps leave the loss's plateau" };
const withStops: ToWebviewMessage = { type: 'profile', report: { ...report, backend: 'wasm', probeStops: [planShort, initStop] } };

let harness: Harness;
before(async () => {
  if (!skip) harness = await Harness.start();
});
after(async () => {
  await harness?.close();
});

const section = (panel: Awaited<ReturnType<Harness['open']>>) =>
  panel.page.evaluate(() => {
    const box = document.querySelector('.not-checked') as HTMLDetailsElement | null;
    return box && { hidden: box.hidden, open: box.open, summary: box.querySelector('summary')?.textContent, items: [...box.querySelectorAll('li')].map((li) => [li.dataset.section, li.textContent]) };
  });

test('a profile with stopped checks: a "Not checked" section, open, each text the CLI\'s for the report\'s backend', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, withStops]);
  await panel.frames();
  assert.deepEqual(await section(panel), {
    hidden: false,
    open: true,
    summary: 'Not checked: 1 · Checked on fewer steps: 1',
    items: [
      ['Not checked', probeStopText(initStop, 'wasm')],
      ['Checked on fewer steps', probeStopText(planShort, 'wasm')],
    ],
  });
  await panel.showTab('gradients');
  await panel.page.screenshot({ path: path.join(shots, 'panel-not-checked.png'), fullPage: true });
  await assertClean(panel);

  // The same file profiled again with every check made: the section goes.
  await panel.send([profileMessage]);
  await panel.frames();
  assert.equal((await section(panel))?.hidden, true);
  await panel.page.context().close();
});

test('near miss: a stop the protocol does not know is not shown; the message is dropped with a reason', { skip }, async () => {
  const panel = await harness.open('dark');
  const bad = JSON.parse(encodePanelMessage(withStops));
  bad.report.probeStops[1].reason = 'tired';
  await panel.send([init, JSON.stringify(bad)]);
  await panel.frames();
  assert.equal((await section(panel))?.hidden, true, 'no section from an invalid message');
  const logs = (await panel.posted()).filter((m) => m.type === 'log');
  assert.ok(logs.some((m) => m.type === 'log' && /probeStops\.1\.reason/.test(m.message)), JSON.stringify(logs));
  await panel.page.context().close();
});
