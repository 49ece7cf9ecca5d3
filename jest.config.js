// Tests run the compiled package (dist/), as n8n would load it: `npm test`
// builds first. Workflow tests start the vendor sandbox on a free loopback port.
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	transform: {},
	testTimeout: 30_000,
	maxWorkers: 2,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
