/**
 * What a stream's request sent besides its messages, read back from `streams.request`
 * (providers/describeRequest.ts): the system prompt and the reply parameters. A request
 * from before these were recorded (or unreadable) says none were sent, which is what
 * Spool did then.
 */
import type { SentRequest } from '../../../shared/api/schemas/inspector';
import { ReplyParams } from '../../../shared/api/schemas/params';

export function sentRequest(requestJson: string | null): SentRequest {
  let request: { system?: unknown; options?: Record<string, unknown> } = {};
  try {
    request = (requestJson ? JSON.parse(requestJson) : {}) as typeof request;
  } catch {
    // A row no one can read sent nothing we can show.
  }
  const o = request.options ?? {};
  const params = ReplyParams.safeParse({
    temperature: o.temperature,
    topP: o.topP,
    maxOutputTokens: o.maxOutputTokens,
    reasoningEffort: o.reasoningEffort,
  });
  return {
    system: typeof request.system === 'string' ? request.system : null,
    params: params.success ? stripUndefined(params.data) : {},
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
