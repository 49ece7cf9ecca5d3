// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went:
// self time by package and by function. Used by `npm run bench -- --profile`
// on the `n8n execute` of our node; also runs on its own:
//   node bench/profile.js <file.cpuprofile> [top]
'use strict';

const fs = require('node:fs');

/** The package a script belongs to (n8n-core, n8n-workflow, our package, node:internal …). */
function packageOf(url) {
	if (!url) return '(V8: gc, idle, program)';
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
	if (match) return match[1];
	if (url.startsWith('node:')) return 'node:internal';
	return url;
}

function summarise(file, top = 25) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const selfUs = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		const id = profile.samples[i];
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	}
	const byPackage = new Map();
	const byFunction = new Map();
	let total = 0;
	for (const [id, us] of selfUs) {
		const { callFrame } = byId.get(id);
		total += us;
		const pkg = packageOf(callFrame.url);
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
		const where = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/^.*node_modules\//, '')}:${callFrame.lineNumber + 1}`;
		byFunction.set(where, (byFunction.get(where) ?? 0) + us);
	}
	const idle = [...byId.values()].filter((n) => n.callFrame.functionName === '(idle)').reduce((sum, n) => sum + (selfUs.get(n.id) ?? 0), 0);
	const lines = [`${file}: ${(total / 1000).toFixed(0)} ms sampled, ${(idle / 1000).toFixed(0)} ms idle`];
	const table = (title, map) => {
		lines.push(`\n${title}`);
		for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
			lines.push(`${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
		}
	};
	table('Self time by package', byPackage);
	table('Self time by function', byFunction);
	return lines.join('\n');
}

if (require.main === module) {
	const [file, top] = process.argv.slice(2);
	console.log(summarise(file, Number(top || 25)));
}

module.exports = { summarise };
