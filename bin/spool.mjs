#!/usr/bin/env node
// `spool`: the command line over Spool's core (electron/cli, see its README.md).
//
// It runs from JavaScript built into out/cli/ (build-cli.mjs), rebuilt on demand when
// a source changed — a fresh clone builds on its first run — so a run does not
// transpile TypeScript. One Node process: exit codes and signals need no forwarding.
import { ensureBuilt } from './build-cli.mjs';

const { main } = await import(await ensureBuilt());
await main(process.argv.slice(2));
