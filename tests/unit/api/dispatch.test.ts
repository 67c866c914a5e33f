import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEventMessage } from '../../../shared/api/events';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index';
import { SpoolCore, type CoreClient } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';
import { captureCoreConnection, coreConnection, libraryDb } from '../../helpers/libraryDb';
import { checkEvent } from '../../helpers/contractCheck';

let tmp: ReturnType<typeof makeTempDir>;
let core: SpoolCore;
let client: CoreClient;
let events: ApiEventMessage[];
let internal: unknown[];

beforeEach(() => {
  tmp = makeTempDir();
  let n = 0;
  internal = [];
  core = SpoolCore.open({
    dataDir: tmp.dir,
    mode: 'test',
    newId: () => `id-${++n}`,
    testHooks: captureCoreConnection,
    onInternalError: (err) => internal.push(err),
  });
  events = [];
  client = core.connect((e) => {
    checkEvent(e);
    events.push(e);
  });
});
afterEach(async () => {
  await core.close();
  tmp.cleanup();
});

describe('API dispatch', () => {
  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const result = await client.callUntrusted('conversations.explode', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('answers a channel that is not a string with UNKNOWN_CHANNEL', async () => {
    expect(await client.callUntrusted({ evil: true }, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await client.callUntrusted('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it.each([
    ['a wrong type', 'conversations.rename', { id: 'x', title: 42 }],
    ['a missing field', 'conversations.rename', { id: 'x' }],
    ['an unexpected field', 'conversations.list', { sneaky: 1 }],
    ['an empty title', 'conversations.create', { title: '   ' }],
    ['a payload that is not an object', 'messages.list', 'conv-1'],
    ['a setting outside its range', 'settings.set', { patch: { retentionDays: -1 } }],
  ])('answers %s with BAD_REQUEST naming the problem', async (_label, channel, payload) => {
    const result = await client.callUntrusted(channel, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.message).toContain(channel);
    expect(Array.isArray(result.error.details)).toBe(true);
  });

  it('answers an unknown id with NOT_FOUND', async () => {
    expect(await client.callUntrusted('conversations.rename', { id: 'nope', title: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await client.callUntrusted('messages.list', { conversationId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps serving after a bad request', async () => {
    await client.callUntrusted('conversations.create', { title: 17 });
    expect(await client.callUntrusted('conversations.create', { title: 'Fine' })).toMatchObject({
      ok: true,
      data: { title: 'Fine' },
    });
  });

  it('turns a full disk into a STORAGE error with the SQLite code, and keeps serving reads', async () => {
    const pages = coreConnection(core).pragma('page_count', { simple: true }) as number;
    coreConnection(core).pragma(`max_page_count = ${pages}`);
    let result: Awaited<ReturnType<CoreClient['callUntrusted']>> = { ok: true, data: null };
    for (let i = 0; i < 2000 && result.ok; i++) {
      result = await client.callUntrusted('conversations.create', { title: 'x'.repeat(500) });
    }
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', details: { sqliteCode: 'SQLITE_FULL' } },
    });
    expect((await client.callUntrusted('conversations.list', {})).ok).toBe(true);
    expect(internal).toEqual([]);
  });

  it('answers UNAVAILABLE once the core is closed', async () => {
    await core.close();
    expect(await client.callUntrusted('conversations.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });
});

describe('conversation calls', () => {
  it('create, rename, list and delete, telling every client the list changed', async () => {
    const other: ApiEventMessage[] = [];
    core.connect((e) => other.push(e));
    const created = await client.callUntrusted('conversations.create', {});
    expect(created).toMatchObject({ ok: true, data: { title: 'New chat' } });
    const id = (created as { data: { id: string } }).data.id;
    await client.callUntrusted('conversations.rename', { id, title: 'Trip to Lisbon' });
    expect(await client.callUntrusted('conversations.list', {})).toMatchObject({
      ok: true,
      data: [{ id, title: 'Trip to Lisbon' }],
    });
    await client.callUntrusted('conversations.delete', { id });
    expect(await client.callUntrusted('conversations.list', {})).toEqual({ ok: true, data: [] });
    expect(other.filter((e) => e.name === 'conversations.delta')).toHaveLength(3);
    expect(events.filter((e) => e.name === 'conversations.delta')).toHaveLength(3);
  });
});

describe('settings calls', () => {
  it('return the defaults, then persist a patch across a reopen', async () => {
    expect(await client.callUntrusted('settings.get', {})).toMatchObject({
      ok: true,
      data: { theme: 'system', durability: 'normal' },
    });
    await client.callUntrusted('settings.set', { patch: { theme: 'dark', durability: 'strict' } });
    await core.close();
    core = SpoolCore.open({ dataDir: tmp.dir, mode: 'test', testHooks: captureCoreConnection });
    client = core.connect(() => {});
    expect(await client.callUntrusted('settings.get', {})).toMatchObject({
      ok: true,
      data: { theme: 'dark', durability: 'strict' },
    });
    expect(coreConnection(core).pragma('synchronous', { simple: true })).toBe(2);
  });

  it('ignore a stored value that no longer validates instead of failing start-up', async () => {
    libraryDb(core).prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"neon\"')").run();
    libraryDb(core).prepare("INSERT INTO settings (key, value) VALUES ('retentionDays', 'not json')").run();
    expect(await client.callUntrusted('settings.get', {})).toMatchObject({
      ok: true,
      data: { theme: 'system', retentionDays: 30 },
    });
  });
});

describe('app.info', () => {
  it('names the data dir, the database and the schema version', async () => {
    const result = await client.callUntrusted('app.info', {});
    expect(result).toMatchObject({
      ok: true,
      data: { name: 'Spool', mode: 'test', dataDir: tmp.dir, schemaVersion: LATEST_SCHEMA_VERSION },
    });
  });
});
