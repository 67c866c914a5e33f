/** The export module's public surface (see README.md). */
export { Exporter, type ChooseDestination, type SavedExport } from './Exporter';
export { streamStats, type StreamStats } from './streamStats';
export { WritableSink, StringSink, type ExportSink } from './sink';
export { ExportSource, type ExportDeps, type StreamMeta, type ExportChunk } from './source';
export { safeFileName, conversationFileName } from './fileNames';
