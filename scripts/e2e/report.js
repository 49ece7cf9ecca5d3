// What the run prints: one line per step as it goes, one line per workflow,
// and the summary at the end.
'use strict';

const { crashCount, crashesSince } = require('./processes');

const timings = [];
// n8n processes that died of their own accord, where, and how the one retry went.
const crashNotes = [];

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

/**
 * Runs `attempt` (a part of the check, or one workflow run). When a process
 * crashed during it (processes.js: a signal nobody here sent) and the outcome
 * is a failure (`failed(value)`, or a throw), the crash is reported and the
 * attempt runs once more; the second outcome stands, so a second failure
 * fails the run. A crash is never hidden: every one is printed now and in the
 * summary, whether or not it changed the outcome.
 */
async function retryOnceIfCrashed(name, attempt, failed = () => false) {
	const settle = () => attempt().then((value) => ({ value, bad: failed(value) }), (error) => ({ error, bad: true }));
	const mark = crashCount();
	const first = await settle();
	const crashed = crashesSince(mark);
	if (crashed.length === 0) return outcome(first);
	const how = crashed.map((c) => `${c.label}: ${c.how}`).join('; ');
	if (!first.bad) {
		crashNotes.push(`${name}: ${how} (the part passed anyway)`);
		console.log(`\n  ! a process crashed during ${name} (${how}); the part passed anyway`);
		return outcome(first);
	}
	console.log(`\n  ! n8n crashed during ${name} (${how}); running it once more`);
	const secondMark = crashCount();
	const second = await settle();
	const again = crashesSince(secondMark);
	const verdict = second.bad ? `failed again${again.length ? `, ${again.map((c) => c.how).join('; ')}` : ''}` : 'passed on the retry';
	crashNotes.push(`${name}: ${how}; ${verdict}`);
	console.log(`  ! ${name}: ${verdict}`);
	return outcome(second);
}

function outcome({ value, error }) {
	if (error) throw error;
	return value;
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
	console.log(`n8n crashes: ${crashNotes.length ? crashNotes.join(' · ') : 'none'}`);
	console.log(
		`Secrets: ${secrets.length} secret form(s) looked for in the output of ${commands} n8n command(s) and ${scanned.length - commands} file(s) of n8n's folder: ${leaks.length ? `FOUND in ${leaks.join(', ')}` : 'none found'}`,
	);
}

module.exports = { seconds, step, printRow, printSummary, retryOnceIfCrashed };
