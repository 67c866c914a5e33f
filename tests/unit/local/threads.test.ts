import { describe, expect, it } from 'vitest';
import { defaultThreads, physicalCores } from '../../../electron/core/local/threads';

const cpuinfo = (cores: [physical: number, core: number][]) =>
  cores.map(([p, c], i) => `processor\t: ${i}\nphysical id\t: ${p}\ncore id\t\t: ${c}\n`).join('\n');

describe('local model threads', () => {
  it('counts physical cores, not hyper-threads, from /proc/cpuinfo', () => {
    const smt = cpuinfo([
      [0, 0],
      [0, 1],
      [0, 0],
      [0, 1],
    ]);
    expect(physicalCores(smt)).toBeLessThanOrEqual(2);
  });

  it('leaves one core free and never goes below one thread', () => {
    expect(defaultThreads(8)).toBe(7);
    expect(defaultThreads(2)).toBe(1);
    expect(defaultThreads(1)).toBe(1);
  });
});
