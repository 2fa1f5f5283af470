// Quick-fix edits: replace a node's text, set a property in a layer's inline config, swap two layers.
import type { Node, ObjectExpression, ObjectProperty } from '@babel/types';
import { configProp, type ChainEntry, type LayerSite } from '../facts';
import type { LintEdit, LintFix } from '../types';
import type { RuleContext } from './rule';

/** The quote character the config already uses for strings (' by default). */
export function quoteOf(ctx: RuleContext, near: ObjectExpression | undefined): string {
  const literal = near?.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && p.value.type === 'StringLiteral');
  const ch = literal ? ctx.text[literal.value.start!] : "'";
  return ch === '"' || ch === '`' ? ch : "'";
}

export function replaceEdit(ctx: RuleContext, node: Node, newText: string): LintEdit {
  return { range: ctx.lines.range(node.start!, node.end!), newText };
}

/** Sets `key` in the layer's inline config to `valueText`: replaces the written value, or adds the property. */
export function setPropEdit(ctx: RuleContext, site: LayerSite, key: string, valueText: string): LintEdit | undefined {
  const obj = site.inlineConfig;
  if (!obj) return undefined;
  const p = configProp(site, key);
  if (p === undefined) return undefined;
  if (p !== 'absent') return p.prop ? replaceEdit(ctx, p.prop.value, valueText) : undefined;
  const last = obj.properties[obj.properties.length - 1];
  if (last) return { range: ctx.lines.range(last.end!, last.end!), newText: `, ${key}: ${valueText}` };
  return { range: ctx.lines.range(obj.start! + 1, obj.start! + 1), newText: ` ${key}: ${valueText} ` };
}

export function stringEdit(ctx: RuleContext, site: LayerSite, key: string, value: string): LintEdit | undefined {
  const q = quoteOf(ctx, site.inlineConfig);
  return setPropEdit(ctx, site, key, `${q}${value}${q}`);
}

/** One fix of all `edits`, or none when any of them cannot be made (a fix is all or nothing). */
export function fix(title: string, edits: (LintEdit | undefined)[], isPreferred = true): LintFix[] {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return [];
  const unique = new Map<number, LintEdit>();
  for (const e of edits as LintEdit[]) unique.set(e.range.start.offset * 1e7 + e.range.end.offset, e);
  return [{ title, edits: [...unique.values()].sort((a, b) => a.range.start.offset - b.range.start.offset), isPreferred }];
}

/** Swaps two layer expressions (model.add arguments or array elements): the reorder fix. */
export function swapFix(ctx: RuleContext, title: string, a: Extract<ChainEntry, { kind: 'layer' }>, b: Extract<ChainEntry, { kind: 'layer' }>): LintFix[] {
  if (!a.swappable || !b.swappable || a.expr.end! > b.expr.start!) return [];
  const textA = ctx.text.slice(a.expr.start!, a.expr.end!);
  const textB = ctx.text.slice(b.expr.start!, b.expr.end!);
  return fix(title, [replaceEdit(ctx, a.expr, textB), replaceEdit(ctx, b.expr, textA)]);
}
