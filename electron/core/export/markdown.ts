import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { FilePart, Message, MessagePart, ToolPart } from '../../../shared/api/schemas/messages';
import type { StreamMeta } from './source';

/**
 * Markdown of messages and conversations. The reply's own text is Markdown already
 * and goes in as is; reasoning sits in a <details> block, tool calls show their input
 * and output as fenced JSON, and whatever ended a reply early is said in words.
 */

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** A fence longer than any backtick run in the text, so the text cannot close it. */
export function fenced(text: string, lang = ''): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

function asJson(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** `</details>` inside reasoning would close our block early. */
function insideDetails(text: string): string {
  return text.replace(/<\/details>/gi, '&lt;/details>');
}

function roleTitle(role: Message['role']): string {
  return role === 'user' ? 'User' : role === 'assistant' ? 'Assistant' : 'System';
}

function toolMarkdown(part: ToolPart): string {
  const lines = [`**Tool call** \`${part.toolName}\` (\`${part.toolCallId}\`, ${part.state})`, ''];
  const input = part.input !== undefined ? part.input : part.rawInput;
  if (input !== undefined) lines.push('Input:', '', fenced(asJson(input), 'json'), '');
  if (part.state === 'output-available') lines.push('Output:', '', fenced(asJson(part.output), 'json'), '');
  if (part.state === 'output-error') lines.push(`Error: ${part.errorText ?? 'unknown'}`, '');
  return lines.join('\n');
}

/**
 * An attachment: an image linked to its own bytes (a data URL), a file's text in a folded
 * block (documents.ts puts the data URLs in; without one the part is only named).
 */
function attachmentMarkdown(part: FilePart): string {
  const name = (part.filename ?? 'attachment').replace(/[[\]\\]/g, '\\$&');
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(part.url);
  if (!data) return `📎 ${name} (${part.mediaType})\n`;
  if (part.mediaType.startsWith('image/')) return `![📎 ${name}](${part.url})\n`;
  const text = Buffer.from(data[2]!, 'base64').toString('utf8');
  return `<details>\n<summary>📎 ${name} (${part.mediaType})</summary>\n\n${fenced(insideDetails(text))}\n\n</details>\n`;
}

function partMarkdown(part: MessagePart): string | null {
  switch (part.type) {
    case 'text':
      return part.text.length ? part.text + '\n' : null;
    case 'reasoning':
      return part.text.length
        ? `<details>\n<summary>Reasoning</summary>\n\n${insideDetails(part.text)}\n\n</details>\n`
        : null;
    case 'dynamic-tool':
      return toolMarkdown(part);
    case 'step-start':
      return null;
    case 'file':
      return attachmentMarkdown(part);
  }
}

/** How a reply ended, when that is not simply "complete". */
function statusNote(message: Message): string | null {
  switch (message.status) {
    case 'complete':
      return null;
    case 'streaming':
      return '> *Still streaming when exported.*';
    case 'interrupted':
      return '> *Interrupted: the reply stopped here (the app or its connection went away).*';
    case 'cancelled':
      return '> *Stopped by the user.*';
    case 'error':
      return `> **Error${message.error ? ` (${message.error.code})` : ''}:** ${message.error?.message ?? 'unknown'}`;
  }
}

/** The body of one message: its parts in order, then how it ended. */
export function messageBody(message: Message, warning: string | null): string {
  const blocks: string[] = [];
  if (warning) blocks.push(`> **Warning:** ${warning}\n`);
  for (const part of message.parts) {
    const md = partMarkdown(part);
    if (md !== null) blocks.push(md);
  }
  const note = statusNote(message);
  if (note) blocks.push(note + '\n');
  return blocks.join('\n');
}

function modelOf(streams: readonly StreamMeta[]): string | null {
  const last = streams[streams.length - 1];
  if (!last) return null;
  return [last.providerName ?? last.provider, last.model].filter(Boolean).join(' / ') || null;
}

function sectionFacts(message: Message, streams: readonly StreamMeta[]): string[] {
  const facts = [isoTime(message.createdAt)];
  if (message.role === 'assistant') {
    facts.unshift(message.status);
    const model = modelOf(streams);
    if (model) facts.push(model);
  }
  return facts;
}

/** A message as a section of a conversation document. */
export function messageSection(
  message: Message,
  streams: readonly StreamMeta[],
  warning: string | null,
): string {
  const facts = sectionFacts(message, streams);
  return `## ${roleTitle(message.role)} · ${facts.join(' · ')}\n\n${messageBody(message, warning)}\n`;
}

/** Where the versions that are not shown begin, after the shown branch. */
export function otherVersionsHeader(count: number): string {
  return `---\n\n## Other versions\n\n*${count} message(s) not on the branch shown above: other replies, other wordings, and what followed them.*\n\n`;
}

/** A version that is not shown, under its label ("Reply 2 of 3 to “…”"). */
export function versionSection(
  message: Message,
  streams: readonly StreamMeta[],
  warning: string | null,
  label: string,
): string {
  const facts = sectionFacts(message, streams);
  return `### ${label} · ${facts.join(' · ')}\n\n${messageBody(message, warning)}\n`;
}

/** A message on its own: a comment saying what it is, then its body. */
export function messageDocument(
  message: Message,
  streams: readonly StreamMeta[],
  warning: string | null,
  version?: { index: number; count: number; shown: boolean },
): string {
  const model = modelOf(streams);
  const facts = [
    `message ${message.id}`,
    message.role,
    message.status,
    `created ${isoTime(message.createdAt)}`,
    ...(model ? [model] : []),
    ...(version && (version.count > 1 || !version.shown)
      ? [`version ${version.index} of ${version.count}${version.shown ? ' (shown)' : ' (not shown)'}`]
      : []),
  ];
  return `<!-- Spool export · ${facts.join(' · ').replace(/--/g, '- -')} -->\n\n${messageBody(message, warning)}`;
}

export function conversationHeader(conversation: Conversation, shown: number, others = 0): string {
  const title = conversation.title.replace(/\s+/g, ' ').trim() || 'Untitled';
  const versions = others > 0 ? ` · ${others} in other versions` : '';
  return (
    `# ${title}\n\n` +
    `<!-- Spool export · conversation ${conversation.id} · created ${isoTime(conversation.createdAt)} · ` +
    `${shown} message(s)${versions} -->\n\n`
  );
}
