/**
 * What a file is, from its first bytes where a format has a signature: a name ending in
 * .png says nothing about the bytes, and a provider refuses (or misreads) an image whose
 * media type lies. Text files have none, so for them the name decides and the bytes must
 * be UTF-8 without NULs.
 */
import path from 'node:path';
import { ApiFailure } from '../../../shared/api/result';
import type { AttachmentKind, AttachmentRefusal } from '../../../shared/api/schemas/attachments';

export interface Detected {
  kind: AttachmentKind | 'pdf';
  mediaType: string;
}

const IMAGE_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

const TEXT_BY_EXTENSION: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.json': 'application/json',
  '.jsonl': 'application/jsonl',
  '.log': 'text/plain',
  '.yaml': 'text/yaml',
  '.yml': 'text/yaml',
  '.toml': 'text/plain',
  '.xml': 'text/xml',
  '.html': 'text/html',
  '.css': 'text/css',
  '.sql': 'text/plain',
  '.ini': 'text/plain',
};

/** Source code goes as text/plain: what matters is that it is text, not its language. */
const CODE_EXTENSIONS = new Set(
  (
    '.js .mjs .cjs .jsx .ts .mts .cts .tsx .py .rb .go .rs .java .kt .swift .c .h .cc .cpp .hpp ' +
    '.cs .php .sh .bash .zsh .ps1 .lua .pl .r .scala .dart .vue .svelte .ex .exs .hs .ml .clj .zig'
  ).split(' '),
);

function refuse(reason: AttachmentRefusal, message: string): never {
  throw new ApiFailure('BAD_REQUEST', message, { reason });
}

export function imageTypeOf(bytes: Uint8Array): string | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61)
    return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

const FORMAT_NAME: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
};

/** Throws a BAD_REQUEST with `details.reason` saying why the file cannot be attached. */
export function detect(name: string, bytes: Uint8Array): Detected {
  const ext = path.extname(name).toLowerCase();
  const image = imageTypeOf(bytes);
  const claimed = IMAGE_BY_EXTENSION[ext];
  if (claimed && image !== claimed) {
    refuse(
      'not-the-image-it-claims',
      `${name} is not a ${FORMAT_NAME[claimed]} image: its first bytes are ${image ? `a ${FORMAT_NAME[image]}'s` : 'not an image format'}.`,
    );
  }
  if (image) return { kind: 'image', mediaType: image };
  if (ext === '.pdf' || isPdf(bytes)) return { kind: 'pdf', mediaType: 'application/pdf' };
  const textType = TEXT_BY_EXTENSION[ext] ?? (CODE_EXTENSIONS.has(ext) ? 'text/plain' : undefined);
  if (!textType) {
    refuse(
      'unsupported-type',
      `${name} cannot be attached: Spool takes PNG, JPEG, WebP and GIF images, PDFs, and text files (text, Markdown, code, CSV, JSON).`,
    );
  }
  if (!isUtf8Text(bytes)) {
    refuse('unsupported-type', `${name} is not a text file: it is not UTF-8 text.`);
  }
  return { kind: 'file', mediaType: textType };
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
