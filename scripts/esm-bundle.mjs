// What every ESM bundle for Node shares, the app's (build-electron.mjs) and
// the CLI's (build-cli.mjs): the bundled CommonJS dependencies call
// require(), which an ES module has none of, so each file opens by making one.
export const ESM_REQUIRE_BANNER = { js: "import { createRequire as __cgmRequire } from 'node:module'; const require = __cgmRequire(import.meta.url);" };
