/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [...]` only those.
 * Exits non-zero only when a benchmark crashes: a missed target is printed as MISS
 * and recorded in bench/results/<name>.json.
 */
const BENCHES = {
  ingest: () => import('./ingest'),
  latency: () => import('./latency'),
  replay: () => import('./replay'),
  memory: () => import('./memory'),
  render: () => import('./render'),
  local: () => import('./local'),
  cli: () => import('./cli'),
  import: () => import('./import'),
  writes: () => import('./writes'),
  sustained: () => import('./sustained'),
  library: () => import('./library'),
  sync: () => import('./sync'),
} as const satisfies Record<string, () => Promise<{ run(): Promise<boolean> }>>;

type Name = keyof typeof BENCHES;
const asked = process.argv.slice(2);
const unknown = asked.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const names = (asked.length ? asked : Object.keys(BENCHES)) as Name[];
const missed: string[] = [];
for (const name of names) {
  const bench = await BENCHES[name]();
  if (!(await bench.run())) missed.push(name);
}
console.log(missed.length ? `\nMISS in: ${missed.join(', ')} (see above)` : '\nall targets MET');
export {};
