import { ApiFailure } from '../../../shared/api/result';
import type { ImportFormat, ImportProgress, ImportSkipped } from '../../../shared/api/schemas/import';
import { fromChatGpt, isChatGptConversation } from './chatgpt';
import { fromClaude, isClaudeConversation } from './claude';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, openExport } from './openExport';
import { readConversations } from './readConversations';
import { fromSpool } from './spool';
import type { ImportWriter } from './ImportWriter';
import { SkippedConversation, type SourceConversation } from './types';
import type { AssetLookup } from './chatgptContent';

export interface RunImportOptions {
  writer: ImportWriter;
  signal?: AbortSignal;
  /** Called after each conversation (and at the start and end). */
  onProgress?: (progress: Omit<ImportProgress, 'importId'>) => void;
  maxUncompressedBytes?: number;
}

/** One element of the export in Spool's shapes; SkippedConversation when it cannot be. */
function convert(kind: string, value: unknown, assets: AssetLookup): SourceConversation {
  if (kind !== 'conversation-list') return fromSpool(value);
  if (isChatGptConversation(value)) return fromChatGpt(value, assets);
  return fromClaude(value);
}

/** SQLite refusing (full disk, I/O, locked for a minute) is STORAGE; anything else unexpected, INTERNAL. */
function asApiFailure(err: unknown): ApiFailure {
  if (err instanceof ApiFailure) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && code.startsWith('SQLITE_'))
    return new ApiFailure('STORAGE', `${code}: ${message}`);
  return new ApiFailure('INTERNAL', message);
}

const BUSY_RETRY_MS = 60_000;

/**
 * Another connection may hold the write lock past the busy timeout (a TRUNCATE
 * checkpoint copying a WAL the import itself grew, the app's own writes): the
 * conversation's transaction rolled back whole, so it is simply tried again.
 */
async function writeWithRetry(writer: ImportWriter, conversation: SourceConversation) {
  const pdfTexts = await writer.readPdfs(conversation);
  const start = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return writer.write(conversation, pdfTexts);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
      if (!busy || Date.now() - start > BUSY_RETRY_MS) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * attempt)));
    }
  }
}

/**
 * Imports an export file conversation by conversation, each in its own transaction.
 * A conversation that is not a tree (missing parent, cycle) is skipped and reported;
 * a file that is not an export, or a first element that is no conversation, is a
 * BAD_REQUEST before anything is written. A file that breaks off midway keeps the
 * whole conversations before the break and fails with BAD_REQUEST; importing it
 * again (or the complete file) adds only what is missing.
 */
export async function runImport(file: string, options: RunImportOptions): Promise<ImportProgress['state']> {
  const opened = await openExport(file, {
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
  });
  const skipped: ImportSkipped[] = [];
  let format: ImportFormat | null = null;
  let conversations = 0;
  let conversationsAdded = 0;
  let messagesAdded = 0;
  const report = (state: ImportProgress['state'], error: ImportProgress['error'] = null) =>
    options.onProgress?.({
      state,
      format,
      bytesRead: opened.bytesRead(),
      totalBytes: opened.totalBytes,
      conversations,
      conversationsAdded,
      messagesAdded,
      skipped,
      error,
    });
  try {
    report('running');
    const { kind, values } = await readConversations(opened.stream);
    for await (const value of values) {
      if (options.signal?.aborted) {
        report('cancelled');
        return 'cancelled';
      }
      const known =
        kind !== 'conversation-list' || isChatGptConversation(value) || isClaudeConversation(value);
      if (!known && conversations === 0) {
        throw new ApiFailure(
          'BAD_REQUEST',
          'Unknown format: the first element is neither a ChatGPT nor a Claude conversation.',
        );
      }
      let conversation: SourceConversation;
      try {
        if (!known)
          throw new SkippedConversation('?', 'Untitled', 'neither a ChatGPT nor a Claude conversation');
        conversation = convert(kind, value, opened.assets);
      } catch (err) {
        if (!(err instanceof SkippedConversation)) throw err;
        conversations++;
        skipped.push({ sourceId: err.sourceId, title: err.title, reason: err.message });
        report('running');
        continue;
      }
      format ??= conversation.source;
      const outcome = await writeWithRetry(options.writer, conversation);
      conversations++;
      if (outcome.created) conversationsAdded++;
      messagesAdded += outcome.messagesAdded;
      report('running');
    }
    report('done');
    return 'done';
  } catch (err) {
    const failure = asApiFailure(err);
    report('failed', { code: failure.code, message: failure.message });
    throw failure;
  } finally {
    opened.close();
  }
}
