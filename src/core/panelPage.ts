// The panel's HTML page, without vscode: the extension serves it in the webview and the browser tests load
// the very same page (with their stand-in host script added), so they test the CSP users get.
export interface PanelPageParts {
  /** webview.cspSource: the only origin styles, images and fonts may come from. */
  cspSource: string;
  styleUri: string;
  scriptUri: string;
  title: string;
  /** Fresh per page: the bundle's script tag is the only script allowed to run. */
  nonce: string;
}

/** The page: the bundle's script by nonce, its stylesheet from cspSource, nothing inline. */
export function panelPageHtml({ cspSource, styleUri, scriptUri, title, nonce }: PanelPageParts): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
