// The closing line of `npm test` ("N passed, N failed, N skipped"), which CI reads, from Vitest's
// JSON report and exit status. Kept apart from test.mjs so a test can hold it to real Vitest runs.

/**
 * @param {object | null} results Vitest's JSON report (null when it wrote none)
 * @param {boolean} vitestPassed whether Vitest exited 0
 * @returns {{ passed: number, failed: number, skipped: number, notes: string[] }}
 */
export function summarise(results, vitestPassed) {
  const notes = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (results) {
    passed = results.numPassedTests;
    skipped = results.numPendingTests + results.numTodoTests;
    failed = results.numFailedTests;
    // A file can fail with no failed test: an error at import or in a hook. It counts once.
    for (const file of results.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed').length;
      if (file.status === 'failed' && failedTests === 0) {
        failed++;
        notes.push(`failed without a failed test: ${file.name}`);
      }
    }
  }
  // Vitest fails a run for errors no test owns (an unhandled rejection): never print "0 failed" then.
  if (!vitestPassed && failed === 0) {
    failed = 1;
    notes.push(
      'Vitest failed with no failed test to show for it (an unhandled error or rejection: see above).',
    );
  }
  return { passed, failed, skipped, notes };
}
