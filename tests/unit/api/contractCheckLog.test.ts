/**
 * SPOOL_CONTRACT_CHECK: the core that browser mode and the desktop app open in test runs
 * checks every reply and event it gives any client, and writes each violation to a file
 * the end-to-end fixtures read after every test. Here through a real core on a real
 * library whose one conversation was written outside the schema by another connection.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contractCheckLog } from '../../../electron/core/api/contractCheckLog';
import type { ApiEventMessage } from '../../../shared/api/events';
import { contractCheckFromEnv, SpoolCore } from '../../../electron/core/SpoolCore';
import { contractViolationsIn, expectNoContractViolations } from '../../helpers/contractLog';
import { libraryDb } from '../../helpers/libraryDb';
import { makeTempDir } from '../../helpers/tempDir';

let core: SpoolCore | null = null;
let cleanup = () => {};
afterEach(async () => {
  await core?.close();
  core = null;
  cleanup();
});

async function openChecked() {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  const log = path.join(tmp.dir, 'contract-violations.jsonl');
  const contractCheck = await contractCheckFromEnv({ SPOOL_CONTRACT_CHECK: log });
  core = SpoolCore.open({ dataDir: path.join(tmp.dir, 'data'), mode: 'test', contractCheck });
  const events: ApiEventMessage[] = [];
  const client = core.connect((event) => events.push(event));
  return { core, client, events, log };
}

/** A conversation created the normal way, then given a negative creation time behind the core's back. */
async function badConversation(t: Awaited<ReturnType<typeof openChecked>>): Promise<string> {
  const created = await t.client.call('conversations.create', {});
  if (!created.ok) throw new Error(created.error.message);
  libraryDb(t.core).prepare('UPDATE conversations SET created_at = -1 WHERE id = ?').run(created.data.id);
  return created.data.id;
}

describe('the contract check a test run turns on', () => {
  it('writes a reply outside its schema to the log, naming the channel and the issue', async () => {
    const t = await openChecked();
    await badConversation(t);
    const reply = await t.client.call('conversations.list', {});
    expect(reply.ok).toBe(true);
    const [violation, ...others] = contractViolationsIn(t.log);
    expect(others).toEqual([]);
    expect(violation).toMatch(/^Reply to conversations\.list outside its schema:/);
    expect(violation).toMatch(/at \[0\]\.createdAt/);
  });

  it('writes an event outside its schema to the log, naming the event and the issue', async () => {
    const t = await openChecked();
    const id = await badConversation(t);
    await t.client.call('conversations.rename', { id, title: 'Renamed' });
    expect(t.events.map((e) => e.name)).toContain('conversations.delta');
    const eventViolation = contractViolationsIn(t.log).find((v) => v.startsWith('Event'));
    expect(eventViolation).toMatch(/^Event conversations\.delta outside its schema:/);
    expect(eventViolation).toMatch(/createdAt/);
  });

  it('still delivers the reply and the event: a violation fails the test, not the core', async () => {
    const t = await openChecked();
    const id = await badConversation(t);
    const reply = await t.client.call('conversations.rename', { id, title: 'Renamed' });
    expect(reply).toMatchObject({ ok: true, data: { id, title: 'Renamed', createdAt: -1 } });
    expect(t.events).toContainEqual({
      name: 'conversations.delta',
      payload: { type: 'upsert', conversation: expect.objectContaining({ id, createdAt: -1 }) },
    });
  });

  it('leaves the log empty when every reply and event is inside its schema', async () => {
    const t = await openChecked();
    const created = await t.client.call('conversations.create', {});
    if (!created.ok) throw new Error(created.error.message);
    await t.client.call('conversations.rename', { id: created.data.id, title: 'Fine' });
    await t.client.call('conversations.list', {});
    expect(t.events.length).toBeGreaterThan(0);
    expect(() => expectNoContractViolations(t.log)).not.toThrow();
  });

  it('fails with every violation when there are some, naming channel, event and issue', async () => {
    const t = await openChecked();
    const id = await badConversation(t);
    await t.client.call('conversations.rename', { id, title: 'Renamed' });
    const failure = (() => {
      try {
        expectNoContractViolations(t.log);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(failure).toMatch(/^2 of the replies and events Spool sent were outside their schema/);
    expect(failure).toMatch(/Reply to conversations\.rename outside its schema: .*\n.*at createdAt/);
    expect(failure).toMatch(
      /Event conversations\.delta outside its schema: .*\n.*at conversation\.createdAt/,
    );
  });
});

describe('the contract check log', () => {
  it('that cannot be written, says so on stderr instead of throwing into the core', () => {
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    try {
      const tmp = makeTempDir();
      cleanup = tmp.cleanup;
      const check = contractCheckLog(path.join(tmp.dir, 'no-such-folder', 'log.jsonl'));
      expect(() => check.event({ name: 'messages.changed', payload: {} } as never)).not.toThrow();
    } finally {
      stderr.mockRestore();
    }
    expect(written.join('')).toMatch(/could not write to .*Event messages\.changed outside its schema/);
  });
});

describe('SPOOL_CONTRACT_CHECK', () => {
  it('unset, gives no check, so the core wraps no client', async () => {
    expect(await contractCheckFromEnv({})).toBeUndefined();
  });
});
