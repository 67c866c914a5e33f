import type { RawData, WebSocket } from 'ws';
import {
  WS_CLOSE_TOO_SLOW,
  type WireCall,
  type WireId,
  type WireServerMessage,
} from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/result';
import type { CoreClient, SpoolCore } from '../core/SpoolCore';

export interface SocketLimits {
  /** A text frame larger than this gets a BAD_REQUEST reply instead of being parsed. */
  maxFrameBytes: number;
  /** A client that lets this much pile up unread is disconnected, not buffered for. */
  maxBufferedBytes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxBufferedBytes: 64 * 1024 * 1024,
};

type ParsedFrame = { ok: true; call: WireCall } | { ok: false; id: WireId | null; message: string };

/** Reads one client frame; never throws. */
export function parseCallFrame(data: RawData, isBinary: boolean, maxFrameBytes: number): ParsedFrame {
  if (isBinary) return { ok: false, id: null, message: 'Frames must be JSON text, not binary.' };
  const bytes = rawLength(data);
  if (bytes > maxFrameBytes) {
    return {
      ok: false,
      id: null,
      message: `Frame of ${bytes} bytes exceeds the ${maxFrameBytes}-byte limit.`,
    };
  }
  let frame: unknown;
  try {
    frame = JSON.parse(rawText(data));
  } catch {
    return { ok: false, id: null, message: 'Frame is not valid JSON.' };
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
    return { ok: false, id: null, message: 'Frame must be a JSON object.' };
  }
  const { type, id, channel, payload } = frame as Record<string, unknown>;
  const validId = isWireId(id) ? id : null;
  if (validId === null) {
    return {
      ok: false,
      id: null,
      message: 'Frame needs an "id" (a string of up to 256 characters or a number).',
    };
  }
  if (type !== 'call') return { ok: false, id: validId, message: 'Frame "type" must be "call".' };
  if (typeof channel !== 'string')
    return { ok: false, id: validId, message: 'Frame "channel" must be a string.' };
  return { ok: true, call: { type: 'call', id: validId, channel, payload } };
}

function isWireId(id: unknown): id is WireId {
  return (typeof id === 'string' && id.length <= 256) || (typeof id === 'number' && Number.isFinite(id));
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/**
 * One socket = one core client. Replies and events go out as JSON text frames;
 * a client that stops reading is closed with WS_CLOSE_TOO_SLOW instead of letting
 * its backlog grow without bound — it reconnects and resubscribes by seq, and the
 * chunk log fills the gap.
 */
export function serveSocket(ws: WebSocket, core: SpoolCore, limits: SocketLimits): void {
  let client: CoreClient | null = null;

  const release = () => {
    client?.dispose();
    client = null;
  };

  const send = (message: WireServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (err) {
      if (message.type !== 'reply') return;
      text = JSON.stringify(internalError(message.id, err));
    }
    // What is still queued from earlier sends is what the client has not read.
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      release();
      ws.close(WS_CLOSE_TOO_SLOW, 'Client is reading too slowly; reconnect and resubscribe.');
      return;
    }
    ws.send(text);
  };

  client = core.connect((event) => send({ type: 'event', ...event }));

  ws.on('message', (data, isBinary) => {
    const parsed = parseCallFrame(data, isBinary, limits.maxFrameBytes);
    if (!parsed.ok) {
      send({
        type: 'reply',
        id: parsed.id,
        result: { ok: false, error: { code: 'BAD_REQUEST', message: parsed.message } },
      });
      return;
    }
    const { id, channel, payload } = parsed.call;
    const current = client;
    if (!current) return;
    current.callUntrusted(channel, payload).then(
      (result) => send({ type: 'reply', id, result }),
      (err: unknown) => send(internalError(id, err)),
    );
  });
  ws.on('close', release);
  // A socket error is followed by 'close'; handling it keeps a broken client from crashing the host.
  ws.on('error', release);
}

function internalError(id: WireId | null, err: unknown): WireServerMessage {
  const result: ApiResult<never> = {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `Reply could not be sent: ${err instanceof Error ? err.message : String(err)}`,
    },
  };
  return { type: 'reply', id, result };
}
