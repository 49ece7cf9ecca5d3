// `npm run sandbox`: runs the vendor sandbox on its own and prints where it
// listens and which credentials it accepts. PORT picks the port (default: a free one).
'use strict';

const { startSandbox } = require('./server');

(async () => {
	const sandbox = await startSandbox(Number(process.env.PORT || 0));
	console.log(`Vendor sandbox listening on ${sandbox.url}`);
	for (const [vendor, creds] of Object.entries(sandbox.credentials())) {
		console.log(`\n${vendor}:`);
		for (const [type, data] of Object.entries(creds)) console.log(`  credential ${type}: ${JSON.stringify(data)}`);
	}
	console.log('\nPress Ctrl+C to stop.');
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})();
