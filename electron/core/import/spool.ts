import { z } from 'zod';
import { MessageError, MessagePart, MessageRole, MessageStatus } from '../../../shared/api/schemas/messages';
import { orderTree } from './orderTree';
import { SkippedConversation, type SourceConversation, type SourceMessage } from './types';

/**
 * Spool's own JSON exports (`../export`): a conversation
 * (`{format: "spool-conversation", conversation, messages}`) or the library
 * (`{format: "spool-library", conversations: [{conversation, messages}]}`). Every
 * version is there with `parentId` and `selectedAt`; an export written before the
 * message tree has neither, and each message then follows the one before it. Parts,
 * times, status and who answered come back as they were; chunk logs are not in the
 * export, so imported replies have none.
 */

const ExportedMessage = z.object({
  id: z.string().min(1),
  role: MessageRole,
  parts: z.array(MessagePart),
  status: MessageStatus,
  error: MessageError.nullable().optional(),
  createdAt: z.number(),
  updatedAt: z.number().optional(),
  parentId: z.string().nullable().optional(),
  selectedAt: z.number().optional(),
  providerId: z.string().nullable().optional(),
  providerName: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  attachments: z
    .array(z.object({ id: z.string(), mediaType: z.string(), dataBase64: z.string() }))
    .optional(),
  // Spool before the tree recorded who answered only on its streams.
  streams: z
    .array(
      z.object({
        provider: z.string().nullable().optional(),
        providerName: z.string().nullable().optional(),
        model: z.string().nullable().optional(),
      }),
    )
    .optional(),
});

const ExportedConversation = z.object({
  conversation: z.object({
    id: z.string().min(1),
    title: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  }),
  messages: z.array(z.unknown()),
});

export function isSpoolConversation(value: unknown): boolean {
  return ExportedConversation.safeParse(value).success;
}

export function fromSpool(raw: unknown): SourceConversation {
  const parsed = ExportedConversation.safeParse(raw);
  if (!parsed.success) {
    throw new SkippedConversation('?', 'Untitled', 'not a conversation of a Spool export');
  }
  const { conversation } = parsed.data;
  const skip = (reason: string) => new SkippedConversation(conversation.id, conversation.title, reason);
  let previous: string | null = null;
  const messages: SourceMessage[] = parsed.data.messages.map((value, i) => {
    const m = ExportedMessage.safeParse(value);
    if (!m.success) throw skip(`message ${i + 1} is not a Spool message: ${m.error.issues[0]?.message}`);
    const msg = m.data;
    const lastStream = msg.streams?.at(-1);
    const parent = msg.parentId === undefined ? previous : msg.parentId;
    previous = msg.id;
    return {
      sourceId: msg.id,
      parentSourceId: parent,
      role: msg.role,
      parts: msg.parts,
      // A reply that was still streaming when exported has no stream to go on with here.
      status: msg.status === 'streaming' ? 'interrupted' : msg.status,
      error: msg.error ?? null,
      createdAt: msg.createdAt,
      updatedAt: msg.updatedAt ?? msg.createdAt,
      providerId: msg.providerId !== undefined ? msg.providerId : (lastStream?.provider ?? null),
      providerName: msg.providerName !== undefined ? msg.providerName : (lastStream?.providerName ?? null),
      model: msg.model !== undefined ? msg.model : (lastStream?.model ?? null),
      selectedAt: msg.selectedAt ?? msg.createdAt,
      ...(msg.attachments?.length ? { attachments: msg.attachments } : {}),
    };
  });
  return {
    source: 'spool',
    sourceId: conversation.id,
    title: conversation.title,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messages: orderTree({ sourceId: conversation.id, title: conversation.title }, messages),
    shownLeafSourceId: null,
  };
}
