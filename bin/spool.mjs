#!/usr/bin/env node
// `spool`: the command line over Spool's core (electron/cli, see its README.md).
//
// It runs from JavaScript built into out/cli/ (build-cli.mjs), rebuilt on demand when
// a source changed — a fresh clone builds on its first run — so a run does not
// transpile TypeScript, and compiles it from V8's code cache (load-cli.mjs). One Node
// process: exit codes and signals need no forwarding.
import module from 'node:module';
import { ensureBuilt } from './build-cli.mjs';
import { loadCli } from './load-cli.mjs';

// Node 22.1+ caches the compiled ES modules (these files, the worker entries) too.
module.enableCompileCache?.();
const { main } = loadCli(await ensureBuilt());
await main(process.argv.slice(2));
