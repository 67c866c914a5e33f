/** A real SpoolCore on a temp dir, plus ways to write messages and streams without a provider. */
import type { Chunk } from '../../../shared/chunks';
import type { SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';
import { openCore, type TestCore } from '../chat/helpers';

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
