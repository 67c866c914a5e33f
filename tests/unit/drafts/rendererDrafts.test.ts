import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDrafts } from '../../../renderer/src/stores/drafts';
import { bridgeClient, openCore } from '../renderer/helpers';

/** The renderer's drafts helper over a real core, through the preload-style client. */
describe('the renderer side of drafts', () => {
  let opened: ReturnType<typeof openCore>;
  afterEach(async () => {
    await opened.close();
  });

  function setUp() {
    opened = openCore();
    const client = bridgeClient(opened.core);
    const call = vi.spyOn(client, 'call');
    const reported: unknown[] = [];
    const drafts = createDrafts(client, (err) => reported.push(err));
    const conversationId = opened.core.conversations.create('c').id;
    const sets = () => call.mock.calls.filter(([channel]) => channel === 'drafts.set');
    return { drafts, conversationId, sets, reported };
  }

  it('sends one drafts.set with the last text once typing pauses', async () => {
    const { drafts, conversationId, sets } = setUp();
    for (const text of ['a', 'ab', 'abc']) drafts.save(conversationId, text);
    expect(sets()).toHaveLength(0);
    await vi.waitFor(() => expect(sets()).toHaveLength(1));
    expect(sets()[0]![1]).toEqual({ conversationId, text: 'abc' });
    expect(await drafts.load(conversationId)).toBe('abc');
  });

  it('a clear after a send wins over a save still waiting', async () => {
    const { drafts, conversationId, sets } = setUp();
    drafts.save(conversationId, 'about to be sent');
    await drafts.clear(conversationId);
    expect(sets().map(([, payload]) => payload)).toEqual([{ conversationId, text: '' }]);
    expect(await drafts.load(conversationId)).toBe('');
  });

  it('flushAll sends what is pending at once (a closing tab)', async () => {
    const { drafts, conversationId, sets } = setUp();
    drafts.save(conversationId, 'closing');
    await drafts.flushAll();
    expect(sets()).toHaveLength(1);
    opened.core.drafts.flushAll();
    expect(opened.core.drafts.get(conversationId).text).toBe('closing');
  });
});
