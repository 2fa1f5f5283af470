// Which printed lines report an error: what an early end or a silent wait is explained by.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { errorHeadlineIn, isErrorHeadline } from '../../src/core/errorHeadline';

test('error headlines, at the start of a line or inspected inside a script\'s own words, are recognised', () => {
  for (const line of [
    "Error: ENOENT: no such file or directory, open 'data/train.csv'",
    'TypeError: Cannot read properties of undefined (reading \'shape\')',
    'Uncaught MongoServerError: bad auth',
    'Error [ERR_REQUIRE_ESM]: require() of ES Module',
    'Error: AxiosError: connect ECONNREFUSED 127.0.0.1:3001',
    "Error during training: [Error: ENOENT: no such file or directory, open '/w/data/fashion-mnist_train.csv'] {",
  ]) {
    assert.ok(isErrorHeadline(line), line);
  }
});

test('ordinary output is not an error headline', () => {
  for (const line of ['Epoch 1 of 5 ...', '  train-set loss: 0.2500', '}', '    at Object.<anonymous> (/w/train.js:3:9)', '[Object: null prototype] { a: 1 }', 'Errors: 0', 'errors in 3 of 10 rows: none fatal', 'ErrorRate: 0.02', 'clarifyTimeoutError: false,', 'lastError: null', '[cause]: { code: 1 }']) {
    assert.ok(!isErrorHeadline(line), line);
  }
});

test('errorHeadlineIn trims and cuts long lines to 200 characters', () => {
  assert.equal(errorHeadlineIn('  TypeError: x is not a function  '), 'TypeError: x is not a function');
  assert.equal(errorHeadlineIn(`Error: ${'y'.repeat(300)}`)?.length, 201);
  assert.equal(errorHeadlineIn('loss: 0.1'), undefined);
});
