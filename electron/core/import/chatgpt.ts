import type { MessageRole, MessageStatus } from '../../../shared/api/schemas/messages';
import { IMPORT_SOURCE_NAMES } from '../store/ImportRecords';
import { attachmentParts, contentParts, type AssetLookup } from './chatgptContent';
import { orderTree } from './orderTree';
import { SkippedConversation, type SourceConversation, type SourceMessage } from './types';

/**
 * One conversation of a ChatGPT data export (`conversations.json`, an array of them):
 * `{title, create_time, update_time, mapping, current_node, conversation_id, …}`.
 * `mapping` is the whole tree, every regenerated answer and edited question included:
 * `{id: {id, message | null, parent, children}}`. Times are seconds since the epoch.
 * Nodes without a message (the root) and hidden system nodes are skipped: their
 * children hang from the nearest message above them.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const ms = (seconds: unknown): number | null =>
  typeof seconds === 'number' && Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;

export function isChatGptConversation(value: unknown): boolean {
  return isObject(value) && isObject(value.mapping);
}

function isHidden(message: Json): boolean {
  const metadata = isObject(message.metadata) ? message.metadata : {};
  if (metadata.is_visually_hidden_from_conversation === true) return true;
  const role = isObject(message.author) ? str(message.author.role) : '';
  const content = isObject(message.content) ? message.content : {};
  const type = str(content.content_type);
  if (type === 'user_editable_context' || type === 'model_editable_context') return true;
  // A system prompt nobody sees: ChatGPT puts an empty one at the top of every chat.
  if (role === 'system') {
    const parts = Array.isArray(content.parts) ? content.parts : [];
    return parts.every((p) => typeof p === 'string' && p.trim() === '');
  }
  return false;
}

function roleOf(message: Json): MessageRole {
  const role = isObject(message.author) ? str(message.author.role) : '';
  if (role === 'user') return 'user';
  if (role === 'system') return 'system';
  return 'assistant'; // 'assistant' and 'tool' (code output, browsing): the model's side
}

function statusOf(message: Json): MessageStatus {
  return str(message.status) === 'in_progress' ? 'interrupted' : 'complete';
}

export function fromChatGpt(raw: unknown, assets: AssetLookup): SourceConversation {
  const conv = isObject(raw) ? raw : {};
  const sourceId = str(conv.conversation_id) || str(conv.id);
  const title = str(conv.title).trim() || 'Untitled';
  if (!sourceId) throw new SkippedConversation('?', title, 'the conversation has no conversation_id');
  const mapping = isObject(conv.mapping) ? conv.mapping : {};
  const created = ms(conv.create_time) ?? 0;
  const updated = ms(conv.update_time) ?? created;
  const defaultModel = str(conv.default_model_slug) || null;

  const nodes = new Map<string, Json>();
  for (const [id, node] of Object.entries(mapping)) if (isObject(node)) nodes.set(str(node.id) || id, node);
  const kept = (id: string): boolean => {
    const message = nodes.get(id)?.message;
    return isObject(message) && !isHidden(message);
  };
  // The nearest kept node at or above `id`; null at the top. A loop of skipped nodes is a cycle.
  const keptAtOrAbove = (id: string | null): string | null => {
    const seen = new Set<string>();
    while (id !== null && !kept(id)) {
      if (seen.has(id))
        throw new SkippedConversation(sourceId, title, `node ${id} is part of a cycle of parents`);
      seen.add(id);
      const node = nodes.get(id);
      if (!node) throw new SkippedConversation(sourceId, title, `node ${id} is not in the export`);
      id = typeof node.parent === 'string' ? node.parent : null;
    }
    return id;
  };

  const messages: SourceMessage[] = [];
  let lastTime = created;
  for (const [id, node] of nodes) {
    if (!kept(id)) continue;
    const message = node.message as Json;
    const parentId = typeof node.parent === 'string' ? node.parent : null;
    if (parentId !== null && !nodes.has(parentId)) {
      throw new SkippedConversation(
        sourceId,
        title,
        `node ${id} answers ${parentId}, which is not in the export`,
      );
    }
    const at = ms(message.create_time) ?? lastTime;
    lastTime = at;
    const metadata = isObject(message.metadata) ? message.metadata : {};
    const role = roleOf(message);
    const author = isObject(message.author) ? str(message.author.name) || null : null;
    const parts = [
      ...contentParts(message.content, { author, nodeId: id, assets }),
      ...attachmentParts(metadata, assets),
    ];
    messages.push({
      sourceId: id,
      parentSourceId: keptAtOrAbove(parentId),
      role,
      parts,
      status: statusOf(message),
      createdAt: at,
      updatedAt: ms(message.update_time) ?? at,
      providerId: null,
      providerName: role === 'user' ? null : IMPORT_SOURCE_NAMES.chatgpt,
      model: role === 'user' ? null : str(metadata.model_slug) || defaultModel,
    });
  }
  const current = str(conv.current_node);
  return {
    source: 'chatgpt',
    sourceId,
    title,
    createdAt: created,
    updatedAt: updated,
    messages: orderTree({ sourceId, title }, messages),
    shownLeafSourceId: current && nodes.has(current) ? keptAtOrAbove(current) : null,
  };
}
