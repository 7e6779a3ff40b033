// Runs Electronegativity over the folder named on the command line and prints
// its findings as JSON. Electronegativity fetches translations and Electron's
// release list from GitHub on every run; this app's tests make no network
// requests, so its HTTP client is replaced by one that always fails (it then
// uses its bundled English text), and the one check that needs the release
// list (AvailableSecurityFixesGlobalCheck, "is a newer Electron out?") is
// left out: the pinned version is reviewed by hand when it is bumped.
const Module = require('node:module');
const { resolve } = require('node:path');

const offline = () => Promise.reject(new Error('offline: Electronegativity may not reach the network'));
offline.head = offline;
offline.get = offline;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'got' ? offline : load.call(this, request, ...rest);
};
console.log = () => {}; // its "could not retrieve translations" notice; the result goes to stdout below

const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;
run({
  input: resolve(process.argv[2]),
  isRelative: true,
  electronVersionOverride: process.argv[3],
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
}).then(
  (result) => process.stdout.write(JSON.stringify({ checks: result.atomicChecks + result.globalChecks, errors: result.errors.filter((e) => !e.tolerable), issues: result.issues.map((i) => ({ id: i.id, file: i.file, line: i.location.line, sample: i.sample, manualReview: i.manualReview })) })),
  (error) => {
    process.stderr.write(String(error?.stack ?? error));
    process.exit(1);
  },
);
