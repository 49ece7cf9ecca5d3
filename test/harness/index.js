// The test harness: n8n's engine with this package loaded as n8n loads it
// (engine.js), credentials applied as n8n's CLI applies them
// (credentials-helper.js), and credential tests judged as n8n's
// CredentialsTester judges them (credential-tester.js).
'use strict';

const { runWorkflow, loadPackage, PACKAGE_DIR } = require('./engine');
const { testCredential } = require('./credential-tester');
const { startTriggerHost } = require('./triggers');

module.exports = { runWorkflow, testCredential, loadPackage, PACKAGE_DIR, startTriggerHost };
