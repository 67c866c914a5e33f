/**
 * A lane that drives the engine directly, below ChatService and HTTP, the way any other
 * writer of the engine API could: a reply message, then its stream (two steps, so a
 * kill can fall between them), chunks appended at full speed with random small
 * pauses, large chunks that become continuation rows (§3.8), and every kind of ending.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Chunk } from '../../shared/chunks';
import type { SpoolCore } from '../../electron/core/SpoolCore';
import type { Random } from './random';
import { watchStream } from './report';

const WORDS = ['Hello ', 'héllo ', 'Ωμέγα ', '日本語の', '🧵 ', '👩‍💻 ', 'ok. ', '\n', 'a'];

function delta(rng: Random): string {
  if (rng.next() < 0.01) {
    // A large chunk (up to ~3× the torture's maxChunkBytes in UTF-8, multi-byte throughout).
    let s = '';
    const target = rng.int(1000, 6000);
    while (s.length < target) s += rng.pick(WORDS);
    return s;
  }
  let s = '';
  for (let n = rng.int(1, 4); n > 0; n--) s += rng.pick(WORDS);
  return s;
}

export async function pause(rng: Random): Promise<void> {
  const r = rng.next();
  if (r < 0.7) return;
  if (r < 0.9) await new Promise((resolve) => setImmediate(resolve));
  else await sleep(rng.int(0, 3));
}

const CONTINUABLE = new Set(['interrupted', 'cancelled', 'error']);

/**
 * Each round: a new reply hung under a random message of the conversation (or after
 * its shown branch), or a new stream of a reply that was cut, stopped or failed (as
 * Continue does), then chunks until one of the endings.
 */
export async function rawLane(core: SpoolCore, conversationId: string, rng: Random): Promise<never> {
  for (;;) {
    const messages = core.messages.list(conversationId);
    const continuable = messages.filter((m) => m.role === 'assistant' && CONTINUABLE.has(m.status));
    let messageId: string;
    if (continuable.length > 0 && rng.next() < 0.3) {
      messageId = rng.pick(continuable).id;
    } else {
      const parentId = messages.length > 0 && rng.next() < 0.5 ? rng.pick(messages).id : undefined;
      messageId = core.messages.insert({
        conversationId,
        role: 'assistant',
        status: 'streaming',
        ...(parentId ? { parentId } : {}),
      }).id;
    }
    const handle = core.engine.start({ messageId, provider: 'torture', model: 'kill-me' });
    void watchStream(core.engine, handle.id);
    const send = async (chunk: Chunk) => {
      const room = handle.append(chunk);
      if (room) await room;
    };
    await send({ type: 'text-start', id: 't' });
    for (let n = rng.int(10, 600); n > 0; n--) {
      await send({ type: 'text-delta', id: 't', delta: delta(rng) });
      await pause(rng);
    }
    await send({ type: 'text-end', id: 't' });
    const ending = rng.next();
    if (ending < 0.8) await handle.complete('stop');
    else if (ending < 0.9) await handle.cancel('user');
    else await handle.fail({ code: 'provider', message: 'the provider gave up' });
    await pause(rng);
  }
}
