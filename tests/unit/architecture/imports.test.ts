/**
 * The core's import graph (DESIGN.md §1): no import cycle, type-only imports included,
 * and no import from a lower layer to a higher one. Read with the TypeScript compiler's
 * own pre-processor and resolver (importGraph.ts), so it sees what `tsc` sees.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cycles, importGraph, upwardImports, type ImportGraph } from './importGraph';

const coreRoot = fileURLToPath(new URL('../../../electron/core', import.meta.url));
let graph: ImportGraph;
beforeAll(() => {
  graph = importGraph(coreRoot);
});

describe('the import graph of electron/core', () => {
  it('is read from the real files, type-only imports included', () => {
    expect(graph.get('SpoolCore.ts')).toContain('api/handlers/index.ts');
    // `import type { CoreServices }`: a type-only import is an edge too.
    expect(graph.get('api/handlers/index.ts')).toContain('services/CoreServices.ts');
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import from a domain module, services/ or api/ to a layer above it', () => {
    expect(upwardImports(graph)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find a cycle of two files and one of three', () => {
    const g: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', ['d.ts']],
      ['d.ts', ['e.ts']],
      ['e.ts', ['c.ts']],
      ['f.ts', ['a.ts']],
    ]);
    expect(cycles(g)).toEqual([
      ['a.ts', 'b.ts'],
      ['c.ts', 'd.ts', 'e.ts'],
    ]);
  });

  it('find a domain module importing the API and a handler importing SpoolCore', () => {
    const g: ImportGraph = new Map([
      ['audit/recordExternal.ts', ['api/types.ts', 'deps.ts']],
      ['api/handlers/index.ts', ['SpoolCore.ts', 'services/CoreServices.ts']],
      ['services/CoreServices.ts', ['stream/StreamEngine.ts']],
    ]);
    expect(upwardImports(g)).toEqual([
      'audit/recordExternal.ts → api/types.ts (a domain module imports api/)',
      'api/handlers/index.ts → SpoolCore.ts (api/ imports SpoolCore.ts)',
    ]);
  });
});
