// Reading the VS Code workbench in the browser for the UI end-to-end checks: the end-of-line decorations of the
// active editor (text and colour from the DOM), their contrast against the editor background (WCAG), the
// Gradient Lens panel's text in its webview frame, and the colour theme (read and switched through the palette).
import type { Page } from 'playwright-core';
import { sleep } from '../integration/codeServer';
export interface DomDecoration {
  line: number;
  text: string;
  color: string;
}

/**
 * The end-of-line decorations rendered in the active editor, by editor line: the `::after` content of
 * every span in `.view-lines`, mapped to its line number through the gutter row at the same `top`.
 */
export async function readDecorations(page: Page): Promise<{ decorations: DomDecoration[]; background: string }> {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') ?? document.querySelector('.monaco-editor');
    if (!editor) return { decorations: [], background: '' };
    const lineAtTop = new Map<string, number>();
    for (const row of Array.from(editor.querySelectorAll<HTMLElement>('.margin-view-overlays > div'))) {
      const n = Number(row.querySelector('.line-numbers')?.textContent?.trim());
      if (n > 0) lineAtTop.set(row.style.top, n);
    }
    const decorations: { line: number; text: string; color: string }[] = [];
    for (const viewLine of Array.from(editor.querySelectorAll<HTMLElement>('.view-lines .view-line'))) {
      const line = lineAtTop.get(viewLine.style.top) ?? -1;
      for (const span of Array.from(viewLine.querySelectorAll('span'))) {
        const after = getComputedStyle(span, '::after');
        const content = after.content;
        if (!content || content === 'none' || content === 'normal') continue;
        // content is a CSS string: "…" with \" and \\ escapes
        const text = content.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
        decorations.push({ line, text, color: after.color });
      }
    }
    const bg = editor.querySelector('.monaco-editor-background') ?? editor;
    return { decorations, background: getComputedStyle(bg).backgroundColor };
  });
}

export function parseRgb(css: string): [number, number, number, number] | undefined {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)/.exec(css);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
}

export function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of a foreground colour (alpha-blended over the background) against the background. */
export function contrast(fg: string, bg: string): number {
  const f = parseRgb(fg);
  const b = parseRgb(bg);
  if (!f || !b) return NaN;
  const blended = [0, 1, 2].map((i) => f[i] * f[3] + b[i] * (1 - f[3]));
  const [l1, l2] = [luminance(blended), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** The decorations once every line of `layerLines` carries a gradient decoration (∇…), or the last read at the deadline. */
export async function waitForDecorations(page: Page, layerLines: number[], timeoutMs: number): Promise<DomDecoration[]> {
  const deadline = Date.now() + timeoutMs;
  let last: DomDecoration[] = [];
  while (Date.now() < deadline) {
    last = (await readDecorations(page)).decorations;
    const lines = new Set(last.filter((d) => d.text.startsWith('∇')).map((d) => d.line));
    if (layerLines.every((l) => lines.has(l))) return last;
    await sleep(250);
  }
  return last;
}

/** The text of the Gradient Lens panel's webview (found in any frame by its title element) once it shows `text`. */
export async function waitForPanelText(page: Page, text: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const body = await frame.evaluate(() => (document.querySelector('#panel-title') ? document.body.innerText : '')).catch(() => '');
      if (body) last = body;
      if (body.includes(text)) return body;
    }
    await sleep(500);
  }
  return last;
}

export async function workbenchTheme(page: Page): Promise<string> {
  return page.evaluate(() => {
    const wb = document.querySelector('.monaco-workbench');
    return wb?.classList.contains('vs-dark') ? 'dark' : wb?.classList.contains('hc-black') || wb?.classList.contains('hc-light') ? 'hc' : wb?.classList.contains('vs') ? 'light' : 'unknown';
  });
}

/** Switches the colour theme through the command palette (Preferences: Color Theme). */
export async function selectTheme(page: Page, theme: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Preferences: Color Theme');
  // Not the first row: "Preferences: Browse Color Themes in Marketplace" sorts before it.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: /^Preferences: Color Theme/ }).first().click({ timeout: 10_000 });
  // The picker lists themes by label: "Default Dark Modern" (the setting value) is "Dark Modern" there.
  const label = theme.replace(/^Default /, '');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 10_000 });
  await input.fill(label);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: new RegExp(`^\\s*${label}$`) }).first().click({ timeout: 10_000 });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}
