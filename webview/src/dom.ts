// Tiny DOM builder: elements are created with properties and text nodes, never from HTML strings (so nothing
// from a message is ever parsed as markup, and no style="" attributes that the CSP would block).
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Record<string, string | number | boolean | undefined>,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attributes?: Record<string, string | number | boolean | undefined>, ...children: Child[]): HTMLElement;
export function h(tag: string, attributes: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** A vscode-button that runs `onClick` (click and keyboard activation both arrive as click). */
export function button(label: string, onClick: () => void, attributes: Record<string, string | boolean | undefined> = {}): HTMLElement {
  const element = h('vscode-button', attributes, label);
  element.addEventListener('click', onClick);
  return element;
}

/** A coloured square for chart keys (colour set through CSSOM, which the CSP allows). */
export function swatch(color: string, shape: 'line' | 'dot' | 'box' = 'box'): HTMLElement {
  const element = h('span', { class: `swatch swatch-${shape}`, 'aria-hidden': 'true' });
  element.style.setProperty('--swatch', color);
  return element;
}

export const basename = (file: string) => file.split(/[\\/]/).pop() || file;
