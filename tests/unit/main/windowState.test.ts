import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadWindowState,
  placeWindow,
  saveWindowState,
  windowStateFile,
  type Rect,
} from '../../../electron/main/windowState';
import { makeTempDir } from '../../helpers/tempDir';

const defaults = { width: 1200, height: 800, minWidth: 720, minHeight: 480 };
const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state file', () => {
  it('round-trips the bounds and the maximized flag', () => {
    const file = windowStateFile(makeTempDir('spool-ws-').dir);
    saveWindowState(file, { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    expect(loadWindowState(file)).toEqual({
      bounds: { x: 10, y: 20, width: 900, height: 700 },
      maximized: true,
    });
  });

  it('reads a missing, corrupt or malformed file as no saved state', () => {
    const dir = makeTempDir('spool-ws-').dir;
    const file = windowStateFile(dir);
    expect(loadWindowState(file)).toBeNull();
    fs.writeFileSync(file, '{"bounds":');
    expect(loadWindowState(file)).toBeNull();
    fs.writeFileSync(file, '{"bounds":{"x":"left","y":0,"width":1,"height":1}}');
    expect(loadWindowState(file)).toBeNull();
  });
});

describe('placeWindow', () => {
  it('opens at the default size, centred, when nothing was saved', () => {
    expect(placeWindow(null, [laptop], defaults)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('restores saved bounds that are on a display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop, monitorRight], defaults)).toEqual({
      x: 1600,
      y: 100,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('centres the window on the primary display when its monitor is gone, keeping a size that fits', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 2000, height: 1200 }, maximized: true };
    expect(placeWindow(saved, [laptop], defaults)).toEqual({
      width: 1440,
      height: 875,
      maximized: true,
    });
  });

  it('pulls a window that sticks out of its display back inside it', () => {
    const saved = { bounds: { x: 1000, y: -50, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop], defaults)).toEqual({
      x: 440,
      y: 0,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('never makes the window smaller than its minimum size', () => {
    const saved = { bounds: { x: 10, y: 10, width: 100, height: 50 }, maximized: false };
    expect(placeWindow(saved, [laptop], defaults)).toMatchObject({ width: 720, height: 480 });
  });

  it('does not count a window whose title bar is off every display as visible', () => {
    // Only the bottom edge of the window reaches the display: it could not be dragged.
    const saved = { bounds: { x: 100, y: -680, width: 900, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop], defaults)).not.toHaveProperty('x');
  });
});
