/** Jest reporter that ends the run with one plain line: `N passed, N failed` (skipped added when any). */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
    process.stdout.write(`\n${line}\n`);
    // Jest prints its own summary after the reporters; CI reprints this line last from here.
    if (process.env.GPB_TEST_SUMMARY_FILE) require('node:fs').writeFileSync(process.env.GPB_TEST_SUMMARY_FILE, `${line}\n`);
  }
}
module.exports = SummaryReporter;
