import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiReply } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { SpoolCore, type CoreClient } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let core: SpoolCore;
let client: CoreClient;

beforeEach(() => {
  tmp = makeTempDir();
  core = SpoolCore.open({ dataDir: tmp.dir, mode: 'test', log: () => {} });
  client = core.connect(() => {});
});
afterEach(async () => {
  await core.close();
  tmp.cleanup();
});

describe('the typed in-process client', () => {
  it('types the reply by its channel, so callers read data without a cast', async () => {
    const created = await client.call('conversations.create', { title: 'Typed' });
    expectTypeOf(created).toEqualTypeOf<ApiResult<ApiReply<'conversations.create'>>>();
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data.title).toBe('Typed');
  });

  it('refuses at compile time a channel that does not exist or a request outside its schema', async () => {
    // @ts-expect-error no such channel
    const unknown = await client.call('conversations.explode', {});
    // @ts-expect-error a title is a string
    const wrong = await client.call('conversations.create', { title: 17 });
    // The runtime still parses: what slipped past the compiler is refused, typed.
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
