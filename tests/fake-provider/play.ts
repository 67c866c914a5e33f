/**
 * Writes a scripted SSE reply onto a live HTTP response at a set rate, injecting the
 * script's fault (cut, stall, malformed event, invalid JSON, in-stream error) and
 * splitting multi-byte characters across two network writes when asked.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Dialect } from './dialects';
import type { Script } from './script';

/** Pause between the two halves of a split character, so they leave as two writes. */
const SPLIT_PAUSE_MS = 25;

function write(res: ServerResponse, data: Buffer | string): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const flushed = res.write(data, () => resolve());
    if (!flushed) res.once('drain', () => resolve());
  });
}

/** The byte offset just inside the first multi-byte character, or -1 when all ASCII. */
function splitOffset(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i + 1;
  return -1;
}

async function writeFrame(res: ServerResponse, text: string, splitMultibyte: boolean): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const at = splitMultibyte ? splitOffset(bytes) : -1;
  if (at < 0) return write(res, bytes);
  await write(res, bytes.subarray(0, at));
  await delay(SPLIT_PAUSE_MS);
  await write(res, bytes.subarray(at));
}

/** Resolves when the client has gone (or the server closed the socket). */
function closed(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => res.once('close', () => resolve()));
}

export async function playReply(
  res: ServerResponse,
  dialect: Dialect,
  script: Script,
  model: string,
  tps: number,
): Promise<void> {
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();

  const pause = tps > 0 ? 1000 / tps : 0;
  const fault = script.fault;
  let deltas = 0;
  for (const frame of dialect.frames(script, model)) {
    if (res.destroyed) return;
    const faultDue = fault && deltas === fault.after && (frame.delta || fault.after === 0);
    if (faultDue) {
      switch (fault.kind) {
        case 'cut':
          res.destroy();
          return;
        case 'stall':
          return closed(res);
        case 'error-event':
          await write(res, dialect.errorFrame(fault.status, fault.message));
          res.end();
          return;
        case 'malformed-sse':
          await write(res, dialect.malformedFrame());
          break;
        case 'invalid-json':
          await write(res, dialect.invalidJsonFrame());
          break;
      }
    }
    await writeFrame(res, frame.text, script.splitMultibyte === true);
    if (frame.delta) {
      deltas++;
      if (pause > 0) await delay(pause);
      else await new Promise<void>((r) => setImmediate(r));
    }
  }
  res.end();
}
