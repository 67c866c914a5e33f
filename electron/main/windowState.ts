import fs from 'node:fs';
import path from 'node:path';

/**
 * The window's size and position, remembered across launches in
 * `<data dir>/window-state.json`. A saved position can point at a monitor that is
 * no longer attached, or be larger than the current screen: `placeWindow` keeps
 * the window on a display the user can see, and a missing or corrupt file simply
 * means the default size, centred. Plain Node, so it is unit-tested.
 */
export const WINDOW_STATE_FILE_NAME = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Where a window may be: the position is left out when the OS should centre it. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** How much of the window (at least of its title bar) must be on a display to count as visible. */
const MIN_VISIBLE_PX = 64;

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, WINDOW_STATE_FILE_NAME);
}

export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = parsed.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return null;
    }
    return {
      bounds: { x: b.x, y: b.y, width: b.width, height: b.height },
      maximized: parsed.maximized === true,
    };
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(temp, JSON.stringify(state));
  fs.renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The placement for a new window: the saved bounds when the window's top strip
 * (where it is dragged from) is on some display's work area, shrunk to fit that
 * display; otherwise the saved size (fitted to the primary display) with no
 * position, so it opens centred.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number; minWidth: number; minHeight: number },
): WindowPlacement {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.max(defaults.minWidth, Math.min(Math.round(size.width), area?.width ?? Infinity)),
    height: Math.max(defaults.minHeight, Math.min(Math.round(size.height), area?.height ?? Infinity)),
  });
  if (!saved) return { ...fit(defaults, primary), maximized: false };

  const titleStrip: Rect = { ...saved.bounds, height: Math.min(saved.bounds.height, MIN_VISIBLE_PX) };
  const home = workAreas.find((area) => {
    const o = overlap(titleStrip, area);
    return o.width >= MIN_VISIBLE_PX && o.height > 0;
  });
  if (!home) return { ...fit(saved.bounds, primary), maximized: saved.maximized };

  const size = fit(saved.bounds, home);
  // Pull the window inside its display where it sticks out.
  const x = Math.min(Math.max(saved.bounds.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(saved.bounds.y, home.y), home.y + home.height - size.height);
  return { x: Math.round(x), y: Math.round(y), ...size, maximized: saved.maximized };
}
