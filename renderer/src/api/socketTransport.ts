import type { WireCall, WireServerMessage } from '../../../shared/api/bridge';
import type { ApiEventMessage } from '../../../shared/api/events';
import type { ApiResult } from '../../../shared/api/result';
import type { ApiTransport, ConnectionStatus } from './transport';

/** The part of a WebSocket we use; the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface SocketTransportOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** First retry delay; doubles per failed attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** 0..1, the share of each delay that is randomised, so many tabs do not retry in step. */
  jitter?: number;
  /**
   * Asked after a connection attempt failed: 'refused' (the host is there but refuses the
   * token) ends the retries with status 'unauthorized'; anything else retries.
   */
  checkAccess?: () => Promise<'ok' | 'refused' | 'unreachable'>;
}

interface PendingCall {
  channel: string;
  payload: unknown;
  resolve: (result: ApiResult<unknown>) => void;
}

const OPEN = 1;

/**
 * Browser mode's transport: JSON frames over one WebSocket to the host. When the
 * socket drops (host restarted, laptop slept) it reconnects with backoff. Calls that
 * were in flight are answered UNAVAILABLE rather than re-sent, because the host may
 * already have applied them; calls made before the first connection simply wait.
 */
export function socketTransport(options: SocketTransportOptions): ApiTransport {
  const baseDelay = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 4000;
  const jitter = options.jitter ?? 0.3;
  const eventListeners = new Set<(event: ApiEventMessage) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const inFlight = new Map<number, PendingCall>();
  const waiting: PendingCall[] = [];
  let status: ConnectionStatus = 'connecting';
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function setStatus(next: ConnectionStatus): void {
    if (status === next) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function unavailable(channel: string, why: string): ApiResult<never> {
    return { ok: false, error: { code: 'UNAVAILABLE', message: `${channel} did not complete: ${why}` } };
  }

  function send(call: PendingCall): void {
    const id = nextId++;
    inFlight.set(id, call);
    const frame: WireCall = { type: 'call', id, channel: call.channel, payload: call.payload };
    socket!.send(JSON.stringify(frame));
  }

  function connect(): void {
    retryTimer = null;
    let ws: SocketLike;
    try {
      ws = options.createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      setStatus('open');
      for (const call of waiting.splice(0)) send(call);
    };
    ws.onmessage = (ev) => receive(ev.data);
    ws.onerror = () => {}; // a close always follows; that is where we act
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (status === 'closed') return;
      failAll('the connection to Spool was lost.');
      setStatus('reconnecting');
      if (opened || !options.checkAccess) return scheduleReconnect();
      // Never got in: a host that refuses the token will refuse it forever.
      void options.checkAccess().then((access) => {
        if (status === 'closed') return;
        if (access === 'refused') return setStatus('unauthorized');
        scheduleReconnect();
      });
    };
  }

  function scheduleReconnect(): void {
    const delay = Math.min(maxDelay, baseDelay * 2 ** attempt);
    attempt++;
    const randomised = delay * (1 - jitter + Math.random() * jitter);
    retryTimer = setTimeout(connect, randomised);
  }

  function failAll(why: string): void {
    const calls = [...inFlight.values(), ...waiting.splice(0)];
    inFlight.clear();
    for (const call of calls) call.resolve(unavailable(call.channel, why));
  }

  function receive(data: unknown): void {
    let frame: WireServerMessage;
    try {
      frame = JSON.parse(String(data)) as WireServerMessage;
    } catch {
      console.warn('Spool: ignored a frame that is not JSON');
      return;
    }
    if (frame?.type === 'reply') {
      const call = typeof frame.id === 'number' ? inFlight.get(frame.id) : undefined;
      if (!call) return; // an unreadable frame (id null) cannot be ours: we only send valid JSON
      inFlight.delete(frame.id as number);
      call.resolve(frame.result);
    } else if (frame?.type === 'event') {
      const event = { name: frame.name, payload: frame.payload } as ApiEventMessage;
      for (const listener of eventListeners) listener(event);
    }
  }

  connect();

  return {
    get status() {
      return status;
    },
    call(channel, payload) {
      return new Promise((resolve) => {
        const call = { channel, payload, resolve };
        if (status === 'open' && socket?.readyState === OPEN) send(call);
        else if (status === 'connecting') waiting.push(call);
        else resolve(unavailable(channel, 'Spool is reconnecting.'));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      setStatus('closed');
      if (retryTimer) clearTimeout(retryTimer);
      failAll('the client was closed.');
      socket?.close(1000, 'client closed');
      socket = null;
    },
  };
}
