import type { MessagePart, ToolPart } from '../../../shared/api/schemas/messages';
import { IMPORT_SOURCE_NAMES } from '../store/ImportRecords';
import { orderTree } from './orderTree';
import { SkippedConversation, type SourceConversation, type SourceMessage } from './types';

/**
 * One conversation of a Claude data export (`conversations.json`, an array of them):
 * `{uuid, name, created_at, updated_at, chat_messages: [{uuid, text, content, sender,
 * created_at, attachments, files, parent_message_uuid?}]}`. `content` holds typed
 * blocks (text, thinking, tool_use, tool_result); older exports only have `text`.
 * Where `parent_message_uuid` is present the messages form a tree (an edited question
 * or a retried answer is a sibling); the all-zero uuid means "no parent".
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const time = (v: unknown): number | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : null;
};

/** Claude's "no parent" marker. */
export const CLAUDE_ROOT_UUID = '00000000-0000-4000-8000-000000000000';

export function isClaudeConversation(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.chat_messages);
}

function toolResultText(block: Json): string {
  if (typeof block.content === 'string') return block.content;
  if (!Array.isArray(block.content)) return '';
  return block.content
    .filter(isObject)
    .map((c) => (c.type === 'text' ? str(c.text) : JSON.stringify(c)))
    .join('\n');
}

function contentParts(message: Json): MessagePart[] {
  const blocks = Array.isArray(message.content) ? message.content.filter(isObject) : [];
  if (blocks.length === 0) return str(message.text) ? [{ type: 'text', text: str(message.text) }] : [];
  const parts: MessagePart[] = [];
  const calls = new Map<string, ToolPart>();
  blocks.forEach((block, i) => {
    switch (block.type) {
      case 'text':
        if (str(block.text)) parts.push({ type: 'text', text: str(block.text) });
        break;
      case 'thinking':
        if (str(block.thinking)) parts.push({ type: 'reasoning', text: str(block.thinking) });
        break;
      case 'tool_use': {
        const id = str(block.id) || `${str(message.uuid)}-tool-${i}`;
        const call: ToolPart = {
          type: 'dynamic-tool',
          toolName: str(block.name) || 'tool',
          toolCallId: id,
          state: 'input-available',
          input: block.input ?? null,
        };
        calls.set(id, call);
        parts.push(call);
        break;
      }
      case 'tool_result': {
        // Its call: by id when the export has one, else the latest call still waiting.
        const waiting = [...calls.values()].filter((c) => c.state === 'input-available');
        const call = calls.get(str(block.tool_use_id)) ?? waiting.at(-1);
        const output = toolResultText(block);
        const done: ToolPart = call ?? {
          type: 'dynamic-tool',
          toolName: str(block.name) || 'tool',
          toolCallId: `${str(message.uuid)}-result-${i}`,
          state: 'input-available',
        };
        if (block.is_error === true) Object.assign(done, { state: 'output-error', errorText: output });
        else Object.assign(done, { state: 'output-available', output });
        if (!call) parts.push(done);
        break;
      }
      default:
        parts.push({
          type: 'text',
          text: `[Claude content "${str(block.type) || 'unknown'}"]\n\`\`\`json\n${JSON.stringify(block, null, 2)}\n\`\`\``,
        });
    }
  });
  return parts;
}

/** Attachments keep their extracted text; files (images, PDFs) are not in the export. */
function attachmentParts(message: Json): MessagePart[] {
  const parts: MessagePart[] = [];
  for (const a of Array.isArray(message.attachments) ? message.attachments.filter(isObject) : []) {
    const name = str(a.file_name) || 'attachment';
    const body = str(a.extracted_content);
    parts.push({
      type: 'text',
      text: body ? `[Attachment ${name}]\n\n${body}` : `[Attachment ${name}: no text in the export]`,
    });
  }
  for (const f of Array.isArray(message.files) ? message.files.filter(isObject) : []) {
    parts.push({ type: 'text', text: `[File ${str(f.file_name) || 'file'}: not in the export]` });
  }
  return parts;
}

/** Text parts are shown run together: a blank line keeps an attachment off the question's last line. */
function withAttachments(content: MessagePart[], attachments: MessagePart[]): MessagePart[] {
  const parts = [...content];
  for (const a of attachments) {
    parts.push(a.type === 'text' && parts.length > 0 ? { ...a, text: `\n\n${a.text}` } : a);
  }
  return parts;
}

export function fromClaude(raw: unknown): SourceConversation {
  const conv = isObject(raw) ? raw : {};
  const sourceId = str(conv.uuid);
  const title = str(conv.name).trim() || 'Untitled';
  if (!sourceId) throw new SkippedConversation('?', title, 'the conversation has no uuid');
  const created = time(conv.created_at) ?? 0;
  const updated = time(conv.updated_at) ?? created;
  const model = str(conv.model) || null;
  const list = Array.isArray(conv.chat_messages) ? conv.chat_messages.filter(isObject) : [];

  let previous: string | null = null;
  const messages: SourceMessage[] = list.map((m, i) => {
    const id = str(m.uuid) || `${sourceId}-${i}`;
    // Without parent_message_uuid (older exports) a message follows the one before it.
    const declared = m.parent_message_uuid;
    const parent =
      typeof declared === 'string' ? (declared === CLAUDE_ROOT_UUID ? null : declared) : previous;
    previous = id;
    const at = time(m.created_at) ?? created;
    const isUser = str(m.sender) === 'human';
    return {
      sourceId: id,
      parentSourceId: parent,
      role: isUser ? 'user' : 'assistant',
      parts: withAttachments(contentParts(m), attachmentParts(m)),
      status: 'complete',
      createdAt: at,
      updatedAt: time(m.updated_at) ?? at,
      providerId: null,
      providerName: isUser ? null : IMPORT_SOURCE_NAMES.claude,
      model: isUser ? null : model,
    };
  });
  const leaf = str(conv.current_leaf_message_uuid);
  return {
    source: 'claude',
    sourceId,
    title,
    createdAt: created,
    updatedAt: updated,
    messages: orderTree({ sourceId, title }, messages),
    shownLeafSourceId:
      leaf && messages.some((m) => m.sourceId === leaf) ? leaf : (messages.at(-1)?.sourceId ?? null),
  };
}
