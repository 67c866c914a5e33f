import { afterEach } from 'vitest';
import type { ApiEventMessage, ApiEventName } from '../../../shared/api/events';
import { makeTempDir } from '../../helpers/tempDir';
import { openCore, type TestCore } from './helpers';

/**
 * Two cores on one data folder, as two processes would be (`window` has a client
 * listening, `other` writes); both closed and the folder removed after each test.
 */
export function useTwoProcesses(prefix: string): () => { window: TestCore; other: TestCore } {
  const open: TestCore[] = [];
  const dirs: (() => void)[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.core.close();
    for (const cleanup of dirs.splice(0)) cleanup();
  });
  return () => {
    const tmp = makeTempDir(prefix);
    dirs.push(tmp.cleanup);
    const window = openCore(tmp.dir);
    const other = openCore(tmp.dir);
    open.push(window, other);
    return { window, other };
  };
}

/** The events of one name a core's client received, typed. */
export function eventsNamed<N extends ApiEventName>(
  t: TestCore,
  name: N,
): Extract<ApiEventMessage, { name: N }>[] {
  return t.recorded.events.filter((e): e is Extract<ApiEventMessage, { name: N }> => e.name === name);
}
