'use strict';
module.exports = null; // EvoVoice arrives with its node.
