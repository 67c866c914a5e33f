import fs from 'node:fs';
import path from 'node:path';

/**
 * How the next launch learns how the last one ended. A session file in the logs
 * folder is written at start and marked clean at a graceful quit; errors the main
 * process did not handle are recorded in it as they happen (already redacted). A
 * launch that finds an unclean file knows the previous run crashed, was killed or
 * lost power — together with the core's recovery report, that is what the user is
 * told at start-up.
 */
export const SESSION_FILE_NAME = 'last-session.json';
const MAX_RECORDED_ERRORS = 20;

export interface CrashRecord {
  kind: 'uncaughtException' | 'unhandledRejection';
  at: number;
  message: string;
}

export interface SessionRecord {
  version: string;
  pid: number;
  startedAt: number;
  endedCleanly: boolean;
  errors: CrashRecord[];
}

export class CrashJournal {
  private session: SessionRecord | null = null;

  constructor(private readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, SESSION_FILE_NAME);
  }

  /** Reads how the previous run ended (null: first launch), then starts this run's record. */
  begin(session: { version: string; pid: number; now: number }): SessionRecord | null {
    const previous = this.read();
    this.session = {
      version: session.version,
      pid: session.pid,
      startedAt: session.now,
      endedCleanly: false,
      errors: [],
    };
    this.write();
    return previous;
  }

  /** Records an error nobody handled; the message must already be redacted. */
  recordError(record: CrashRecord): void {
    if (!this.session) return;
    if (this.session.errors.length >= MAX_RECORDED_ERRORS) this.session.errors.shift();
    this.session.errors.push(record);
    this.write();
  }

  /** The graceful quit finished: the next launch has no crash to report. */
  endCleanly(): void {
    if (!this.session) return;
    this.session.endedCleanly = true;
    this.write();
  }

  private read(): SessionRecord | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = JSON.parse(text) as Partial<SessionRecord>;
      return {
        version: String(parsed.version ?? 'unknown'),
        pid: Number(parsed.pid ?? 0),
        startedAt: Number(parsed.startedAt ?? 0),
        endedCleanly: parsed.endedCleanly === true,
        errors: Array.isArray(parsed.errors) ? parsed.errors.slice(-MAX_RECORDED_ERRORS) : [],
      };
    } catch {
      // A torn write (power loss while writing it): the run certainly did not end cleanly.
      return { version: 'unknown', pid: 0, startedAt: 0, endedCleanly: false, errors: [] };
    }
  }

  /** Synchronous and atomic (temp file + rename): it runs inside crash handlers. */
  private write(): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(this.session, null, 2));
      fs.renameSync(temp, this.file);
    } catch (err) {
      console.error('[spool] could not write the session record:', err);
    }
  }
}
