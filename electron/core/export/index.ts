/** The export module's public surface (see README.md). */
import type { SpoolCore } from '../SpoolCore';
import { Exporter } from './Exporter';

export { Exporter, type SavedExport } from './Exporter';
export { exportHandlers, type ChooseDestination, type ExportHandlers, type ExportHandlerDeps } from './handlers';
export { serveExportDownload, EXPORT_WARNING_HEADER } from './http';
export { streamStats, type StreamStats } from './streamStats';
export { WritableSink, StringSink, type ExportSink } from './sink';
export { ExportSource, type ExportDeps, type StreamMeta, type ExportChunk } from './source';
export { safeFileName, conversationFileName } from './fileNames';

/** An Exporter over an open core: its stores, its database, its engine's in-memory tails. */
export function exporterFor(
  core: Pick<SpoolCore, 'db' | 'conversations' | 'messages' | 'engine' | 'info'>,
): Exporter {
  return new Exporter({
    db: core.db,
    conversations: core.conversations,
    messages: core.messages,
    engine: core.engine,
    appVersion: core.info.version,
  });
}
