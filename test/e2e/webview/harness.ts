// Loads the built panel bundle (dist/webview/panel.{js,css}) in Debian Chromium the way VS Code hosts it:
// the same CSP meta tag the panel host sets (scripts by nonce only, styles/images/fonts from one origin), the
// theme as --vscode-* variables on <html> plus the body's theme class, and a stand-in for acquireVsCodeApi()
// that records posted messages and keeps getState/setState in sessionStorage (so a reload restores it, as a
// VS Code webview's state survives hide/reload). Messages go in as VS Code delivers them: a `message` event
// whose data is the encoded string. Shared by test/e2e/webview/panel.test.ts and bench/panel.ts.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { decodeFromWebview, encodePanelMessage, type FromWebviewMessage, type PanelTab, type ToWebviewMessage } from '../../../src/core/panelProtocol';
import { panelPageHtml } from '../../../src/core/panelPage';

export const repoRoot = path.resolve(__dirname, '../../..');
export const bundleDir = path.join(repoRoot, 'dist/webview');
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export type ThemeName = 'light' | 'dark' | 'high-contrast';

interface ColorDefaults {
  light: string;
  dark: string;
  highContrast: string;
}

/**
 * A subset of VS Code's Light Modern / Dark Modern / High Contrast colours as webviews receive them; the
 * extension's own colours come from package.json (contributes.colors), exactly as VS Code resolves them.
 */
function themeVariables(theme: ThemeName): Record<string, string> {
  const pick = <T>(light: T, dark: T, hc: T) => (theme === 'light' ? light : theme === 'dark' ? dark : hc);
  const vars: Record<string, string> = {
    'font-family': '-apple-system, BlinkMacSystemFont, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
    'font-size': '13px',
    'font-weight': 'normal',
    foreground: pick('#3b3b3b', '#cccccc', '#ffffff'),
    'editor-background': pick('#ffffff', '#1f1f1f', '#000000'),
    'editor-foreground': pick('#3b3b3b', '#cccccc', '#ffffff'),
    descriptionForeground: pick('#3b3b3b', '#9d9d9d', '#ffffff'),
    errorForeground: pick('#f85149', '#f85149', '#f48771'),
    focusBorder: pick('#005fb8', '#0078d4', '#f38518'),
    contrastActiveBorder: pick('transparent', 'transparent', '#f38518'),
    'widget-border': pick('#e5e5e5', '#313131', '#6fc3df'),
    'panel-border': pick('#e5e5e5', '#2b2b2b', '#6fc3df'),
    'panel-background': pick('#f8f8f8', '#181818', '#000000'),
    'settings-headerBorder': pick('#e5e5e5', '#2b2b2b', '#6fc3df'),
    'panelTitle-activeForeground': pick('#3b3b3b', '#cccccc', '#ffffff'),
    'panelTitle-inactiveForeground': pick('#3b3b3b', '#9d9d9d', '#ffffff'),
    'panelTitle-activeBorder': pick('#005fb8', '#0078d4', '#f38518'),
    'button-separator': pick('#ffffff66', '#ffffff66', '#ffffff66'),
    'list-hoverBackground': pick('#f2f2f2', '#2a2d2e', 'transparent'),
    'list-activeSelectionBackground': pick('#e8e8e8', '#04395e', 'transparent'),
    'list-activeSelectionForeground': pick('#000000', '#ffffff', '#ffffff'),
    'button-background': pick('#005fb8', '#0078d4', '#000000'),
    'button-foreground': pick('#ffffff', '#ffffff', '#ffffff'),
    'button-hoverBackground': pick('#0258a8', '#026ec1', '#000000'),
    'button-border': pick('#0000001a', '#ffffff12', '#6fc3df'),
    'button-secondaryBackground': pick('#e5e5e5', '#313131', '#000000'),
    'button-secondaryForeground': pick('#3b3b3b', '#cccccc', '#ffffff'),
    'button-secondaryHoverBackground': pick('#cccccc', '#3c3c3c', '#000000'),
    'editorWarning-foreground': pick('#bf8803', '#cca700', '#fff7b0'),
    'editorInfo-foreground': pick('#1a85ff', '#3794ff', '#3794ff'),
    'charts-foreground': pick('#616161', '#cccccc', '#ffffff'),
    'charts-lines': pick('#61616180', '#cccccc80', '#ffffff'),
    'charts-red': pick('#e51400', '#f14c4c', '#f14c4c'),
    'charts-blue': pick('#1a85ff', '#3794ff', '#3794ff'),
    'charts-yellow': pick('#bf8803', '#cca700', '#cca700'),
    'charts-orange': pick('#d18616', '#d18616', '#d18616'),
    'charts-green': pick('#388a34', '#89d185', '#89d185'),
    'charts-purple': pick('#652d90', '#b180d7', '#b180d7'),
  };
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { colors: { id: string; defaults: ColorDefaults }[] } };
  for (const color of pkg.contributes.colors) {
    vars[color.id.replace(/\./g, '-')] = pick(color.defaults.light, color.defaults.dark, color.defaults.highContrast);
  }
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [`--vscode-${k}`, v]));
}

