import type { RenderProcessGoneDetails, WebContents } from 'electron';

/**
 * A window whose page died or hung is brought back, because the renderer is only
 * a view: reloading it re-subscribes to every stream and replays from the chunk
 * log (DESIGN.md §3.5), so nothing is lost. A crash reloads at once; a page that
 * keeps crashing (CRASH_LOOP_LIMIT within CRASH_LOOP_WINDOW_MS) is not reloaded
 * again, so a bug cannot spin the CPU forever. A hung page is offered a reload —
 * the user may prefer to wait.
 */
export const CRASH_LOOP_LIMIT = 3;
export const CRASH_LOOP_WINDOW_MS = 60_000;

export type WatchedContents = Pick<WebContents, 'on' | 'reload' | 'isDestroyed' | 'forcefullyCrashRenderer'>;

export interface RendererHealthDeps {
  /** Asks the user whether to reload a page that stopped responding. */
  askToReloadHungPage: () => Promise<boolean>;
  /** Tells the user the page keeps crashing and is left alone. */
  reportCrashLoop: (details: RenderProcessGoneDetails) => void;
  log: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
  now: () => number;
}

export function watchRendererHealth(contents: WatchedContents, deps: RendererHealthDeps): void {
  const crashes: number[] = [];
  let asking = false;
  let endingHungPage = false;

  contents.on('render-process-gone', (_event, details) => {
    // 'clean-exit' is the page closing normally (the window is going away).
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return;
    // We ended a hung page ourselves; its reload is already on its way.
    if (endingHungPage) {
      endingHungPage = false;
      return;
    }
    const now = deps.now();
    crashes.push(now);
    while (crashes.length > 0 && now - crashes[0]! > CRASH_LOOP_WINDOW_MS) crashes.shift();
    if (crashes.length > CRASH_LOOP_LIMIT) {
      deps.log.error('[spool] the window keeps crashing; not reloading it again:', details);
      deps.reportCrashLoop(details);
      return;
    }
    deps.log.warn(`[spool] the window's renderer is gone (${details.reason}); reloading it`);
    contents.reload();
  });

  contents.on('unresponsive', () => {
    if (asking) return;
    asking = true;
    deps.log.warn('[spool] the window stopped responding');
    deps
      .askToReloadHungPage()
      .then((reload) => {
        if (!reload || contents.isDestroyed()) return;
        // A hung renderer may not honour a reload: end it first, then load the page again.
        endingHungPage = true;
        contents.forcefullyCrashRenderer();
        contents.reload();
      })
      .catch((err: unknown) => deps.log.error('[spool] could not offer a reload:', err))
      .finally(() => {
        asking = false;
      });
  });
}
