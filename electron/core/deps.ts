import { randomUUID } from 'node:crypto';

/** Time and identity, injected so tests drive them. */
export interface Clock {
  now(): number;
}
export type IdGenerator = () => string;

export const systemClock: Clock = { now: () => Date.now() };
export const randomId: IdGenerator = () => randomUUID();
