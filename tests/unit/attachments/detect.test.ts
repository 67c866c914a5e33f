import { describe, expect, it } from 'vitest';
import { detect } from '../../../electron/core/attachments/detect';
import { PNG_1X1, pdfWithText } from '../../helpers/attachmentFiles';

function reasonOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return (err as { details?: { reason?: string } }).details?.reason;
  }
  return 'no error';
}

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);

describe('what a file is', () => {
  it('knows PNG, JPEG, WebP and GIF by their first bytes', () => {
    expect(detect('a.png', PNG_1X1)).toEqual({ kind: 'image', mediaType: 'image/png' });
    expect(detect('a.jpg', JPEG).mediaType).toBe('image/jpeg');
    expect(detect('a.webp', WEBP).mediaType).toBe('image/webp');
    expect(detect('a.gif', GIF).mediaType).toBe('image/gif');
  });

  it('takes an image by its bytes even when its name has no extension (a pasted screenshot)', () => {
    expect(detect('image', PNG_1X1)).toEqual({ kind: 'image', mediaType: 'image/png' });
  });

  it('refuses a .png whose bytes are not a PNG', () => {
    expect(reasonOf(() => detect('fake.png', Buffer.from('hello, not an image')))).toBe(
      'not-the-image-it-claims',
    );
    expect(() => detect('fake.png', JPEG)).toThrow(
      /fake.png is not a PNG image: its first bytes are a JPEG's/,
    );
  });

  it('takes text, Markdown, code, CSV and JSON as text files', () => {
    expect(detect('notes.md', Buffer.from('# hi')).mediaType).toBe('text/markdown');
    expect(detect('main.rs', Buffer.from('fn main() {}')).mediaType).toBe('text/plain');
    expect(detect('t.csv', Buffer.from('a,b\n1,2')).mediaType).toBe('text/csv');
    expect(detect('d.json', Buffer.from('{}')).kind).toBe('file');
  });

  it('refuses a text file that is not UTF-8 text', () => {
    expect(reasonOf(() => detect('data.txt', Buffer.from([0x41, 0x00, 0x42])))).toBe('unsupported-type');
  });

  it('refuses a type it does not take, such as an executable', () => {
    expect(reasonOf(() => detect('tool.exe', Buffer.from('MZ')))).toBe('unsupported-type');
  });

  it('knows a PDF by its name or its %PDF- header', () => {
    expect(detect('paper.pdf', pdfWithText('x')).kind).toBe('pdf');
    expect(detect('download', pdfWithText('x')).kind).toBe('pdf');
  });
});
