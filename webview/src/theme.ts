// Colours come from VS Code's theme through the `--vscode-*` CSS variables it sets on <html>; the verdict
// colours are the extension's contributed theme colours (package.json contributes.colors), the same ones the
// editor decorations use, exposed to webviews as `--vscode-gradientLens-<name>Foreground`.
import type { VerdictColor } from '../../src/core/presentation';
import { VERDICT_COLORS } from '../../src/core/presentation';

export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  foreground: string;
  background: string;
  grid: string;
  muted: string;
  font: string;
  /** Line colours for series without a verdict meaning (charts.* theme colours). */
  palette: string[];
  verdict: Record<VerdictColor, string>;
  suggestion: Record<'steep' | 'valley' | 'minimum' | 'slide', string>;
}

const probe = document.createElement('canvas').getContext('2d')!;

/** Any CSS colour → #rrggbb / rgba() as the canvas normalizes it, so alpha can be applied. */
function normalize(color: string): string {
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  return String(probe.fillStyle);
}

export function withAlpha(color: string, alpha: number): string {
  const c = normalize(color);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex) return `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(c);
  return rgba ? `rgba(${rgba[1].trim()}, ${rgba[2].trim()}, ${rgba[3].trim()}, ${alpha})` : c;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(`--vscode-${name}`).trim() || fallback;
  const body = document.body.classList;
  const kind = body.contains('vscode-high-contrast-light')
    ? 'high-contrast-light'
    : body.contains('vscode-high-contrast')
      ? 'high-contrast'
      : body.contains('vscode-light')
        ? 'light'
        : 'dark';
  const foreground = v('editor-foreground', v('foreground', kind === 'light' ? '#333333' : '#cccccc'));
  const verdict = {} as Record<VerdictColor, string>;
  for (const color of VERDICT_COLORS) verdict[color] = v(`gradientLens-${color}Foreground`, foreground);
  const palette = ['charts-blue', 'charts-orange', 'charts-green', 'charts-purple', 'charts-yellow', 'charts-red'].map((n) => v(n, foreground));
  return {
    kind,
    foreground,
    background: v('editor-background', kind === 'light' ? '#ffffff' : '#1e1e1e'),
    grid: withAlpha(v('charts-lines', foreground), kind.startsWith('high') ? 0.6 : 0.25),
    muted: v('descriptionForeground', foreground),
    font: `${v('font-size', '13px')} ${v('font-family', 'sans-serif')}`,
    palette,
    verdict,
    suggestion: { steep: palette[1], valley: palette[2], minimum: palette[3], slide: palette[5] },
  };
}

/** Calls back when VS Code switches theme (it rewrites <html style> and the body's class). */
export function onThemeChange(callback: () => void): void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      callback();
    });
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
