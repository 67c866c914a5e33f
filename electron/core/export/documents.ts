import type { AuditEvent } from '../../../shared/api/schemas/audit';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { ConversationExportFormat } from '../../../shared/api/schemas/export';
import type { Message } from '../../../shared/api/schemas/messages';
import { attachmentsOf, withDataUrls, type ExportedAttachment } from '../attachments/exported';
import { readAuditEvents } from '../audit/AuditTrail';
import { conversationHeader, messageSection, otherVersionsHeader, versionSection } from './markdown';
import type { ExportOutcome, Progress } from './messageExport';
import type { ExportSink } from './sink';
import type { ExportSource, StreamMeta } from './source';
import { layoutOf, type ConversationLayout } from './versions';

/**
 * Conversation and library documents, written message by message: one conversation's
 * message rows are in memory at a time, never the library, never a whole chunk log.
 */

export const EXPORT_FORMAT_VERSION = 1;

/**
 * A message as the JSON exports carry it: the message (with its `parentId` and who
 * answered), whether it is on the shown branch, where it stands among its versions,
 * its streams' metadata, and any warning.
 */
export interface ExportedMessage extends Message {
  shown: boolean;
  /** 1-based among its siblings (the versions of this message), in creation order. */
  version: { index: number; count: number };
  streams: StreamMeta[];
  /** Its lifecycle: started, stopped, interrupted, continued, recovered, exported… */
  audit: AuditEvent[];
  /** The bytes of the message's attachments (its `file` parts name them by id). */
  attachments?: ExportedAttachment[];
  incomplete?: true;
  warning?: string;
}

interface PreparedMessage {
  message: Message;
  streams: StreamMeta[];
  warning: string | null;
}

function prepare(source: ExportSource, message: Message, forMarkdown = false): PreparedMessage {
  const streams = source.streamsOf(message.id);
  const warning = source.incompleteWarning(message, streams);
  // Memory is ahead of the row: fold the chunks so the tail is in the parts too.
  const view = warning ? source.foldParts(message, streams) : message;
  if (forMarkdown) return { message: withDataUrls(source.deps.db, view), streams, warning };
  return { message: view, streams, warning };
}

function messageJson(
  source: ExportSource,
  layout: ConversationLayout,
  { message, streams, warning }: PreparedMessage,
): string {
  const out: ExportedMessage = {
    ...message,
    shown: layout.isShown(message.id),
    version: layout.version(message.id),
    streams,
    audit: readAuditEvents(source.deps.db, message.id),
  };
  const attachments = attachmentsOf(source.deps.db, message);
  if (attachments.length) out.attachments = attachments;
  if (warning) {
    out.incomplete = true;
    out.warning = warning;
  }
  return JSON.stringify(out);
}

interface Counter {
  done: number;
  total: number;
  onProgress: Progress;
}

function tick(counter: Counter): void {
  counter.done++;
  counter.onProgress({ done: counter.done, total: Math.max(counter.total, counter.done) });
}

/**
 * `[m1,m2,…]` of one conversation: every version, in creation order (a parent always
 * before its replies); warnings of incomplete messages go to `warnings`.
 */
async function writeMessagesJson(
  source: ExportSource,
  conversationId: string,
  sink: ExportSink,
  counter: Counter,
  warnings: string[],
): Promise<void> {
  await sink.write('[');
  let first = true;
  const messages = source.messagesOf(conversationId);
  const layout = layoutOf(messages);
  for (const message of messages) {
    const prepared = prepare(source, message);
    if (prepared.warning) warnings.push(prepared.warning);
    await sink.write((first ? '' : ',') + messageJson(source, layout, prepared));
    first = false;
    tick(counter);
  }
  await sink.write(']');
}

/** The shown branch, then the other versions, each labelled ("Reply 2 of 3 to “…”"). */
async function writeConversationMarkdown(
  source: ExportSource,
  conversation: Conversation,
  sink: ExportSink,
  counter: Counter,
  warnings: string[],
): Promise<void> {
  const layout = layoutOf(source.messagesOf(conversation.id));
  await sink.write(conversationHeader(conversation, layout.shown.length, layout.others.length));
  for (const message of layout.shown) {
    const prepared = prepare(source, message, true);
    if (prepared.warning) warnings.push(prepared.warning);
    await sink.write(messageSection(prepared.message, prepared.streams, prepared.warning));
    tick(counter);
  }
  if (layout.others.length) await sink.write(otherVersionsHeader(layout.others.length));
  for (const message of layout.others) {
    const prepared = prepare(source, message, true);
    if (prepared.warning) warnings.push(prepared.warning);
    const label = layout.label(message);
    await sink.write(versionSection(prepared.message, prepared.streams, prepared.warning, label));
    tick(counter);
  }
}

