// The Training tab's key to its loss chart: the training loss and each validation series drawn beside it, each
// saying where it came from (fit()'s val_loss on validationData or validationSplit, or the script's own
// model.evaluate() at its line, with a Reveal button to that line), how many readings it has and the last one.
// A run that validates nowhere says so, and what to add: the overfitting finding needs validation to judge.
import { formatNumber } from '../../src/core/format';
import type { FromWebviewMessage } from '../../src/core/panelProtocol';
import { button, h, swatch } from './dom';
import type { ValidationSeries } from './trainingModel';

/** The colour of validation series `index` (the training loss takes the palette's first). */
export const validationColor = (palette: readonly string[], index: number) => palette[(index + 1) % palette.length];

export function renderValidationLegend(list: HTMLElement, series: readonly ValidationSeries[], palette: readonly string[], post: (message: FromWebviewMessage) => void): void {
  const training = h('li', { class: 'validation-source', 'data-series': 'training' }, swatch(palette[0], 'line'), ' training loss (per step)');
  const items = series.map((s, i) => {
    const { last } = s;
    const item = h(
      'li',
      { class: 'validation-source', 'data-series': s.series, 'data-origin': s.origin, 'data-readings': String(s.count) },
      swatch(validationColor(palette, i), 'line'),
      ' ',
      h('span', { class: 'validation-label' }, `validation: ${s.label}`),
      h('span', { class: 'note' }, ` · ${s.count} reading${s.count === 1 ? '' : 's'}, last ${formatNumber(last.loss)} at step ${last.step}`),
    );
    if (last.file && last.line !== undefined && last.line >= 1) {
      const at = { file: last.file, line: last.line, column: last.column && last.column >= 1 ? last.column : undefined };
      item.append(' ', button('Reveal', () => post({ type: 'revealLayer', layer: '', ...at }), { secondary: true, class: 'reveal' }));
    }
    return item;
  });
  const none = series.length
    ? []
    : [h('li', { class: 'note validation-none' }, 'No validation loss so far: pass validationData or validationSplit to fit(), or call model.evaluate(xVal, yVal) on held-out rows between epochs, and it is drawn here beside the training loss.')];
  list.replaceChildren(training, ...items, ...none);
}
