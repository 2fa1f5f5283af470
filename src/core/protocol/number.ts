// Numbers in messages: statistics of a broken model are NaN or ±Infinity, which the codec (./json) keeps.
import * as v from 'valibot';

/** A number that may be NaN or ±Infinity once decoded (v.number() rejects NaN). */
export const num = v.custom<number>((value) => typeof value === 'number', 'expected a number');
