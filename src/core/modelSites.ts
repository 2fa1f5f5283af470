// Where a source text constructs a model: `tf.sequential(` / `tf.model(` — a regex over the text (the
// CodeLens and the anchor of model-level findings), skipping matches inside comments.

const MODEL_CONSTRUCTION = /\btf\s*\.\s*(?:sequential|model)\s*\(/g;

/** Character offsets of every `tf.sequential(` / `tf.model(` outside comments. */
export function modelConstructionOffsets(text: string): number[] {
  const offsets: number[] = [];
  // Mask comments (keeping offsets) so matches inside them are ignored; strings are left alone.
  const masked = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const pattern = new RegExp(MODEL_CONSTRUCTION.source, 'g');
  for (let m = pattern.exec(masked); m; m = pattern.exec(masked)) offsets.push(m.index);
  return offsets;
}

/** 1-based line of the first model construction, or undefined. */
export function firstModelLine(text: string): number | undefined {
  const [first] = modelConstructionOffsets(text);
  return first === undefined ? undefined : text.slice(0, first).split('\n').length;
}
