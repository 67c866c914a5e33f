/** The localModels.* API calls (shared/api/schemas/localModels.ts) over LocalModels. */
import type { z } from 'zod';
import { ApiFailure } from '../../../../shared/api/result';
import type { localModelCalls } from '../../../../shared/api/schemas/localModels';
import { DownloadError } from '../../local/download/downloadFile';
import { LocalModelError } from '../../local/ggufInfo';
import type { LocalModels } from '../../local/LocalModels';

type Calls = typeof localModelCalls;
export type LocalModelHandlers = {
  [C in keyof Calls]: (request: z.output<Calls[C]['request']>) => Promise<z.output<Calls[C]['reply']>>;
};

/** A bad file or URL is the caller's to fix: BAD_REQUEST (or NOT_FOUND) with the reason, never INTERNAL. */
async function typed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof LocalModelError)
      throw new ApiFailure(err.code === 'missing' ? 'NOT_FOUND' : 'BAD_REQUEST', err.message, {
        code: err.code,
      });
    if (err instanceof DownloadError)
      throw new ApiFailure(err.badRequest ? 'BAD_REQUEST' : 'CONFLICT', err.message);
    throw err;
  }
}

export function localModelHandlers(local: LocalModels): LocalModelHandlers {
  return {
    'localModels.list': () => local.refresh(),
    'localModels.add': ({ path }) => typed(() => local.add(path)),
    'localModels.pickFile': () =>
      typed(async () => {
        if (!local.list().canPickFile)
          throw new ApiFailure('CONFLICT', 'No file picker here: type the path of the GGUF file instead.');
        return { model: await local.pick() };
      }),
    'localModels.remove': ({ id }) =>
      typed(async () => {
        if (!(await local.remove(id))) throw new ApiFailure('NOT_FOUND', `No local model ${id}.`);
        return local.list();
      }),
    'localModels.download': (request) => typed(() => local.downloads.start(request)),
    'localModels.pauseDownload': ({ id }) => typed(() => local.downloads.pause(id)),
    'localModels.resumeDownload': ({ id }) => typed(() => local.downloads.resume(id)),
    'localModels.cancelDownload': ({ id }) =>
      typed(async () => {
        await local.downloads.cancel(id);
        return { id };
      }),
  };
}
