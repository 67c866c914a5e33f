import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { Message, MessagePart, ToolPart } from '../../../shared/api/schemas/messages';
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

/** A message as a section of a conversation document. */
export function messageSection(
  message: Message,
  streams: readonly StreamMeta[],
  warning: string | null,
): string {
  const facts = [isoTime(message.createdAt)];
  if (message.role === 'assistant') {
    facts.unshift(message.status);
    const model = modelOf(streams);
    if (model) facts.push(model);
  }
  return `## ${roleTitle(message.role)} · ${facts.join(' · ')}\n\n${messageBody(message, warning)}\n`;
}

/** A message on its own: a comment saying what it is, then its body. */
export function messageDocument(
  message: Message,
  streams: readonly StreamMeta[],
  warning: string | null,
): string {
  const model = modelOf(streams);
  const facts = [
    `message ${message.id}`,
    message.role,
    message.status,
    `created ${isoTime(message.createdAt)}`,
    ...(model ? [model] : []),
  ];
  return `<!-- Spool export · ${facts.join(' · ').replace(/--/g, '- -')} -->\n\n${messageBody(message, warning)}`;
}

export function conversationHeader(conversation: Conversation, messageCount: number): string {
  const title = conversation.title.replace(/\s+/g, ' ').trim() || 'Untitled';
  return (
    `# ${title}\n\n` +
    `<!-- Spool export · conversation ${conversation.id} · created ${isoTime(conversation.createdAt)} · ` +
    `${messageCount} message(s) -->\n\n`
  );
}