const bodyClass = (theme: ThemeName) => (theme === 'light' ? 'vscode-light' : theme === 'dark' ? 'vscode-dark' : 'vscode-high-contrast');

function harnessHtml(origin: string, theme: ThemeName): string {
  const nonce = crypto.randomBytes(16).toString('base64');
  // The stand-in host side: everything the real one would provide to the webview.
  const stub = `
    window.__harness = { posted: [], violations: [], setStateCalls: 0 };
    document.addEventListener('securitypolicyviolation', (e) => window.__harness.violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
    for (const [name, value] of Object.entries(${JSON.stringify(themeVariables(theme))})) document.documentElement.style.setProperty(name, value);
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi called twice');
      acquired = true;
      return {
        postMessage: (m) => window.__harness.posted.push(m),
        getState: () => { const s = sessionStorage.getItem('vscodeState'); return s === null ? undefined : JSON.parse(s); },
        setState: (s) => { window.__harness.setStateCalls++; sessionStorage.setItem('vscodeState', JSON.stringify(s)); return s; },
      };
    };`;
  // The extension's own page (same CSP and tags), plus the stand-in host script and the theme class that
  // VS Code would provide.
  const page = panelPageHtml({ cspSource: origin, styleUri: `${origin}/dist/webview/panel.css`, scriptUri: `${origin}/dist/webview/panel.js`, title: 'Gradient Lens', nonce });
  return page.replace('</head>', `<script nonce="${nonce}">${stub}</script>\n</head>`).replace('<body>', `<body class="${bodyClass(theme)}">`);
}

export class PanelPage {
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.pageErrors.push(error.stack ?? error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
  }

  /** Delivers messages as VS Code does (a `message` event carrying the encoded string), synchronously in order. */
  async send(messages: readonly (ToWebviewMessage | string | unknown)[]): Promise<void> {
    const data = messages.map((m) => (typeof m === 'object' && m !== null && 'type' in m ? encodePanelMessage(m as ToWebviewMessage) : m));
    await this.page.evaluate((list) => {
      for (const item of list) window.dispatchEvent(new MessageEvent('message', { data: item }));
    }, data);
  }

  /** Waits for two animation frames: live points are drawn on the next frame. */
  async frames(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  }

