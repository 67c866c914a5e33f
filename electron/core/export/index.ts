/** The export module's public surface (see README.md). */
export { Exporter, type SavedExport } from './Exporter';
export {
  exportHandlers,
  type ChooseDestination,
  type ExportHandlers,
  type ExportHandlerDeps,
} from './handlers';
export { serveExportDownload, EXPORT_WARNING_HEADER } from './http';
export { streamStats, type StreamStats } from './streamStats';
export { WritableSink, StringSink, type ExportSink } from './sink';
export { ExportSource, type ExportDeps, type StreamMeta, type ExportChunk } from './source';
export { safeFileName, conversationFileName } from './fileNames';
