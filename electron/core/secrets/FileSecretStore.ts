/**
 * API keys for browser mode and the CLI: one JSON file, `secrets.json` in the data
 * dir, created and kept with mode 0600 and replaced atomically (temp file + fsync +
 * rename), so a crash mid-write leaves the old file or the new one, never half.
 *
 * A file that group or others can read is refused, like ssh refuses a loose private
 * key: its keys may already have leaked, and quietly fixing the mode would hide that.
 * The error says how to fix it. (Mode bits do not exist on Windows; no check there.)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SecretProtection, SecretStore } from './SecretStore';

export const SECRETS_FILE_NAME = 'secrets.json';

interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

export class SecretsFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'SecretsFileError';
  }
}

const checksMode = process.platform !== 'win32';

export class FileSecretStore implements SecretStore {
  readonly file: string;
  /** Writes run one at a time so two saves never lose each other's key. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
  }

  static inDataDir(dataDir: string): FileSecretStore {
    return new FileSecretStore(path.join(dataDir, SECRETS_FILE_NAME));
  }

  async get(ref: string): Promise<string | undefined> {
    await this.queue.catch(() => undefined);
    const { secrets } = await this.read();
    return Object.prototype.hasOwnProperty.call(secrets, ref) ? secrets[ref] : undefined;
  }

  set(ref: string, value: string): Promise<void> {
    return this.update((secrets) => {
      secrets[ref] = value;
    });
  }

  delete(ref: string): Promise<void> {
    return this.update((secrets) => {
      delete secrets[ref];
    });
  }

  describeProtection(): SecretProtection {
    return {
      protected: false,
      detail:
        `API keys are stored unencrypted in ${this.file}, readable only by your user account ` +
        `(mode 0600). An environment variable (OPENAI_API_KEY, ANTHROPIC_API_KEY) overrides the file.`,
    };
  }

  private update(change: (secrets: Record<string, string>) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const current = await this.read();
      const secrets = { ...current.secrets };
      change(secrets);
      await this.write({ version: 1, secrets });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<SecretsFile> {
    let text: string;
    try {
      const stat = await fs.stat(this.file);
      if (checksMode && (stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
        throw new SecretsFileError(
          `The key file ${this.file} can be read by other users (mode ${mode}), so Spool will not use it. ` +
            `Check who may have read it, then run: chmod 600 "${this.file}"`,
          this.file,
        );
      }
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw err;
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretsFile>;
      if (parsed?.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null)
        throw new Error('unexpected shape');
      for (const value of Object.values(parsed.secrets))
        if (typeof value !== 'string') throw new Error('unexpected shape');
      return { version: 1, secrets: parsed.secrets };
    } catch {
      // Never overwrite a file we cannot read: it may hold keys the user still needs.
      throw new SecretsFileError(
        `The key file ${this.file} is not valid Spool key JSON; it was left untouched. ` +
          `Move it aside to start with no stored keys.`,
        this.file,
      );
    }
  }

  private async write(content: SecretsFile): Promise<void> {
    const dir = path.dirname(this.file);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${SECRETS_FILE_NAME}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // the umask could only narrow it, but be explicit
      await handle.writeFile(JSON.stringify(content, null, 2) + '\n', 'utf8');
      await handle.sync();
    } catch (err) {
      await handle.close();
      await fs.rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    try {
      await fs.rename(temp, this.file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
    await syncDir(dir);
  }
}

/** Makes the rename durable; not possible on Windows, where it is skipped. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
