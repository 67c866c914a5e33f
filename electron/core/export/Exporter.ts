import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  exportDownloadPath,
  type ExportDescription,
  type ExportTarget,
} from '../../../shared/api/schemas/export';
import { writeConversation, writeLibraryJson, writeLibraryMarkdown, type LibraryScope } from './documents';
import { conversationFileName, mimeTypeOf, suggestedName } from './fileNames';
import { writeMessage, type ExportOutcome, type Progress } from './messageExport';
import { StringSink, WritableSink, type ExportSink } from './sink';
import { ExportSource, type ExportDeps } from './source';
import { TarWriter } from './tar';

/**
 * Asks the user where to save: a file path, or a folder for `directory` exports;
 * null when they cancel. The desktop app passes the OS dialog (electron/main/exportDialog.ts).
 */
export type ChooseDestination = (suggestion: ExportDescription) => Promise<string | null>;

export interface SavedExport extends ExportOutcome {
  path: string;
  bytes: number;
  files: number;
}

/**
 * Every export Spool makes, to any destination: a Writable (stdout, an HTTP
 * response), a file (written beside its final name, then renamed, so a failed
 * export never leaves a half file under the real name), or a folder.
 */
/** Where an export goes: to the user, or into a diagnostics report. */
export type ExportPurpose = 'export' | 'report';

/** What browser mode's download route needs of the exporter: name it, then stream it. */
export interface ExportDownloads {
  describe(target: ExportTarget): ExportDescription;
  /** Streams into `out` with backpressure; does not end it. */
  writeTo(target: ExportTarget, out: Writable): Promise<unknown>;
}

export class Exporter {
  readonly source: ExportSource;

  /**
   * `onExported` is told of each message or conversation export written whole (the audit
   * trail), and whether it went into a "Report a problem" bundle rather than to the user.
   */
  constructor(
    deps: ExportDeps,
    private readonly onExported?: (target: ExportTarget, into: ExportPurpose) => void,
  ) {
    this.source = new ExportSource(deps);
  }

  /** Name, type and state of an export before it is written. Throws NOT_FOUND for an unknown id. */
  describe(target: ExportTarget): ExportDescription {
    let title: string | undefined;
    let warning: string | null = null;
    if (target.kind === 'message') {
      const message = this.source.message(target.messageId);
      const streams = this.source.streamsOf(message.id);
      this.source.assertHasChunkLog(message, streams, target.format);
      warning = this.source.incompleteWarning(message, streams);
    } else {
      if (target.kind === 'conversation') title = this.source.conversation(target.conversationId).title;
      if (target.kind === 'folder') title = this.source.folder(target.folderId).name;
      const fault = this.source.deps.engine.storageFault;
      if (fault) warning = `Storage is failing (${fault.code}): replies being written now may be incomplete.`;
    }
    return {
      fileName: suggestedName(target, title),
      mimeType: mimeTypeOf(target),
      directory: isFolderOfFiles(target),
      incomplete: warning !== null,
      warning,
      downloadPath: exportDownloadPath(target),
    };
  }

  /**
   * Streams the export into `out` (a markdown-folder becomes a tar of the folder).
   * Does not end `out`.
   */
  async writeTo(target: ExportTarget, out: Writable, onProgress?: Progress): Promise<SavedExport> {
    const sink = new WritableSink(out);
    let outcome: ExportOutcome & { files?: number };
    if (isFolderOfFiles(target)) {
      const root =
        target.kind === 'folder'
          ? suggestedName(target, this.source.folder(target.folderId).name)
          : 'spool-library';
      const tar = new TarWriter(sink, root, this.source.now());
      outcome = await writeLibraryMarkdown(
        this.source,
        (c) => this.tarEntry(tar, c.title, c.id),
        onProgress,
        scopeOf(target),
      );
      await tar.end();
    } else {
      outcome = await this.write(target, sink, onProgress);
    }
    await sink.flush();
    return { ...outcome, path: '', bytes: sink.bytes, files: outcome.files ?? 1 };
  }

  /** Writes the export to a file, or for a markdown-folder into the folder `dest` (created if missing). */
  async saveTo(target: ExportTarget, dest: string, onProgress?: Progress): Promise<SavedExport> {
    if (isFolderOfFiles(target)) return this.saveFolder(dest, onProgress, scopeOf(target));
    const partial = `${dest}.partial-${process.pid}`;
    const file = fs.createWriteStream(partial, { flags: 'w' });
    try {
      const sink = new WritableSink(file);
      const outcome = await this.write(target, sink, onProgress);
      await sink.flush();
      file.end();
      await finished(file);
      fs.renameSync(partial, dest);
      return { ...outcome, path: dest, bytes: sink.bytes, files: 1 };
    } catch (err) {
      file.destroy();
      fs.rmSync(partial, { force: true });
      throw err;
    }
  }

  /** A single-document export into any sink (not markdown-folder). */
  async write(
    target: ExportTarget,
    sink: ExportSink,
    onProgress?: Progress,
    into: ExportPurpose = 'export',
  ): Promise<ExportOutcome> {
    const outcome = await this.writeDocument(target, sink, onProgress);
    this.onExported?.(target, into);
    return outcome;
  }

  private writeDocument(
    target: ExportTarget,
    sink: ExportSink,
    onProgress?: Progress,
  ): Promise<ExportOutcome> {
    switch (target.kind) {
      case 'message':
        return writeMessage(this.source, target.messageId, target.format, sink, onProgress);
      case 'conversation':
        return writeConversation(this.source, target.conversationId, target.format, sink, onProgress);
      case 'library':
      case 'folder':
        if (target.format === 'json') return writeLibraryJson(this.source, sink, onProgress, scopeOf(target));
        throw new Error('a markdown-folder export needs a folder (saveTo) or a tar stream (writeTo)');
    }
  }

  private async saveFolder(
    dir: string,
    onProgress: Progress | undefined,
    scope: LibraryScope,
  ): Promise<SavedExport> {
    fs.mkdirSync(dir, { recursive: true });
    let bytes = 0;
    const outcome = await writeLibraryMarkdown(
      this.source,
      async (conversation) => {
        const file = openExclusive(dir, conversationFileName(conversation.title, conversation.id));
        const sink = new WritableSink(file);
        return {
          sink,
          close: async () => {
            await sink.flush();
            file.end();
            await finished(file);
            bytes += sink.bytes;
          },
        };
      },
      onProgress,
      scope,
    );
    return { ...outcome, path: dir, bytes };
  }

  private async tarEntry(tar: TarWriter, title: string, id: string) {
    // A tar entry needs its size first: one conversation is gathered, never the library.
    const sink = new StringSink();
    return { sink, close: () => tar.add(conversationFileName(title, id), sink.text()) };
  }
}

/** A markdown-folder of the library or of one folder: one file per conversation. */
function isFolderOfFiles(
  target: ExportTarget,
): target is Extract<ExportTarget, { kind: 'library' | 'folder' }> {
  return (target.kind === 'library' || target.kind === 'folder') && target.format === 'markdown-folder';
}

function scopeOf(target: ExportTarget): LibraryScope {
  return target.kind === 'folder' ? { folderId: target.folderId } : {};
}

/** A new file in `dir`; an existing file of that name is never overwritten ("name (2).md"). */
function openExclusive(dir: string, name: string): fs.WriteStream {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? name : `${base} (${i})${ext}`);
    try {
      const fd = fs.openSync(candidate, 'wx');
      return fs.createWriteStream(candidate, { fd });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
