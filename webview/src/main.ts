/*
 * Gradient Lens panel (browser side), bundled by esbuild.mjs to dist/webview/panel.js + dist/webview/panel.css.
 *
 * What the host's HTML must contain — the bundle builds every other element itself:
 *   <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-N';
 *         style-src ${cspSource}; img-src ${cspSource} data:; font-src ${cspSource}">
 *   <link rel="stylesheet" href="${asWebviewUri(dist/webview/panel.css)}">
 *   <body><div id="app"></div><script nonce="N" src="${asWebviewUri(dist/webview/panel.js)}"></script></body>
 * No inline <style> or style="" is used (the CSP forbids them); colours come from the --vscode-* variables.
 *
 * Protocol (src/core/panelProtocol.ts): the bundle restores its saved state, then posts `ready`; the host answers
 * with `init` and whatever it holds (`profile`, LR messages). Every message both ways is a JSON string; invalid
 * ones are ignored and reported back as `log` messages.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import 'uplot/dist/uPlot.min.css';
import '../../media/panel.css';
import { unhandled } from '../../src/core/exhaustive';
import {
  PANEL_TABS,
  decodePanelState,
  decodeToWebview,
  encodePanelMessage,
  type FromWebviewMessage,
  type PanelState,
  type PanelTab,
  type ToWebviewMessage,
} from '../../src/core/panelProtocol';
import type { Chart } from './chart';
import { basename, button, h } from './dom';
import { GradientsView } from './gradientsView';
import { LrView } from './lrView';
import { deserializeData, emptyData, emptyLr, serializeData, type PanelData } from './model';
import { TableView } from './tableView';
import { CompareView } from './compareView';
import { TrainingView } from './trainingView';
import { emptyTraining } from './trainingModel';
import { onThemeChange, readTheme } from './theme';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromWebviewMessage) => vscode.postMessage(encodePanelMessage(message));
const log = (level: 'info' | 'warn' | 'error', message: string) => {
  console[level === 'info' ? 'log' : level](`[gradient-lens panel] ${message}`);
  post({ type: 'log', level, message });
};

const saved = decodePanelState(vscode.getState());
const data: PanelData = (saved?.data && deserializeData(saved.data)) || emptyData();
if (saved) Object.assign(data, { file: saved.file, title: saved.title, tab: saved.tab });

let saveTimer: number | undefined;
function saveNow(): void {
  if (saveTimer !== undefined) cancelIdleCallback(saveTimer);
  saveTimer = undefined;
  const state: PanelState = { version: 1, file: data.file, title: data.title, tab: data.tab, data: serializeData(data) };
  vscode.setState(state);
}
/**
 * State (with a large report several MB of JSON) is written when the page is idle — never between a message
 * and the frame that shows it — at the latest after a second, and at once when the page is hidden or unloaded.
 */
function saveSoon(): void {
  saveTimer ??= requestIdleCallback(saveNow, { timeout: 1000 });
}
window.addEventListener('pagehide', () => saveTimer !== undefined && saveNow());
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && saveTimer !== undefined && saveNow());

function exportPng(chart: Chart, suggestedName: string, caption?: string[]): void {
  const content = chart.toPng(caption);
  if (content) post({ type: 'exportData', format: 'png', content, suggestedName });
  else log('info', 'nothing to export: the chart has not been drawn yet');
}

let theme = readTheme();
const lrView = new LrView(theme, post, exportPng);
const gradientsView = new GradientsView(theme, post, exportPng);
const tableView = new TableView(post, () => serializeData(data));
const trainingView = new TrainingView(theme, post, exportPng);
const compareView = new CompareView(theme, post, exportPng);

