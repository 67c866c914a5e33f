import type { z } from 'zod';
import type { exportCalls } from '../../../../shared/api/schemas/export';
import type { ApiContext } from '../types';
import type { IdGenerator } from '../../deps';
import type { ChooseDestination, Exporter } from '../../export/Exporter';

type Calls = typeof exportCalls;
/** The `export.*` calls (shared/api/schemas/export.ts), typed without needing the contract to list them. */
export type ExportHandlers = {
  [C in keyof Calls]: (
    request: z.output<Calls[C]['request']>,
    ctx: ApiContext,
  ) => z.output<Calls[C]['reply']> | Promise<z.output<Calls[C]['reply']>>;
};

export interface ExportHandlerDeps {
  exporter: Exporter;
  newId: IdGenerator;
  /** Absent (browser mode, CLI, tests): `export.save` answers `download` and the page fetches it. */
  chooseDestination?: ChooseDestination;
  /** At most one `export.progress` event per this many ms (the last one always goes). Default 100. */
  progressIntervalMs?: number;
}

export function exportHandlers(deps: ExportHandlerDeps): ExportHandlers {
  const interval = deps.progressIntervalMs ?? 100;
  return {
    'export.describe': ({ target }) => deps.exporter.describe(target),
    'export.save': async ({ target, exportId }, ctx) => {
      const description = deps.exporter.describe(target); // NOT_FOUND before any dialog opens
      if (!deps.chooseDestination) return { outcome: 'download', description };
      const dest = await deps.chooseDestination(description);
      if (!dest) return { outcome: 'cancelled' };
      const id = exportId ?? deps.newId();
      let last = 0;
      const saved = await deps.exporter.saveTo(target, dest, ({ done, total }) => {
        const now = Date.now();
        if (done < total && now - last < interval) return;
        last = now;
        ctx.emit('export.progress', { exportId: id, done, total });
      });
      return {
        outcome: 'saved',
        path: saved.path,
        bytes: saved.bytes,
        files: saved.files,
        incomplete: saved.incomplete,
        warning: saved.warning,
      };
    },
  };
}
