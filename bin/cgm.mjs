#!/usr/bin/env node
// The `cgm` CLI runs the same TypeScript services as the app, through tsx,
// so there is no separate build step between `npm install` and `npx cgm`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
