// Everything the extension parses source with (@babel/parser, ~550 KB): the static analyzer and the
// Apply-learning-rate edit. Bundled once as dist/sourceTools.js and loaded on first use, so activation
// never compiles the parser and the .vsix carries one copy of it.
export * from './lint';
export { learningRateEdit, learningRateValueSite, type LrEdit, type LrEditResult } from './lrEdit';
export { lossDefinitionSite, lossDefinitionSiteIn, parseForOrigins, valueOrigins, valueOriginsIn, type ParsedSource, type ValueOrigin } from './valueOrigins';
