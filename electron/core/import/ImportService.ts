import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import type { ImportProgress } from '../../../shared/api/schemas/import';
import type { Clock, IdGenerator } from '../deps';
import { ImportedRows } from '../store/ImportedRows';
import { ImportRecords } from '../store/ImportRecords';
import type { MessageStore } from '../store/MessageStore';
import { ImportWriter } from './ImportWriter';
import { runImport } from './runImport';

export interface ImportServiceDeps {
  db: Database;
  messages: MessageStore;
  clock: Clock;
  newId: IdGenerator;
  dataDir: string;
  /** Desktop: the OS file picker. Absent: the page uploads the file instead. */
  chooseFile?: () => Promise<string | null>;
  onProgress(progress: ImportProgress): void;
  /** New conversations exist: the sidebar lists again (at most once a second, and at the end). */
  onConversationsChanged(): void;
  maxUncompressedBytes?: number;
  /** At most one progress event per this many ms while running (default 100). */
  progressEveryMs?: number;
}

interface Job {
  progress: ImportProgress;
  abort: AbortController;
  done: Promise<void>;
}

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Runs imports as jobs (`import.start`), reporting progress as events and stopping on
 * `import.cancel` after the conversation being written. Uploaded files (browser mode)
 * wait in `<data dir>/imports/` and are removed once their import ends.
 */
/** What browser mode's upload route needs of the import service: where an upload goes. */
export interface ImportUploads {
  /** A new upload's id (what `import.start` takes) and the file to stream its body into. */
  newUpload(): { uploadId: string; file: string };
}

export class ImportService {
  readonly writer: ImportWriter;
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ImportServiceDeps) {
    this.writer = new ImportWriter({
      db: deps.db,
      messages: deps.messages,
      clock: deps.clock,
      rows: new ImportedRows(deps.db, deps.newId),
      records: new ImportRecords(deps.db),
    });
  }

  get canChooseFile(): boolean {
    return this.deps.chooseFile !== undefined;
  }

  async chooseFile(): Promise<string | null> {
    return this.deps.chooseFile ? this.deps.chooseFile() : null;
  }

  uploadsDir(): string {
    return path.join(this.deps.dataDir, 'imports');
  }

  /** Where an upload is written; the id is what `import.start` takes. */
  newUpload(): { uploadId: string; file: string } {
    const uploadId = this.deps.newId();
    fs.mkdirSync(this.uploadsDir(), { recursive: true });
    return { uploadId, file: this.uploadFile(uploadId) };
  }

  private uploadFile(uploadId: string): string {
    if (!UPLOAD_ID.test(uploadId)) throw new ApiFailure('BAD_REQUEST', 'Not an upload id.');
    return path.join(this.uploadsDir(), `${uploadId}.upload`);
  }

  /**
   * Uploads never imported (the page closed between upload and start) are removed at
   * launch once a day old; younger ones may belong to another Spool on the same folder.
   */
  removeLeftoverUploads(maxAgeMs = 86_400_000): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.uploadsDir());
    } catch {
      return; // no uploads folder yet
    }
    const now = this.deps.clock.now();
    for (const name of names.filter((n) => n.endsWith('.upload'))) {
      const file = path.join(this.uploadsDir(), name);
      try {
        if (now - fs.statSync(file).mtimeMs > maxAgeMs) fs.rmSync(file, { force: true });
      } catch {
        // gone already
      }
    }
  }

  start(input: { path: string } | { uploadId: string }): { importId: string } {
    const uploaded = 'uploadId' in input;
    const file = uploaded ? this.uploadFile(input.uploadId) : input.path;
    if (uploaded && !fs.existsSync(file)) throw new ApiFailure('NOT_FOUND', 'No such upload.');
    const importId = this.deps.newId();
    const abort = new AbortController();
    const job: Job = {
      abort,
      progress: {
        importId,
        state: 'running',
        format: null,
        bytesRead: 0,
        totalBytes: 0,
        conversations: 0,
        conversationsAdded: 0,
        messagesAdded: 0,
        skipped: [],
        error: null,
      },
      done: Promise.resolve(),
    };
    this.jobs.set(importId, job);
    job.done = this.runJob(job, file, uploaded);
    return { importId };
  }

  private async runJob(job: Job, file: string, uploaded: boolean): Promise<void> {
    const every = this.deps.progressEveryMs ?? 100;
    let lastSent = 0;
    let lastListed = 0;
    let listedAdded = 0;
    try {
      await runImport(file, {
        writer: this.writer,
        signal: job.abort.signal,
        ...(this.deps.maxUncompressedBytes ? { maxUncompressedBytes: this.deps.maxUncompressedBytes } : {}),
        onProgress: (p) => {
          job.progress = { ...p, importId: job.progress.importId };
          const now = this.deps.clock.now();
          if (p.state !== 'running' || now - lastSent >= every) {
            lastSent = now;
            this.deps.onProgress(job.progress);
          }
          if (p.conversationsAdded > listedAdded && (p.state !== 'running' || now - lastListed >= 1000)) {
            lastListed = now;
            listedAdded = p.conversationsAdded;
            this.deps.onConversationsChanged();
          }
        },
      });
    } catch (err) {
      // runImport reported 'failed' with the error; a failure before it could (no file) is reported here.
      if (job.progress.state === 'running') {
        const failure = err instanceof ApiFailure ? err : new ApiFailure('INTERNAL', String(err));
        job.progress = {
          ...job.progress,
          state: 'failed',
          error: { code: failure.code, message: failure.message },
        };
        this.deps.onProgress(job.progress);
      }
    } finally {
      if (job.progress.conversationsAdded > listedAdded) this.deps.onConversationsChanged();
      if (uploaded) fs.rmSync(file, { force: true });
    }
  }

  status(importId: string): ImportProgress {
    const job = this.jobs.get(importId);
    if (!job) throw new ApiFailure('NOT_FOUND', `No import with id ${importId}.`);
    return job.progress;
  }

  /** Stops after the conversation being written; answers once it has stopped. */
  async cancel(importId: string): Promise<ImportProgress> {
    const job = this.jobs.get(importId);
    if (!job) throw new ApiFailure('NOT_FOUND', `No import with id ${importId}.`);
    job.abort.abort();
    await job.done;
    return job.progress;
  }

  /** Waits for an import to end (tests, the CLI). */
  async settled(importId: string): Promise<ImportProgress> {
    const job = this.jobs.get(importId);
    if (!job) throw new ApiFailure('NOT_FOUND', `No import with id ${importId}.`);
    await job.done;
    return job.progress;
  }

  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.abort.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }
}