function outcomeOf(warnings: string[]): ExportOutcome {
  if (warnings.length === 0) return { incomplete: false, warning: null };
  return {
    incomplete: true,
    warning:
      warnings.length === 1 ? warnings[0]! : `${warnings.length} replies are not being saved: ${warnings[0]}`,
  };
}

export async function writeConversation(
  source: ExportSource,
  conversationId: string,
  format: ConversationExportFormat,
  sink: ExportSink,
  onProgress: Progress = () => {},
): Promise<ExportOutcome> {
  const conversation = source.conversation(conversationId);
  const counter: Counter = { done: 0, total: source.messageCount(conversationId), onProgress };
  const warnings: string[] = [];
  if (format === 'md') {
    await writeConversationMarkdown(source, conversation, sink, counter, warnings);
  } else {
    const head = { format: 'spool-conversation', version: EXPORT_FORMAT_VERSION, exportedAt: source.now() };
    await sink.write(
      `${JSON.stringify(head).slice(0, -1)},"conversation":${JSON.stringify(conversation)},"messages":`,
    );
    await writeMessagesJson(source, conversationId, sink, counter, warnings);
    await sink.write('}\n');
  }
  onProgress({ done: counter.done, total: Math.max(counter.total, counter.done) });
  return outcomeOf(warnings);
}

/** The whole library, or one folder of it (`folderId`). */
export interface LibraryScope {
  folderId?: string;
}

const totalOf = (source: ExportSource, scope: LibraryScope) =>
  scope.folderId === undefined ? source.messageCount() : source.folderMessageCount(scope.folderId);

/**
 * The whole library (or one folder: `folder` names it) as one JSON document, conversation by
 * conversation. Progress counts messages.
 */
export async function writeLibraryJson(
  source: ExportSource,
  sink: ExportSink,
  onProgress: Progress = () => {},
  scope: LibraryScope = {},
): Promise<ExportOutcome> {
  const counter: Counter = { done: 0, total: totalOf(source, scope), onProgress };
  const warnings: string[] = [];
  const head = {
    format: 'spool-library',
    version: EXPORT_FORMAT_VERSION,
    exportedAt: source.now(),
    appVersion: source.deps.appVersion ?? null,
    ...(scope.folderId !== undefined ? { folder: source.folder(scope.folderId) } : {}),
  };
  await sink.write(`${JSON.stringify(head).slice(0, -1)},"conversations":[`);
  let first = true;
  for (const conversation of source.conversations(scope.folderId)) {
    await sink.write(`${first ? '' : ','}{"conversation":${JSON.stringify(conversation)},"messages":`);
    first = false;
    await writeMessagesJson(source, conversation.id, sink, counter, warnings);
    await sink.write('}');
  }
  await sink.write(']}\n');
  onProgress({ done: counter.done, total: Math.max(counter.total, counter.done) });
  return outcomeOf(warnings);
}

/**
 * The library as one Markdown document per conversation: `open` gives each its own
 * sink (a file in a folder, an entry of a tar). Progress counts messages.
 */
export async function writeLibraryMarkdown(
  source: ExportSource,
  open: (conversation: Conversation) => Promise<{ sink: ExportSink; close(): Promise<void> }>,
  onProgress: Progress = () => {},
  scope: LibraryScope = {},
): Promise<ExportOutcome & { files: number }> {
  const counter: Counter = { done: 0, total: totalOf(source, scope), onProgress };
  const warnings: string[] = [];
  let files = 0;
  for (const conversation of source.conversations(scope.folderId)) {
    const entry = await open(conversation);
    await writeConversationMarkdown(source, conversation, entry.sink, counter, warnings);
    await entry.close();
    files++;
  }
  onProgress({ done: counter.done, total: Math.max(counter.total, counter.done) });
  return { ...outcomeOf(warnings), files };
}