  /** Everything the webview posted, decoded with the host's own decoder (an invalid one fails the caller). */
  async posted(): Promise<FromWebviewMessage[]> {
    const raw = await this.page.evaluate(() => (window as unknown as { __harness: { posted: unknown[] } }).__harness.posted);
    return raw.map((item) => {
      const message = decodeFromWebview(item, (reason) => {
        throw new Error(`the webview posted an invalid message: ${reason}`);
      });
      return message!;
    });
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __harness: { posted: unknown[] } }).__harness.posted.length = 0;
    });
  }

  async violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __harness: { violations: string[] } }).__harness.violations);
  }

  /** Selects a tab through its header, as a user would. */
  async showTab(tab: PanelTab): Promise<void> {
    await this.page.click(`vscode-tab-header[data-tab="${tab}"]`);
    await this.frames();
  }

  /**
   * Pixels of the chart's plot area (the region uPlot's overlay covers) whose colour is within `tolerance`
   * (per channel) of `color` — or, without a colour, every pixel that is not transparent.
   */
  async plotPixels(chartSelector: string, color?: string, tolerance = 40): Promise<number> {
    return this.page.evaluate(
      ({ chartSelector, color, tolerance }) => {
        const root = document.querySelector(chartSelector);
        const canvas = root?.querySelector('canvas');
        const over = root?.querySelector('.u-over');
        if (!canvas || !over) return -1;
        const scale = canvas.width / canvas.getBoundingClientRect().width;
        const c = canvas.getBoundingClientRect();
        const o = over.getBoundingClientRect();
        const x = Math.round((o.left - c.left) * scale);
        const y = Math.round((o.top - c.top) * scale);
        const w = Math.round(o.width * scale);
        const hgt = Math.round(o.height * scale);
        const pixels = canvas.getContext('2d')!.getImageData(x, y, w, hgt).data;
        let target: number[] | undefined;
        if (color) {
          const probe = document.createElement('canvas').getContext('2d')!;
          probe.fillStyle = color;
          probe.fillRect(0, 0, 1, 1);
          target = Array.from(probe.getImageData(0, 0, 1, 1).data);
        }
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3] === 0) continue;
          if (!target) count++;
          else if (pixels[i + 3] > 200 && Math.abs(pixels[i] - target[0]) <= tolerance && Math.abs(pixels[i + 1] - target[1]) <= tolerance && Math.abs(pixels[i + 2] - target[2]) <= tolerance) count++;
        }
        return count;
      },
      { chartSelector, color, tolerance },
    );
  }

  /** The value of a --vscode-* variable as the page resolved it. */
  async cssVariable(name: string): Promise<string> {
    return this.page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
  }
}

export class Harness {
  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
    readonly browser: Browser,
    private readonly themes = new Map<string, ThemeName>(),
  ) {}

  static async start(): Promise<Harness> {
    for (const file of ['panel.js', 'panel.css']) {
      if (!fs.existsSync(path.join(bundleDir, file))) throw new Error(`dist/webview/${file} is missing: run npm run build first`);
    }
    const themes = new Map<string, ThemeName>();
    let origin = '';
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', origin);
      const page = /^\/panel\/([\w-]+)$/.exec(url.pathname);
      if (page && themes.has(page[1])) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(harnessHtml(origin, themes.get(page[1])!));
        return;
      }
      const asset = /^\/dist\/webview\/(panel\.(?:js|css))$/.exec(url.pathname);
      if (asset) {
        res.writeHead(200, { 'content-type': asset[1].endsWith('.js') ? 'text/javascript' : 'text/css', 'cache-control': 'no-store' });
        res.end(fs.readFileSync(path.join(bundleDir, asset[1])));
        return;
      }
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    return new Harness(server, origin, browser, themes);
  }

  /** A fresh page (own sessionStorage) showing the panel in `theme`; resolves once it posted `ready`. */
  async open(theme: ThemeName = 'dark', viewport = { width: 1100, height: 900 }): Promise<PanelPage> {
    const id = `${theme}-${this.themes.size}`;
    this.themes.set(id, theme);
    const context = await this.browser.newContext({ viewport, deviceScaleFactor: 1 });
    const panel = new PanelPage(await context.newPage());
    await panel.page.goto(`${this.origin}/panel/${id}`);
    await this.waitForReady(panel);
    return panel;
  }

  async waitForReady(panel: PanelPage): Promise<void> {
    await panel.page.waitForFunction(() => (window as unknown as { __harness: { posted: string[] } }).__harness.posted.some((m) => m.includes('"ready"')), undefined, { timeout: 15_000 });
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
