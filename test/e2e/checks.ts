// Pass/fail bookkeeping of the UI scripts (profileViaUi.ts, webWorker.ts): one "ok"/"FAIL" line per check,
// and the closing "N passed, N failed" line that scripts/test.sh sums.
export class Checks {
  passed = 0;
  failed = 0;

  check = (name: string, ok: boolean, detail = ''): boolean => {
    if (ok) this.passed++;
    else this.failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
    return ok;
  };

  /** The closing line; `unfinished` counts a run that stopped before its checks (timeout, signal). */
  summary(unfinished = 0): string {
    return `${this.passed} passed, ${this.failed + unfinished} failed`;
  }
}
