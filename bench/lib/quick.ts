/**
 * `SPOOL_BENCH_QUICK=1`: a smoke run of a benchmark that supports it (render, cli), with
 * smaller counts, to check it still runs. Its figures are not the benchmark's: they go to
 * `results/<name>-quick.json`, never over the real result.
 */
export const QUICK = process.env.SPOOL_BENCH_QUICK === '1';

/** The full count, or the smaller one in a quick run. */
export const quickOr = (full: number, quick: number): number => (QUICK ? quick : full);

/** The name a result is reported under. */
export const resultName = (name: string): string => (QUICK ? `${name}-quick` : name);
