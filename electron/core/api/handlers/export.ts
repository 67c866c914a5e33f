import type { z } from 'zod';
import type { exportCalls } from '../../../../shared/api/schemas/export';
import type { ApiContext } from '../types';
import type { IdGenerator } from '../../deps';
import type { Writable } from 'node:stream';
import { ApiFailure } from '../../../../shared/api/result';
import type { ExportTarget } from '../../../../shared/api/schemas/export';
import type { ChooseDestination, Exporter, SavedExport } from '../../export/Exporter';

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
      // An in-process client's own destination (the CLI's --out or stdout) comes before the dialog.
      const choose = ctx.exportDestination ?? deps.chooseDestination;
      if (!choose) return { outcome: 'download', description };
      const dest = await choose(description);
      if (!dest) return { outcome: 'cancelled' };
      const id = exportId ?? deps.newId();
      let last = 0;
      const progress = ({ done, total }: { done: number; total: number }) => {
        const now = Date.now();
        if (done < total && now - last < interval) return;
        last = now;
        ctx.emit('export.progress', { exportId: id, done, total });
      };
      const saved =
        typeof dest === 'string'
          ? await deps.exporter.saveTo(target, dest, progress)
          : await writeToStream(deps.exporter, target, dest, progress);
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

/**
 * Streams into the client's Writable (never ended here: it is the client's). A reader
 * that went away (`spool export … | head`) is not a bug in the export: it answers
 * CONFLICT with `details.errno` 'EPIPE', so the caller can tell it apart.
 */
async function writeToStream(
  exporter: Exporter,
  target: ExportTarget,
  out: Writable,
  progress: (p: { done: number; total: number }) => void,
): Promise<SavedExport> {
  try {
    return await exporter.writeTo(target, out, progress);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE')
      throw new ApiFailure('CONFLICT', "The export's reader closed it (EPIPE).", { errno: 'EPIPE' });
    throw err;
  }
}
