import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The committed icons (from `npm run icons`) are real images of the right sizes. */
const resources = fileURLToPath(new URL('../../../resources/', import.meta.url));

function pngSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('icons', () => {
  it('has one source image, an SVG', () => {
    expect(fs.readFileSync(`${resources}icon.svg`, 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
  });

  it('has a 1024 px PNG master', () => {
    expect(pngSize(`${resources}icon.png`)).toEqual({ width: 1024, height: 1024 });
  });

  it('has the Linux PNG sizes, each named for its size', () => {
    const files = fs.readdirSync(`${resources}icons`).filter((f) => f.endsWith('.png'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const n = Number(file.split('x')[0]);
      expect(pngSize(`${resources}icons/${file}`), file).toEqual({ width: n, height: n });
    }
  });

  it('has a macOS .icns and a Windows .ico', () => {
    expect(fs.readFileSync(`${resources}icon.icns`).subarray(0, 4).toString('latin1')).toBe('icns');
    const ico = fs.readFileSync(`${resources}icon.ico`);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4); // several sizes in one file
  });
});
