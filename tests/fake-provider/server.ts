/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions and the
 * Anthropic messages SSE dialects (plus Ollama's model list) with scripted replies
 * and faults, for tests and for trying Spool without an API key.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicDialect, openaiDialect, type Dialect } from './dialects';
import { playReply } from './play';
import { answerWhole } from './unary';
import { DEFAULT_TEXT, LISTED_MODELS, parseScript, type Script } from './script';

export interface FakeProviderOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Tokens per second when a script does not say; 0 = as fast as possible. Default 30. */
  tokensPerSecond?: number;
  /** When set, /v1 requests must carry this key (Bearer or x-api-key) or get a 401. */
  apiKey?: string;
  /** Answer GET /v1/models with 404, like servers that have no model list. */
  noModelList?: boolean;
}

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, else the text ('' when none). */
  body: unknown;
  model?: string;
  /** Epoch ms when the request arrived. */
  receivedAt: number;
  /** Epoch ms when the connection for this request closed, if it has. */
  closedAt?: number;
  /** The client hung up before the server finished its answer (abort, timeout). */
  clientAborted: boolean;
}

export interface FakeProvider {
  /** e.g. http://127.0.0.1:41234 — OpenAI base URL is `${url}/v1`, Anthropic `${url}/v1`, Ollama `${url}`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Script for models that are not `script:…` (undefined model = every such model). */
  setScript(script: string, model?: string): void;
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function lastUserText(body: unknown): string {
  const messages = (body as { messages?: { role: string; content: unknown }[] })?.messages ?? [];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  if (Array.isArray(last.content)) return last.content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}

function listModels(req: IncomingMessage, res: ServerResponse) {
  const created = Math.floor(Date.now() / 1000);
  if (req.headers['anthropic-version']) {
    const data = LISTED_MODELS.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: new Date().toISOString(),
    }));
    return sendJson(res, 200, { data, has_more: false, first_id: data[0]?.id, last_id: data.at(-1)?.id });
  }
  sendJson(res, 200, {
    object: 'list',
    data: LISTED_MODELS.map((id) => ({ id, object: 'model', created, owned_by: 'spool-fake' })),
  });
}

function ollamaTags(res: ServerResponse) {
  sendJson(res, 200, {
    models: LISTED_MODELS.map((name) => ({
      name,
      model: name,
      modified_at: new Date().toISOString(),
      size: 1,
      digest: 'fake',
      details: { family: 'fake', parameter_size: '0B', quantization_level: 'none' },
    })),
  });
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const defaultTps = options.tokensPerSecond ?? 30;
  const requests: RecordedRequest[] = [];
  const counts = new Map<string, number>();
  const scriptsByModel = new Map<string, string>();
  let defaultScript: string | undefined;

  function scriptFor(model: string, userText: string): Script {
    const named = model.startsWith('script:') ? model : (scriptsByModel.get(model) ?? defaultScript);
    return parseScript(named ?? 'script:hello', userText) ?? { name: 'hello', text: DEFAULT_TEXT };
  }

  function authorized(req: IncomingMessage): boolean {
    if (!options.apiKey) return true;
    return (
      req.headers.authorization === `Bearer ${options.apiKey}` || req.headers['x-api-key'] === options.apiKey
    );
  }

  async function chat(req: IncomingMessage, res: ServerResponse, dialect: Dialect, rec: RecordedRequest) {
    if (!authorized(req)) {
      // Echoes the key it got, as some real providers do (partly masked): redaction must cope.
      const given = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      return sendJson(res, 401, dialect.errorBody(401, `Incorrect API key provided: ${String(given)}.`));
    }
    const model = rec.model ?? 'fake-chat';
    let script: Script;
    try {
      script = scriptFor(model, lastUserText(rec.body));
    } catch (err) {
      return sendJson(res, 400, dialect.errorBody(400, (err as Error).message));
    }
    const count = (counts.get(model) ?? 0) + 1;
    counts.set(model, count);
    if (script.hang) return; // never answer; the socket stays open until the client leaves
    const httpError = script.httpError;
    if (httpError && count > httpError.after && count <= httpError.after + httpError.times) {
      const headers = httpError.retryAfter ? { 'retry-after': httpError.retryAfter } : {};
      return sendJson(res, httpError.status, dialect.errorBody(httpError.status, httpError.message), headers);
    }
    const tps = script.tps ?? defaultTps;
    if ((rec.body as { stream?: unknown } | null)?.stream === true)
      await playReply(res, dialect, script, model, tps);
    else await answerWhole(res, dialect, script, model, tps, rec.body);
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string, body: unknown) {
    if (path === '/__requests') return sendJson(res, 200, requests);
    if (path === '/__reset' && req.method === 'POST') {
      api.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__script' && req.method === 'POST') {
      const { script, model } = (body ?? {}) as { script?: string; model?: string };
      if (typeof script !== 'string')
        return sendJson(res, 400, { error: 'body must be {"script": "script:…"}' });
      try {
        parseScript(script);
      } catch (err) {
        return sendJson(res, 400, { error: (err as Error).message });
      }
      api.setScript(script, model);
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: `no control endpoint ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : '';
    } catch {
      // keep the text as received
    }
    const model = (body as { model?: unknown })?.model;
    const rec: RecordedRequest = {
      index: requests.length,
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      receivedAt: Date.now(),
      clientAborted: false,
      ...(typeof model === 'string' ? { model } : {}),
    };
    if (!path.startsWith('/__')) requests.push(rec);
    res.on('close', () => {
      rec.closedAt = Date.now();
      rec.clientAborted = !res.writableFinished;
    });

    if (path.startsWith('/__')) return control(req, res, path, body);
    if (req.method === 'GET' && path === '/v1/models' && !options.noModelList) {
      if (!authorized(req))
        return sendJson(
          res,
          401,
          (req.headers['anthropic-version'] ? anthropicDialect : openaiDialect).errorBody(
            401,
            'Incorrect API key provided to the fake provider.',
          ),
        );
      return listModels(req, res);
    }
    if (req.method === 'GET' && path === '/api/tags') return ollamaTags(res);
    if (req.method === 'GET' && path === '/api/version') return sendJson(res, 200, { version: '0.0.0-fake' });
    if (req.method === 'POST' && path === '/v1/chat/completions') return chat(req, res, openaiDialect, rec);
    if (req.method === 'POST' && path === '/v1/messages') return chat(req, res, anthropicDialect, rec);
    sendJson(res, 404, { error: { message: `The fake provider has no route ${req.method} ${path}.` } });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const api: FakeProvider = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setScript(script, model) {
      if (model === undefined) defaultScript = script;
      else scriptsByModel.set(model, script);
    },
    reset() {
      requests.length = 0;
      counts.clear();
      scriptsByModel.clear();
      defaultScript = undefined;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}
