import type { ImportService } from '../../import';
import type { ApiHandlers } from '../types';

type ImportChannels = 'import.choose' | 'import.start' | 'import.cancel' | 'import.status';

/** Settings → Import: pick (desktop) or name an uploaded file, start, follow, cancel. */
export function importHandlers(imports: ImportService): Pick<ApiHandlers, ImportChannels> {
  return {
    'import.choose': async () =>
      imports.canChooseFile
        ? { available: true, path: await imports.chooseFile() }
        : { available: false, path: null },
    'import.start': (request) => imports.start(request),
    'import.cancel': ({ importId }) => imports.cancel(importId),
    'import.status': ({ importId }) => imports.status(importId),
  };
}
