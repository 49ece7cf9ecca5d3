// The tables `npm run bench` prints (Markdown, pasted into BENCHMARKS.md).
'use strict';

function median(values) {
	const known = values.filter((v) => v !== undefined && Number.isFinite(v));
	if (known.length === 0) return undefined;
	const sorted = [...known].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fixed = (value, digits = 0) => (value === undefined ? '–' : value.toFixed(digits));

/**
 * One scenario's table: per contender the medians of node execution time
 * (n8n's run data; the plain client's own wall time), items/s, how long
 * after the node started the vendor got the first message, delivered,
 * failed, duplicates, 429s, peak RSS, and n8n CPU per item (the execution's
 * CPU time minus that of a 1-item execution, over the items).
 */
function printScenario(scenario, byContender, baselineCpu) {
	const limit = scenario.perSecond ? `, at most ${scenario.perSecond} requests/s (floor ${(scenario.items / scenario.perSecond).toFixed(0)} s)` : '';
	const refusing = scenario.scattered429 ? `, every ${scenario.scattered429}th send answered 429 (half of them with Retry-After: 1)` : '';
	console.log(`### Vendor answers in ${scenario.latencyMs} ms${limit}${refusing}: ${scenario.items.toLocaleString('en-US')} items\n`);
	console.log('| sender | time ms (min–max) | items/s | first send ms | delivered | failed | duplicates | 429s | peak RSS MB | n8n CPU ms/item |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const [contender, rows] of byContender) {
		const ms = median(rows.map((r) => r.ms));
		const min = Math.min(...rows.map((r) => r.ms));
		const max = Math.max(...rows.map((r) => r.ms));
		// The one-item run of the same sender (every variant of our node shares ours).
		const base =
			baselineCpu[contender.label] ??
			baselineCpu[contender.label.startsWith('our node') ? Object.keys(baselineCpu).find((l) => l.startsWith('our node')) : 'HTTP Request node, defaults'];
		const cpuPerItem = contender.kind === 'n8n' && base !== undefined ? median(rows.map((r) => (r.cpuMs - base) / (scenario.items - 1))) : undefined;
		const cells = [
			contender.label,
			`${fixed(ms)} (${fixed(min)}–${fixed(max)})`,
			fixed(scenario.items / (ms / 1000)),
			fixed(median(rows.map((r) => r.firstSendMs))),
			fixed(median(rows.map((r) => r.delivered))),
			fixed(median(rows.map((r) => r.failed))),
			fixed(median(rows.map((r) => r.duplicates))),
			fixed(median(rows.map((r) => r.rateLimited))),
			fixed(median(rows.map((r) => r.peakMb))),
			fixed(cpuPerItem, 2),
		];
		console.log(`| ${cells.join(' | ')} |`);
	}
	console.log('');
}

module.exports = { printScenario, median };
