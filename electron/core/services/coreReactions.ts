import type { AppInfo } from '../../../shared/api/schemas/app';
import type { Settings } from '../../../shared/api/schemas/settings';
import { setDurability } from '../db/openDatabase';
import type { ReportDeps } from '../diagnostics/reportBundle';
import { StringSink } from '../export';
import { secretEnvValues } from '../redact';
import type { Env } from '../secrets/resolveApiKey';
import { readStats } from '../stats';
import type { CoreServices } from './CoreServices';

/**
 * What the core does beyond one service when a call lands: the pieces the API handlers
 * are handed instead of reaching into several services themselves.
 */

/** New settings take effect at once: the durability of the next commit. */
export function applySettings(services: CoreServices, settings: Settings): void {
  setDurability(services.db, settings.durability);
}

/** A subscription's replay from the log finished: counted locally (replays with chunks only). */
export function recordReplay(services: CoreServices, chunks: number, ms: number): void {
  if (chunks > 0) services.counters.record('replay', null, chunks, Math.round(ms));
}

/** Everything "Report a problem" reads, from the services as they are now. */
export function reportSources(
  services: CoreServices,
  o: { dataDir: string; info: AppInfo; env?: Env; now(): number },
): ReportDeps {
  return {
    dataDir: o.dataDir,
    info: o.info,
    settings: () => services.settings.get(),
    providers: async () => (await services.providers.list()).providers,
    knownSecrets: async () => {
      const { providers } = await services.providers.list();
      const stored = await Promise.all(
        providers.map(async (p) => (await services.providers.resolve(p.id)).apiKey),
      );
      // The same rule as every log's redactor (core/redact), not one of its own.
      return [...stored, ...secretEnvValues(o.env ?? process.env)];
    },
    stats: (sinceMs) => readStats(services.db, o.now(), sinceMs),
    recentLog: () => services.recentLog.all(),
    chunkLog: async (messageId) => {
      const sink = new StringSink();
      await services.exporter.write(
        { kind: 'message', messageId, format: 'jsonl' },
        sink,
        undefined,
        'report',
      );
      return sink.text();
    },
    now: o.now,
  };
}
