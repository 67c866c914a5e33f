/**
 * The request metadata stored with a stream (streams.request): enough to know what
 * was asked of whom, and nothing secret — no key, no headers, no credentials or
 * query string from the base URL (some gateways put keys there).
 */
import type { ReasoningEffort } from '../../../shared/api/schemas/params';
import type { ProviderKind } from '../../../shared/api/schemas/providers';
import { redact } from './errors';
import { defaultContinueStyle } from './models';
import { DEFAULT_RETRY_POLICY } from './retry';
import {
  DEFAULT_FIRST_CHUNK_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  type StreamReplyOptions,
} from './streamReply';

export interface RequestDescription {
  provider: ProviderKind;
  providerId: string;
  providerName: string;
  model: string;
  baseUrl: string;
  /** The system prompt sent, as sent (absent: none). */
  system?: string;
  options: {
    messageCount: number;
    continue: boolean;
    continueStyle: 'prefix' | 'instruction';
    rawCapture: boolean;
    firstChunkTimeoutMs: number;
    idleTimeoutMs: number;
    maxRetries: number;
    maxOutputTokens?: number;
    temperature?: number;
    topP?: number;
    reasoningEffort?: ReasoningEffort;
  };
}

/** Origin and path only. */
export function safeBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(invalid URL)';
  }
}

export function describeRequest(o: StreamReplyOptions): RequestDescription {
  const description: RequestDescription = {
    provider: o.config.kind,
    providerId: o.config.id,
    providerName: o.config.name,
    model: o.model,
    baseUrl: safeBaseUrl(o.config.baseUrl),
    ...(o.system ? { system: o.system } : {}),
    options: {
      messageCount: o.messages.length,
      continue: Boolean(o.continueFrom?.trim()),
      continueStyle: defaultContinueStyle(o.config),
      rawCapture: o.rawCapture ?? true,
      firstChunkTimeoutMs: o.firstChunkTimeoutMs ?? DEFAULT_FIRST_CHUNK_TIMEOUT_MS,
      idleTimeoutMs: o.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      maxRetries: o.retry?.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      ...(o.maxOutputTokens ? { maxOutputTokens: o.maxOutputTokens } : {}),
      ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
      ...(o.topP !== undefined ? { topP: o.topP } : {}),
      ...(o.reasoningEffort ? { reasoningEffort: o.reasoningEffort } : {}),
    },
  };
  // Belt and braces: a key pasted into a name or model field must not be stored either.
  return JSON.parse(redact(JSON.stringify(description), [o.apiKey])) as RequestDescription;
}
