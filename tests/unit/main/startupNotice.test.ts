import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../electron/main/crash/crashJournal';
import {
  CRASH_NOTICE_CODE,
  RECOVERY_NOTICE_CODE,
  startupNotice,
} from '../../../electron/main/crash/startupNotice';

const run = (over: Partial<SessionRecord>): SessionRecord => ({
  version: '0.1.0',
  pid: 1,
  startedAt: 0,
  endedCleanly: true,
  errors: [],
  ...over,
});
const nothing = { streamsInterrupted: 0, messagesRebuilt: 0 };

describe('startupNotice', () => {
  it('says nothing after a clean quit with nothing recovered, or on a first launch', () => {
    expect(startupNotice(run({}), nothing, '/logs')).toBeNull();
    expect(startupNotice(null, nothing, '/logs')).toBeNull();
  });

  it('reports an unclean end with the replies recovery kept, and where the logs are', () => {
    const notice = startupNotice(
      run({ endedCleanly: false }),
      { streamsInterrupted: 2, messagesRebuilt: 1 },
      '/data/logs',
    );
    expect(notice).toMatchObject({ level: 'warning', code: CRASH_NOTICE_CODE });
    expect(notice?.message).toContain('did not shut down cleanly');
    expect(notice?.message).toContain('2 replies were cut off and kept');
    expect(notice?.message).toContain('1 message was rebuilt');
    expect(notice?.message).toContain('/data/logs');
  });

  it('says when an unclean end needed no recovery', () => {
    expect(startupNotice(run({ endedCleanly: false }), nothing, '/l')?.message).toContain(
      'Nothing needed recovering',
    );
  });

  it("names the previous run's last unexpected error", () => {
    const notice = startupNotice(
      run({ errors: [{ kind: 'uncaughtException', at: 1, message: 'TypeError: x is undefined' }] }),
      nothing,
      '/l',
    );
    expect(notice?.message).toContain('1 unexpected error');
    expect(notice?.message).toContain('TypeError: x is undefined');
  });

  it('reports a recovery after a clean run (another process crashed) as information', () => {
    expect(startupNotice(run({}), { streamsInterrupted: 1, messagesRebuilt: 0 }, '/l')).toMatchObject({
      level: 'info',
      code: RECOVERY_NOTICE_CODE,
    });
  });
});
