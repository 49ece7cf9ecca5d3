// The vendors the shared tables (test/shared/*.test.js) run against: one
// descriptor per sandbox vendor, from test/<vendor>/support.js. A sandbox
// vendor without one fails here, so a new vendor cannot skip the shared tests.
//
// A descriptor holds:
//   sandbox     the vendor's name in the sandbox (and its folder under test/)
//   name        the vendor's name as the node's messages say it
//   signIns     [{ authentication?, credentialType }]: each way the node signs
//               in; the tables use the first unless they try every one
//   workflow(file, overrides, authentication?)
//               loads test/workflows/<vendor>/<file>, signing in that way
//   send        { file, node, path, item }: a workflow whose node sends one
//               message for `item` with a POST to `path`
//   reads       [{ file, node, path, item, idOf, ids(sandbox) }]: workflows
//               whose node reads with a GET to `path`, and the IDs (by idOf)
//               of what it outputs for `item`
//   errorText   { status: text }: the vendor's own message in its error body
//   batch       { items, errors, textOf, sentText, failsThird }: a batch of
//               good and bad items for `send`, the error each item ends in,
//               how to read an item's text from the item and from what the
//               vendor accepted, and a batch whose third item the vendor rejects
'use strict';

const { VENDORS } = require('../sandbox/server');

module.exports = VENDORS.map((vendor) => {
	const { descriptor } = require(`../${vendor.name}/support`);
	if (!descriptor || descriptor.sandbox !== vendor.name) {
		throw new Error(`test/${vendor.name}/support.js must export the descriptor of sandbox vendor ${vendor.name}`);
	}
	return descriptor;
});
