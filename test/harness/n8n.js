// Kept for scripts/demo.js, scripts/e2e/reference-run.js and bench/run.js, which still require this path.
module.exports = require('./index');
