'use strict';

const { items } = require('../helpers');

/** `count` copies of a vendor's send item (test/shared/vendors.js), each with a text of its own: "<label> <i>". */
function textBatch(v, count, label) {
	const textField = Object.keys(v.send.item).find((key) => v.batch.textOf({ [key]: 'x' }) === 'x');
	return items(...Array.from({ length: count }, (_, i) => ({ ...v.send.item, [textField]: `${label} ${i}` })));
}

module.exports = { textBatch };
