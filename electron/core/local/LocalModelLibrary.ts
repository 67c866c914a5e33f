/**
 * Which GGUF files Spool knows: every `*.gguf` in `<data dir>/models` (scanned at
 * start and on demand) plus files added by path, remembered in
 * `<data dir>/local-models.json` and read in place (a multi-GB model is not copied).
 * Metadata comes from each file's header and is cached by path, size and mtime.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LocalModel, LocalModelProblem } from '../../../shared/api/schemas/localModels';
import { readRegularText } from '../files/regularFile';
import { LocalModelError, readLocalModelInfo } from './ggufInfo';

export const MODELS_DIR_NAME = 'models';
const ADDED_FILE = 'local-models.json';

export interface LibraryScan {
  models: LocalModel[];
  problems: LocalModelProblem[];
}

export class LocalModelLibrary {
  readonly modelsDir: string;
  private readonly addedFile: string;
  private readonly cache = new Map<string, { stamp: string; info: LocalModel }>();
  private last: LibraryScan = { models: [], problems: [] };

  constructor(dataDir: string) {
    this.modelsDir = path.join(dataDir, MODELS_DIR_NAME);
    this.addedFile = path.join(dataDir, ADDED_FILE);
  }

  /** The last scan's result (synchronous, for the provider list). */
  get current(): LibraryScan {
    return this.last;
  }

  async scan(): Promise<LibraryScan> {
    const models: LocalModel[] = [];
    const problems: LocalModelProblem[] = [];
    let names: string[] = [];
    try {
      names = (await fs.readdir(this.modelsDir)).filter((n) => n.toLowerCase().endsWith('.gguf')).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const entries = [
      ...names.map((name) => ({
        file: path.join(this.modelsDir, name),
        id: name,
        source: 'folder' as const,
      })),
      ...(await this.readAdded()).map((file) => ({ file, id: file, source: 'added' as const })),
    ];
    for (const entry of entries) {
      try {
        models.push(await this.describe(entry.file, entry.source, entry.id));
      } catch (err) {
        if (!(err instanceof LocalModelError)) throw err;
        problems.push({ path: entry.file, code: err.code, message: err.message });
      }
    }
    this.last = { models, problems };
    return this.last;
  }

  /** Adds a file by path after checking it is a whole GGUF file. Adding one twice is fine. */
  async add(file: string): Promise<LocalModel> {
    const absolute = path.resolve(file);
    const inFolder = path.dirname(absolute) === this.modelsDir;
    const id = inFolder ? path.basename(absolute) : absolute;
    const info = await this.describe(absolute, inFolder ? 'folder' : 'added', id);
    if (!inFolder) {
      const added = await this.readAdded();
      if (!added.includes(absolute)) await this.writeAdded([...added, absolute]);
    }
    await this.scan();
    return info;
  }

  /** Forgets an added file; deletes a file in the models folder. Returns false for an unknown id. */
  async remove(id: string): Promise<boolean> {
    const added = await this.readAdded();
    if (added.includes(id)) {
      await this.writeAdded(added.filter((f) => f !== id));
    } else if (isBareName(id) && this.last.models.some((m) => m.id === id && m.source === 'folder')) {
      await fs.rm(path.join(this.modelsDir, id), { force: true });
    } else {
      return false;
    }
    await this.scan();
    return true;
  }

  /** A model id → its file, checked (exists, GGUF, whole). Throws LocalModelError. */
  async resolve(id: string): Promise<string> {
    const file = isBareName(id)
      ? path.join(this.modelsDir, id)
      : path.isAbsolute(id) && (await this.readAdded()).includes(id)
        ? id
        : undefined;
    if (!file) {
      throw new LocalModelError(
        'missing',
        `No local model "${id}". Put GGUF files in ${this.modelsDir} or add one in Settings → Local models.`,
      );
    }
    await this.describe(file, isBareName(id) ? 'folder' : 'added', id);
    return file;
  }

  private async describe(file: string, source: LocalModel['source'], id: string): Promise<LocalModel> {
    let stamp: string;
    try {
      const stat = await fs.stat(file);
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      throw new LocalModelError('missing', `The model file ${file} is gone.`);
    }
    const cached = this.cache.get(file);
    if (cached?.stamp === stamp) return { ...cached.info, source, id };
    const info = await readLocalModelInfo(file, source, id);
    this.cache.set(file, { stamp, info });
    return info;
  }

  private async readAdded(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readRegularText(this.addedFile));
      const files = (parsed as { added?: unknown })?.added;
      return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
    } catch {
      return [];
    }
  }

  private async writeAdded(files: string[]): Promise<void> {
    const tmp = `${this.addedFile}.tmp`;
    await fs.mkdir(path.dirname(this.addedFile), { recursive: true });
    await fs.writeFile(tmp, JSON.stringify({ added: files }, null, 2) + '\n');
    await fs.rename(tmp, this.addedFile);
  }
}

function isBareName(id: string): boolean {
  return id.length > 0 && id === path.basename(id) && id !== '.' && id !== '..' && !id.includes('\\');
}
