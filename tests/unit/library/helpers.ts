/** A real SpoolCore on a temp dir, plus ways to write messages and streams without a provider. */
import type { Chunk } from '../../../shared/chunks';
import type { SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';
import { openCore, type TestCore } from '../chat/helpers';
import { libraryDb } from '../../helpers/libraryDb';

export interface LibraryTest extends TestCore {
  dir: string;
  /** A conversation with a user message and a finished assistant reply; returns their ids. */
  exchange(
    title: string | undefined,
    question: string,
    answer: string,
  ): { conversationId: string; userId: string; replyId: string };
  /** Closes this core and opens another on the same data dir (closed by `cleanup`). */
  reopen(options?: Partial<SpoolCoreOptions>): Promise<TestCore>;
  cleanup(): Promise<void>;
}

export function openLibrary(options: Partial<SpoolCoreOptions> = {}): LibraryTest {
  const tmp = makeTempDir();
  const t = openCore(tmp.dir, undefined, { debounceMs: 0, ...options });
  let reopened: TestCore | null = null;
  return {
    ...t,
    dir: tmp.dir,
    exchange(title, question, answer) {
      const conversationId = t.core.conversations.create(title).id;
      const userId = t.core.messages.insert({
        conversationId,
        role: 'user',
        parts: [{ type: 'text', text: question }],
      }).id;
      const replyId = t.core.messages.insert({
        conversationId,
        role: 'assistant',
        parts: [{ type: 'text', text: answer }],
      }).id;
      return { conversationId, userId, replyId };
    },
    async reopen(more = {}) {
      await t.core.close();
      reopened = openCore(tmp.dir, undefined, { debounceMs: 0, ...options, ...more });
      return reopened;
    },
    async cleanup() {
      await t.core.close();
      await reopened?.core.close();
      tmp.cleanup();
    },
  };
}

export const text = (delta: string): Chunk => ({ type: 'text-delta', id: 't1', delta });

/**
 * A reply caught mid-stream by a SIGKILL, as far as the next launch can tell: some text
 * committed to the chunk log, nothing ended, the owner's pid gone, and this core's close
 * made to do none of a clean quit's work. Open the library with a long debounceMs so the
 * snapshot lags the log. Returns the reply's message and stream ids; `reopen()` then runs recovery.
 */
export function crashMidStream(
  t: LibraryTest,
  said = 'before the crash',
): { messageId: string; streamId: string } {
  const core = t.core;
  const conversationId = core.conversations.create('crash').id;
  const messageId = core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
  const stream = core.engine.start({ messageId });
  stream.append(text(said));
  core.engine.flush();
  libraryDb(core).prepare('UPDATE instances SET pid = 2147483646 WHERE id = ?').run(core.instance.id);
  core.instance.stop = () => {};
  core.engine.interruptAll = () => 0;
  core.engine.flush = () => true;
  core.writer.flushAll = () => {};
  return { messageId, streamId: stream.id };
}
