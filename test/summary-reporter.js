// Ends the test run with one plain line, "Tests: N passed, N failed, N skipped",
// which CI systems and people can read without knowing Jest's format.
'use strict';

class SummaryReporter {
	onRunComplete(_contexts, results) {
		const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
		const failed = numFailedTests + numRuntimeErrorTestSuites;
		process.stdout.write(`\nTests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`);
	}
}

module.exports = SummaryReporter;
