/** A parser gone wrong, for boundedWorker's tests: spins forever or allocates without end. */
import { workerData } from 'node:worker_threads';

const { mode } = workerData as { mode: 'spin' | 'hog' };
if (mode === 'spin') for (;;);
const kept: string[][] = [];
for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => `entry ${i} ${kept.length}`));
