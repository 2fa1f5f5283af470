// Word wrap for text drawn on a canvas (captions of exported chart images). Pure, unit-tested in Node.
/** Greedy word wrap of `text` to `width` as `measure` counts it (a word longer than the width gets a line of its own). */
export function wrapLines(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
