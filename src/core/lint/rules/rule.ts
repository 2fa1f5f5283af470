// What a rule is: its stable code (also the name of its page in docs/lint/), default severity and title,
// and the facts it checks. A rule reports through the RuleContext, which applies the user's levels.
import type { Node } from '@babel/types';
import type { ChainEntry, CompileSite, LayerSite, ModelFacts } from '../facts';
import type { KernelInitializer } from './layers';
import type { LineIndex } from '../parse';
import type { LintFix, LintSeverity } from '../types';

const DOCS_BASE = 'https://github.com/gradient-lens/gradient-lens/blob/main/docs/lint';

export interface RuleInfo { code: string; defaultSeverity: LintSeverity; title: string; docUrl: string }

export function ruleInfo(code: string, defaultSeverity: LintSeverity, title: string): RuleInfo {
  return { code, defaultSeverity, title, docUrl: `${DOCS_BASE}/${code}.md` };
}

export interface ReportDetails {
  /** Quick fixes, all-or-nothing edits each. */
  fixes?: LintFix[];
  /** Other places that take part (shown as related information). */
  related?: { node: Node; message: string }[];
  /** The layer calls the diagnostic is about, input to output: a profile's measurements of them are its evidence. */
  layers?: Node[];
  /** A milder level than the rule's default for this case (a level the user set for the rule still wins). */
  severity?: LintSeverity;
}

/** What lintSource gives the rules: the text, the user's settings and where to report. */
export interface ReportContext {
  text: string;
  lines: LineIndex;
  deepStackMin: number;
  report(info: RuleInfo, node: Node, message: string, details?: ReportDetails): void;
}

/**
 * … and what several rules read, worked out once per analysis. Held here rather than in module-level
 * WeakMaps keyed by the facts: those kept each analysis's values alive across young-generation GCs, which
 * promoted them and cost more than computing them (lint bench, 300-line file).
 */
export interface RuleContext extends ReportContext {
  /** The ordered layer sequences of the file (sequential models, paths through .apply() chains). */
  sequences: ChainEntry[][];
  /** The kernel initializers a layer sets explicitly (three rules ask). */
  kernelInitializers(site: LayerSite): KernelInitializer[];
}

/** A rule checks one or more kinds of fact: each ordered layer sequence, each layer, each compile(), or all. */
export interface Rule {
  info: RuleInfo;
  sequence?(ctx: RuleContext, entries: ChainEntry[]): void;
  layer?(ctx: RuleContext, site: LayerSite): void;
  compile?(ctx: RuleContext, compile: CompileSite): void;
  file?(ctx: RuleContext, facts: ModelFacts): void;
}
