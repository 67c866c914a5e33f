/** Shared by the provider tests: a fake server per file, configs for it, and chunk readers. */
import type { ProviderConfig, ProviderKind } from '../../../shared/api/schemas/providers';
import type { Chunk } from '../../../shared/chunks';
import { streamReply, type StreamReplyOptions } from '../../../electron/core/providers/streamReply';
import type { ReplyMessage } from '../../../electron/core/providers/messages';

export const SECRET_KEY = 'sk-spool-test-0123456789abcdef-SECRET';

export const HI: ReplyMessage[] = [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }];

export function configFor(url: string, kind: ProviderKind = 'openai-compatible'): ProviderConfig {
  return {
    id: `fake-${kind}`,
    kind,
    name: `Fake ${kind}`,
    baseUrl: kind === 'ollama' ? url : `${url}/v1`,
  };
}

/** Options tuned for tests: unthrottled retries, short but generous timeouts. */
export function replyOptions(
  url: string,
  model: string,
  overrides: Partial<StreamReplyOptions> & { kind?: ProviderKind } = {},
): StreamReplyOptions {
  const { kind, ...rest } = overrides;
  return {
    config: configFor(url, kind),
    apiKey: SECRET_KEY,
    model,
    messages: HI,
    rawCapture: false,
    firstChunkTimeoutMs: 10_000,
    idleTimeoutMs: 10_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
    ...rest,
  };
}

export async function collect(stream: AsyncIterable<Chunk>): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export function reply(options: StreamReplyOptions): Promise<Chunk[]> {
  return collect(streamReply(options));
}

export function textOf(chunks: readonly Chunk[]): string {
  return chunks.map((c) => (c.type === 'text-delta' ? c.delta : '')).join('');
}

export function reasoningOf(chunks: readonly Chunk[]): string {
  return chunks.map((c) => (c.type === 'reasoning-delta' ? c.delta : '')).join('');
}

export function last(chunks: readonly Chunk[]): Chunk | undefined {
  return chunks[chunks.length - 1];
}

export function types(chunks: readonly Chunk[]): string[] {
  return chunks.filter((c) => c.type !== 'text-delta' && c.type !== 'raw').map((c) => c.type);
}
