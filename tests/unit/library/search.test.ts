import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../shared/api/schemas/library';
import { openLibrary, text, type LibraryTest } from './helpers';
import { waitFor } from '../../helpers/waitFor';

let t: LibraryTest;
beforeEach(() => {
  t = openLibrary();
});
afterEach(() => t.cleanup());

const search = async (query: string) =>
  (await t.ok<{ results: SearchResult[] }>('library.search', { query })).results;
const marked = (r: SearchResult) => r.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('library.search', () => {
  it('finds a word in any conversation and names the conversation and message', async () => {
    const lisbon = t.exchange('Trip to Lisbon', 'Where should I eat?', 'Try the pastéis de nata in Belém.');
    t.exchange('Other', 'Something else', 'Nothing about food here.');
    const [hit, ...rest] = await search('nata');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      conversationId: lisbon.conversationId,
      conversationTitle: 'Trip to Lisbon',
      messageId: lisbon.replyId,
      role: 'assistant',
    });
    expect(marked(hit!)).toContain('[nata]');
  });

  it('ignores accents both ways and matches word prefixes', async () => {
    const { replyId } = t.exchange('x', 'q', 'Un café au lait à Besançon, por favor.');
    expect((await search('cafe')).map((r) => r.messageId)).toEqual([replyId]);
    expect((await search('BESANCON')).map((r) => r.messageId)).toEqual([replyId]);
    expect((await search('besan')).map((r) => r.messageId)).toEqual([replyId]);
    const { userId } = t.exchange('y', 'I read about Angstrom units', 'ok');
    expect((await search('Ångström')).map((r) => r.messageId)).toEqual([userId]);
  });

  // unicode61 folds case in every script, but its diacritic folding is for Latin letters only.
  it('finds Cyrillic, Greek and Japanese words, in any case', async () => {
    const { replyId } = t.exchange('x', 'q', 'Привет мир · καλημέρα κόσμε · 東京 タワー');
    for (const word of ['ПРИВЕТ', 'Καλημέρα', '東京', 'タワー']) {
      expect(
        (await search(word)).map((r) => r.messageId),
        word,
      ).toEqual([replyId]);
    }
  });

  it('requires every word, in any order', async () => {
    const { replyId } = t.exchange('x', 'q', 'the quick brown fox');
    t.exchange('y', 'q', 'a brown bear');
    expect((await search('fox brown')).map((r) => r.messageId)).toEqual([replyId]);
  });

  it('searches reasoning parts too', async () => {
    const conversationId = t.core.conversations.create('r').id;
    const m = t.core.messages.insert({
      conversationId,
      role: 'assistant',
      parts: [
        { type: 'reasoning', text: 'The user wants a haiku' },
        { type: 'text', text: 'Here it is.' },
      ],
    });
    expect((await search('haiku')).map((r) => r.messageId)).toEqual([m.id]);
  });

  it('is kept current while a reply streams, as the writer persists its snapshots', async () => {
    const conversationId = t.core.conversations.create('Streaming').id;
    const reply = t.core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' });
    const handle = t.core.engine.start({ messageId: reply.id });
    await handle.append(text('First we mention zebras. '));
    await waitFor(async () => (await search('zebras')).length === 1 || undefined, 'the first words indexed');
    expect(t.core.messages.findStored(reply.id)!.status).toBe('streaming');
    await handle.append(text('Then giraffes.'));
    await waitFor(async () => (await search('giraffes')).length === 1 || undefined, 'later words indexed');
    await handle.complete();
    await waitFor(() => t.core.messages.findStored(reply.id)!.status === 'complete', 'the reply to finish');
    expect((await search('zebras giraffes')).map((r) => r.messageId)).toEqual([reply.id]);
  });

  it('forgets deleted versions and deleted conversations', async () => {
    const { userId, replyId, conversationId } = t.exchange('x', 'original wording', 'answer about otters');
    await t.ok('messages.delete', { messageId: replyId, scope: 'version' });
    expect(await search('otters')).toEqual([]);
    expect((await search('wording')).map((r) => r.messageId)).toEqual([userId]);
    t.core.conversations.delete(conversationId);
    expect(await search('wording')).toEqual([]);
  });

  it('leaves out conversations deleted but still undoable, and finds them again after Undo', async () => {
    const { conversationId, replyId } = t.exchange('x', 'q', 'walrus facts');
    await t.ok('conversations.delete', { id: conversationId });
    expect(await search('walrus')).toEqual([]);
    await t.ok('conversations.restore', { id: conversationId });
    expect((await search('walrus')).map((r) => r.messageId)).toEqual([replyId]);
  });

  it.each([
    ['a stray quote', 'say "hello'],
    ['a lone star', '*'],
    ['FTS5 operators', 'cats NEAR dogs AND OR NOT'],
    ['parentheses and a column filter', '(body: x) -y ^z'],
    ['only punctuation', '"" \'\' ::'],
    ['emoji', '🦜'],
    ['an empty query', '   '],
  ])('answers %s without an error', async (_name, query) => {
    t.exchange('x', 'q', 'cats and dogs say "hello" 🦜 (body: x)');
    const result = await t.call('library.search', { query });
    expect(result.ok).toBe(true);
  });

  it('treats NEAR, AND and a quote as words, not syntax', async () => {
    const { replyId } = t.exchange('x', 'q', 'The NEAR future, AND beyond: "quoted"');
    expect((await search('near and')).map((r) => r.messageId)).toEqual([replyId]);
    expect((await search('"quoted')).map((r) => r.messageId)).toEqual([replyId]);
  });

  it('finds an emoji as a substring and marks it', async () => {
    const { replyId } = t.exchange('x', 'q', 'I love parrots 🦜 very much');
    const [hit, ...rest] = await search('🦜');
    expect(rest).toEqual([]);
    expect(hit!.messageId).toBe(replyId);
    expect(marked(hit!)).toContain('[🦜]');
  });

  it('returns snippet text as plain pieces, so markup in a message stays text', async () => {
    t.exchange('x', 'q', 'Use <script>alert(1)</script> carefully');
    const [hit] = await search('alert');
    expect(hit!.snippet.map((p) => p.text).join('')).toContain('<script>');
    expect(hit!.snippet.some((p) => p.match && p.text === 'alert')).toBe(true);
  });

  it('refuses a query longer than 1000 characters with BAD_REQUEST', async () => {
    const result = await t.call('library.search', { query: 'x'.repeat(1001) });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
