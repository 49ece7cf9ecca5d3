'use strict';
module.exports = null; // SuperOffice arrives with its node.
