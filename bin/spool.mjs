#!/usr/bin/env node
// `spool`: the command line over Spool's core (electron/cli, see its README.md).
//
// In the repository it runs the TypeScript sources through tsx, registered in this
// same process: one Node process (faster to start than spawning a second one), so
// exit codes and signals need no forwarding.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../electron/cli/main.ts', import.meta.url).href);
await main(process.argv.slice(2));
