import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Files under `root` (relative, '/'-separated) and the files under `root` each one imports. */
export type ImportGraph = Map<string, string[]>;

/**
 * The import graph of the TypeScript files under `root`, type-only imports and
 * re-exports included (a type import is still a dependency of the design), as the
 * compiler reads them (`ts.preProcessFile`) and resolves them (`ts.resolveModuleName`).
 * Imports leaving `root` (shared/, packages) are left out.
 */
export function importGraph(root: string): ImportGraph {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
  };
  const files = readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const ref of info.importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const rel = path.relative(root, resolved.resolvedFileName);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) targets.add(rel.split(path.sep).join('/'));
    }
    graph.set(path.relative(root, file).split(path.sep).join('/'), [...targets].sort());
  }
  return graph;
}

/** Every cycle of the graph, one per strongly connected component of more than one file (or a self-import). */
export function cycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfImport) found.push(component.sort());
      }
    }
  }
  return found;
}

/**
 * The layers of electron/core, top first (DESIGN.md §1): a file may import its own
 * layer and the ones below, never one above. `SpoolCore.ts` composes everything; the
 * API handlers call services; `services/` builds and wires the domain modules; the
 * domain folders (stream, store, chat, library, …) and the shared bottom files
 * (deps.ts, paths.ts, version.ts, SpoolCoreOptions.ts) know nothing above them.
 */
export function layerOf(file: string): number {
  if (file === 'SpoolCore.ts') return 3;
  if (file.startsWith('api/')) return 2;
  if (file.startsWith('services/')) return 1;
  return 0;
}

const LAYER_NAMES = ['a domain module', 'services/', 'api/', 'SpoolCore.ts'];

/** Each import from a lower layer to a higher one, as "from → to (why)". */
export function upwardImports(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (layerOf(to) > layerOf(from)) {
        found.push(`${from} → ${to} (${LAYER_NAMES[layerOf(from)]} imports ${LAYER_NAMES[layerOf(to)]})`);
      }
    }
  }
  return found;
}
