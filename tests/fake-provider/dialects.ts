/**
 * The two wire dialects the fake provider speaks. Each turns a script into the SSE
 * frames a real server would send, marking the content deltas so faults can be
 * placed "after N deltas".
 */
import { tokenize, type Script } from './script';

export interface Frame {
  /** One whole SSE event, including its terminating blank line. */
  text: string;
  /** A content delta (text, reasoning or tool-argument piece). */
  delta?: boolean;
}

export interface Dialect {
  name: 'openai' | 'anthropic';
  frames(script: Script, model: string): Frame[];
  /** The JSON body of a whole (non-streaming) answer of `tokens` output tokens. */
  completion(script: Script, model: string, tokens: number): unknown;
  /** The JSON body of an HTTP error answer. */
  errorBody(status: number, message: string): unknown;
  /** An error reported inside a 200 stream. */
  errorFrame(status: number, message: string): string;
  /** Two events missing the blank line between them, plus a line with no field. */
  malformedFrame(): string;
  invalidJsonFrame(): string;
}

const sse = (data: unknown, event?: string): string =>
  (event ? `event: ${event}\n` : '') + `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

function pieces(script: Script): { reasoning: string[]; text: string[]; args: string[] } {
  const args = script.tool ? (script.tool.args.match(/.{1,8}/gs) ?? []) : [];
  return {
    reasoning: script.reasoning ? tokenize(script.reasoning) : [],
    text: script.singleDelta ? [script.text] : tokenize(script.text),
    args,
  };
}

function anthropicErrorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 401) return 'authentication_error';
  if (status === 529) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

export const openaiDialect: Dialect = {
  name: 'openai',
  frames(script, model) {
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: object, finish: string | null = null) =>
      sse({
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
    const p = pieces(script);
    const frames: Frame[] = [{ text: chunk({ role: 'assistant', content: '' }) }];
    for (const r of p.reasoning) frames.push({ text: chunk({ reasoning_content: r }), delta: true });
    for (const t of p.text) frames.push({ text: chunk({ content: t }), delta: true });
    if (script.tool) {
      const { id, name } = script.tool;
      frames.push({
        text: chunk({ tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: '' } }] }),
      });
      for (const a of p.args)
        frames.push({ text: chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] }), delta: true });
    }
    frames.push({ text: chunk({}, script.tool ? 'tool_calls' : 'stop') });
    const completion = p.reasoning.length + p.text.length + p.args.length;
    frames.push({
      text: sse({
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: { prompt_tokens: 10, completion_tokens: completion, total_tokens: 10 + completion },
      }),
    });
    frames.push({ text: sse('[DONE]') });
    return frames;
  },
  completion: (script, model, tokens) => ({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: script.text,
          ...(script.reasoning ? { reasoning_content: script.reasoning } : {}),
        },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens },
  }),
  errorBody: (status, message) => ({
    error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: status },
  }),
  errorFrame: (status, message) =>
    sse({ error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: status } }),
  malformedFrame: () =>
    'this line has no field separator and must be ignored\n' +
    'data: {"id":"chatcmpl-fake","choices":[{"index":0,"delta":{"content":"lost"}}]}\n' +
    'data: {"id":"chatcmpl-fake","choices":[{"index":0,"delta":{"content":"glued"}}]}\n\n',
  invalidJsonFrame: () => 'data: {this is not json, "choices": [\n\n',
};

export const anthropicDialect: Dialect = {
  name: 'anthropic',
  frames(script, model) {
    const p = pieces(script);
    const frames: Frame[] = [
      {
        text: sse(
          {
            type: 'message_start',
            message: {
              id: 'msg_fake',
              type: 'message',
              role: 'assistant',
              content: [],
              model,
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: 10, output_tokens: 1 },
            },
          },
          'message_start',
        ),
      },
      { text: sse({ type: 'ping' }, 'ping') },
    ];
    let index = 0;
    const block = (start: object, deltas: Frame[], extra: Frame[] = []) => {
      frames.push({
        text: sse({ type: 'content_block_start', index, content_block: start }, 'content_block_start'),
      });
      frames.push(...deltas, ...extra);
      frames.push({ text: sse({ type: 'content_block_stop', index }, 'content_block_stop') });
      index++;
    };
    const delta = (d: object): Frame => ({
      text: sse({ type: 'content_block_delta', index, delta: d }, 'content_block_delta'),
      delta: true,
    });
    if (p.reasoning.length) {
      block(
        { type: 'thinking', thinking: '' },
        p.reasoning.map((r) => delta({ type: 'thinking_delta', thinking: r })),
        [{ ...delta({ type: 'signature_delta', signature: 'fake-signature' }), delta: false }],
      );
    }
    if (p.text.length) {
      block(
        { type: 'text', text: '' },
        p.text.map((t) => delta({ type: 'text_delta', text: t })),
      );
    }
    if (script.tool) {
      block(
        { type: 'tool_use', id: script.tool.id, name: script.tool.name, input: {} },
        p.args.map((a) => delta({ type: 'input_json_delta', partial_json: a })),
      );
    }
    frames.push({
      text: sse(
        {
          type: 'message_delta',
          delta: { stop_reason: script.tool ? 'tool_use' : 'end_turn', stop_sequence: null },
          usage: { output_tokens: p.reasoning.length + p.text.length + p.args.length },
        },
        'message_delta',
      ),
    });
    frames.push({ text: sse({ type: 'message_stop' }, 'message_stop') });
    return frames;
  },
  completion: (script, model, tokens) => ({
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: script.text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: tokens },
  }),
  errorBody: (status, message) => ({ type: 'error', error: { type: anthropicErrorType(status), message } }),
  errorFrame: (status, message) =>
    sse({ type: 'error', error: { type: anthropicErrorType(status), message } }, 'error'),
  malformedFrame: () =>
    'this line has no field separator and must be ignored\n' +
    'event: content_block_delta\n' +
    'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lost"}}\n' +
    'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"glued"}}\n\n',
  invalidJsonFrame: () => 'event: content_block_delta\ndata: {this is not json, "delta": [\n\n',
};
