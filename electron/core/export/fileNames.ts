import type { ExportTarget } from '../../../shared/api/schemas/export';

/**
 * File names that are safe on Windows, macOS and Linux: no path separators or
 * reserved characters, no control characters, no trailing dots or spaces, no
 * reserved device names (CON, NUL, COM1…), at most ~100 UTF-8 bytes.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_BYTES = 100;

export function safeFileName(name: string, fallback = 'untitled', maxBytes = MAX_BYTES): string {
  let s = name
    .normalize('NFC')
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  while (Buffer.byteLength(s, 'utf8') > maxBytes) s = Array.from(s).slice(0, -1).join('');
  s = s.replace(/[.\s]+$/g, '');
  if (!s) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/**
 * The Markdown file of one conversation in a library folder: its title plus a short
 * id, so names stay unique; under 100 bytes, so it also fits a tar header's name field.
 */
export function conversationFileName(title: string, id: string): string {
  const shortId = safeFileName(id.slice(0, 8), 'id');
  return `${safeFileName(title, 'conversation', 80)} (${shortId}).md`;
}

const EXTENSIONS = { text: 'txt', md: 'md', jsonl: 'jsonl', raw: 'jsonl', json: 'json' } as const;

/** The name an export suggests for itself. */
export function suggestedName(target: ExportTarget, title?: string): string {
  switch (target.kind) {
    case 'message': {
      const id = safeFileName(target.messageId.slice(0, 8), 'message');
      const suffix = target.format === 'raw' ? '.raw' : '';
      return `spool-message-${id}${suffix}.${EXTENSIONS[target.format]}`;
    }
    case 'conversation':
      return `${safeFileName(title ?? '', 'conversation')}.${EXTENSIONS[target.format]}`;
    case 'library':
      return target.format === 'json' ? 'spool-library.json' : 'spool-library';
    case 'folder': {
      const name = safeFileName(title ?? '', 'folder');
      return target.format === 'json' ? `${name}.json` : name;
    }
  }
}

export function mimeTypeOf(target: ExportTarget): string {
  if ((target.kind === 'library' || target.kind === 'folder') && target.format === 'markdown-folder')
    return 'application/x-tar';
  switch (target.format) {
    case 'text':
      return 'text/plain; charset=utf-8';
    case 'md':
      return 'text/markdown; charset=utf-8';
    case 'jsonl':
    case 'raw':
      return 'application/x-ndjson; charset=utf-8';
    default:
      return 'application/json; charset=utf-8';
  }
}
