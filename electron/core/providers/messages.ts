/**
 * Spool's stored messages → the AI SDK's ModelMessage[], plus the Continue prefix.
 *
 * Reasoning is not sent back: Anthropic needs signatures Spool does not keep and
 * OpenAI-compatible servers ignore or refuse it. Tool calls are sent only once they
 * have an outcome (every provider requires a result for each call it is shown).
 */
import type { AssistantModelMessage, ImagePart, ModelMessage, ToolModelMessage } from 'ai';
import type { Message, ToolPart } from '../../../shared/api/schemas/messages';
import type { ContinueStyle, ProviderKind } from '../../../shared/api/schemas/providers';

/** What a reply is built from: only role and parts matter. */
export type ReplyMessage = Pick<Message, 'role' | 'parts'>;

export const CONTINUE_INSTRUCTION =
  'Your previous reply was cut off. Continue it exactly where it stopped: do not repeat ' +
  'anything already written and add no preamble; start with the next character.';

function textOf(message: ReplyMessage): string {
  return message.parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');
}

/**
 * A user message's images, once core/attachments has put their bytes in as data URLs
 * (the stored parts name the library's copy, which no provider could read).
 */
function imagesOf(message: ReplyMessage): ImagePart[] {
  const images: ImagePart[] = [];
  for (const p of message.parts) {
    if (p.type !== 'file' || !p.mediaType.startsWith('image/')) continue;
    const match = /^data:[^;,]+;base64,(.*)$/s.exec(p.url);
    if (match) images.push({ type: 'image', image: match[1]!, mediaType: p.mediaType });
  }
  return images;
}

function finishedTools(message: ReplyMessage): ToolPart[] {
  return message.parts.filter(
    (p): p is ToolPart =>
      p.type === 'dynamic-tool' && (p.state === 'output-available' || p.state === 'output-error'),
  );
}

function assistantMessages(message: ReplyMessage): ModelMessage[] {
  const content: AssistantModelMessage['content'] & unknown[] = [];
  const text = textOf(message);
  if (text) content.push({ type: 'text', text });
  const tools = finishedTools(message);
  for (const t of tools)
    content.push({ type: 'tool-call', toolCallId: t.toolCallId, toolName: t.toolName, input: t.input ?? {} });
  if (content.length === 0) return [];
  const out: ModelMessage[] = [{ role: 'assistant', content }];
  if (tools.length) {
    const results: ToolModelMessage = {
      role: 'tool',
      content: tools.map((t) => ({
        type: 'tool-result' as const,
        toolCallId: t.toolCallId,
        toolName: t.toolName,
        output:
          t.state === 'output-error'
            ? { type: 'error-text' as const, value: t.errorText ?? 'Tool failed' }
            : { type: 'json' as const, value: (t.output ?? null) as never },
      })),
    };
    out.push(results);
  }
  return out;
}

export function toModelMessages(messages: readonly ReplyMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const m of messages) {
    if (m.role === 'assistant') {
      out.push(...assistantMessages(m));
      continue;
    }
    const text = textOf(m);
    const images = m.role === 'user' ? imagesOf(m) : [];
    if (images.length) {
      out.push({ role: 'user', content: [...(text ? [{ type: 'text' as const, text }] : []), ...images] });
      continue;
    }
    if (!text) continue;
    out.push(m.role === 'system' ? { role: 'system', content: text } : { role: 'user', content: text });
  }
  return out;
}

export interface ContinuePlan {
  messages: ModelMessage[];
  /**
   * Anthropic refuses a prefill ending in whitespace, so it is trimmed off; the
   * continuation then usually starts with that whitespace again, which is dropped
   * so the appended text does not double it.
   */
  stripLeadingWhitespace: boolean;
}

/** The messages for a reply, with the partial `continueFrom` sent back the right way. */
export function buildPrompt(
  messages: readonly ReplyMessage[],
  kind: ProviderKind,
  style: ContinueStyle,
  continueFrom: string | undefined,
): ContinuePlan {
  const history = toModelMessages(messages);
  if (!continueFrom || !continueFrom.trim()) return { messages: history, stripLeadingWhitespace: false };
  const trimmed = kind === 'anthropic' ? continueFrom.replace(/\s+$/, '') : continueFrom;
  const prefix: ModelMessage = { role: 'assistant', content: [{ type: 'text', text: trimmed }] };
  if (style === 'instruction') {
    return {
      messages: [...history, prefix, { role: 'user', content: CONTINUE_INSTRUCTION }],
      stripLeadingWhitespace: false,
    };
  }
  return { messages: [...history, prefix], stripLeadingWhitespace: trimmed !== continueFrom };
}