const title = h('h1', { id: 'panel-title' });
const fileLine = h('p', { class: 'file' });
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const cancel = button('Cancel', () => post({ type: 'cancel' }), { id: 'cancel', secondary: true });
const tabs = h(
  'vscode-tabs',
  { panel: true },
  h('vscode-tab-header', { slot: 'header', 'data-tab': 'lr' }, 'Learning rate'),
  h('vscode-tab-panel', {}, lrView.element),
  h('vscode-tab-header', { slot: 'header', 'data-tab': 'gradients' }, 'Gradients'),
  h('vscode-tab-panel', {}, gradientsView.element),
  h('vscode-tab-header', { slot: 'header', 'data-tab': 'table' }, 'Table'),
  h('vscode-tab-panel', {}, tableView.element),
  h('vscode-tab-header', { slot: 'header', 'data-tab': 'training' }, 'Training'),
  h('vscode-tab-panel', {}, trainingView.element),
  h('vscode-tab-header', { slot: 'header', 'data-tab': 'compare' }, 'Compare'),
  h('vscode-tab-panel', {}, compareView.element),
);
tabs.addEventListener('vsc-tabs-select', (event) => {
  data.tab = PANEL_TABS[(event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex] ?? 'lr';
  saveNow();
});

const app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
app.replaceChildren(h('header', { class: 'panel-header' }, h('div', {}, title, fileLine), h('div', { class: 'status-box' }, status, cancel)), tabs);

function selectTab(tab: PanelTab): void {
  data.tab = tab;
  (tabs as HTMLElement & { selectedIndex: number }).selectedIndex = PANEL_TABS.indexOf(tab);
}

function renderHeader(): void {
  title.textContent = data.title || basename(data.file) || 'Gradient Lens';
  document.title = title.textContent;
  fileLine.textContent = data.file;
  status.textContent = data.status?.message ?? '';
  cancel.hidden = !data.status?.running;
}

function renderAll(): void {
  renderHeader();
  lrView.show(data.lr);
  gradientsView.show(data.report);
  tableView.show(data);
  trainingView.show(data.training);
  compareView.show(data.training.compare);
  selectTab(data.tab);
}

function handle(message: ToWebviewMessage): void {
  switch (message.type) {
    case 'init':
      if (message.file !== data.file) Object.assign(data, emptyData(), { file: message.file });
      data.title = message.title;
      if (message.tab) data.tab = message.tab;
      renderAll();
      break;
    case 'status':
      data.status = { running: message.running, message: message.message };
      renderHeader();
      break;
    case 'lrStarted':
      data.lr = { ...emptyLr(), request: message.request };
      lrView.show(data.lr);
      tableView.show(data);
      selectTab('lr');
      break;
    case 'lrPoint': {
      const { type: _type, ...point } = message;
      lrView.addPoint(point);
      break;
    }
    case 'lrRepeatDone': {
      const { type: _type, ...done } = message;
      data.lr.repeatsDone.push(done);
      lrView.refresh();
      break;
    }
    case 'lrResult':
      data.lr.result = message.result;
      lrView.refresh();
      tableView.show(data);
      break;
    case 'lrFailed':
      data.lr.error = message.message;
      lrView.refresh();
      break;
    case 'profile':
      data.report = message.report;
      gradientsView.show(data.report);
      tableView.show(data);
      break;
    case 'trainingStarted':
      data.training = { ...emptyTraining(), compare: data.training.compare, run: message.run };
      trainingView.show(data.training);
      selectTab('training');
      break;
    case 'trainingSteps':
      trainingView.addSteps(message.steps);
      break;
    case 'trainingSample': {
      const { type: _type, ...sample } = message;
      trainingView.addSample(sample);
      break;
    }
    case 'trainingEpoch': {
      const { type: _type, ...epoch } = message;
      data.training.epochs.push(epoch);
      trainingView.refresh();
      break;
    }
    case 'trainingValidation':
      trainingView.addValidation(message.readings);
      break;
    case 'trainingFinding':
      data.training.findings.push(message.finding);
      trainingView.refresh();
      break;
    case 'trainingEnded':
      data.training.ended = { status: message.status, message: message.message };
      trainingView.refresh();
      break;
    case 'compare':
      data.training.compare = message.compare;
      compareView.show(message.compare);
      selectTab('compare');
      break;
    default:
      unhandled(message);
  }
  saveSoon();
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = decodeToWebview(event.data, (reason) => log('warn', reason));
  if (!message) return;
  try {
    handle(message);
  } catch (error) {
    log('error', `failed to show ${message.type}: ${(error as Error).stack ?? error}`);
  }
});

onThemeChange(() => {
  theme = readTheme();
  lrView.setTheme(theme);
  gradientsView.setTheme(theme);
  trainingView.setTheme(theme);
  compareView.setTheme(theme);
});

renderAll();
post({ type: 'ready' });
