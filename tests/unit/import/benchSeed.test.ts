import { afterEach, describe, expect, it } from 'vitest';
import { importSeed, type SeedConversation } from '../../../bench/lib/importSeed';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function openCore(): SpoolCore {
  const { dir, cleanup } = makeTempDir('spool-bench-seed-test-');
  const core = SpoolCore.open({ dataDir: dir, mode: 'test', log: () => {} });
  cleanups.push(cleanup, () => core.close());
  return core;
}

const SEED: SeedConversation[] = [
  {
    title: 'First',
    messages: [
      { role: 'user', text: 'Question one' },
      { role: 'assistant', text: 'Answer one\n\n```ts\nconst x = 1;\n```' },
    ],
  },
  {
    title: 'Second',
    messages: Array.from({ length: 6 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      text: `message ${i} `.repeat(i + 1),
    })),
  },
];

describe('the benchmarks’ seed (bench/lib/importSeed.ts)', () => {
  it('leaves the given conversations, roles and texts in the library, the last one on top', async () => {
    const core = openCore();
    await importSeed(core, SEED);
    const client = core.connect(() => {});
    const list = await client.call('conversations.list', {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.data.map((c) => c.title)).toEqual(['Second', 'First']);
    for (const conversation of list.data) {
      const messages = await client.call('messages.list', { conversationId: conversation.id });
      if (!messages.ok) throw new Error(messages.error.message);
      const given = SEED.find((c) => c.title === conversation.title)!.messages;
      expect(
        messages.data.map((m) => ({
          role: m.role,
          text: m.parts.map((p) => ('text' in p ? p.text : '')).join(''),
        })),
      ).toEqual(given);
      expect(messages.data.every((m) => m.status === 'complete' && m.model === null)).toBe(true);
      expect(messages.data.map((m) => m.parentId)).toEqual([
        null,
        ...messages.data.slice(0, -1).map((m) => m.id),
      ]);
    }
    client.dispose();
  });

  it('fails when the import adds less than it was given (the same seed twice)', async () => {
    const core = openCore();
    await importSeed(core, SEED);
    await expect(importSeed(core, SEED)).rejects.toThrow(/did not add everything/);
  });
});
