// What the run prints: one line per step as it goes, one line per workflow,
// and the summary at the end.
'use strict';

const timings = [];

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs one step, printing its name first so a slow step shows what it is waiting for. */
async function step(name, fn) {
	const started = Date.now();
	process.stdout.write(`• ${name} … `);
	try {
		const result = await fn();
		const ms = Date.now() - started;
		timings.push({ name, ms });
		console.log(`${seconds(ms)}${result && result.note ? ` (${result.note})` : ''}`);
		return result;
	} catch (error) {
		console.log('FAILED');
		throw error;
	}
}

function printRow(row) {
	console.log(
		`  ${row.ok ? 'ok    ' : 'FAILED'} ${row.file.padEnd(48)} items ${String(row.items).padStart(3)}  messages ${row.messages.padStart(5)}  execute ${seconds(row.executeMs).padStart(7)}  workflow ${row.runMs === undefined ? '   ?' : `${row.runMs} ms`.padStart(7)}  peak ${row.peakMb ? `${row.peakMb} MB` : '?'}`,
	);
	for (const problem of row.problems) console.log(`         - ${problem}`);
}

/** scanned: the { where } of every text searched; n8n commands' ones start with "n8n ". */
function printSummary({ rows, totalStarted, secrets, scanned, leaks }) {
	const executes = rows.map((r) => r.executeMs);
	const peak = Math.max(0, ...rows.map((r) => r.peakMb ?? 0));
	const commands = scanned.filter((o) => o.where.startsWith('n8n ')).length;
	console.log('');
	console.log(`Timings: ${timings.map((t) => `${t.name} ${seconds(t.ms)}`).join(' · ')}`);
	console.log(
		`n8n execute: ${executes.length} run(s), ${seconds(Math.min(...executes))}–${seconds(Math.max(...executes))} each, peak RSS ${peak ? `${peak} MB` : 'n/a'}; total ${seconds(Date.now() - totalStarted)}`,
	);
	console.log(
		`Secrets: ${secrets.length} secret form(s) looked for in the output of ${commands} n8n command(s) and ${scanned.length - commands} file(s) of n8n's folder: ${leaks.length ? `FOUND in ${leaks.join(', ')}` : 'none found'}`,
	);
}

module.exports = { seconds, step, printRow, printSummary };
