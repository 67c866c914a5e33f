import type { Database, Statement } from 'better-sqlite3';
import type { Folder } from '../../../shared/api/schemas/folders';
import { ApiFailure } from '../../../shared/api/result';
import type { Clock, IdGenerator } from '../deps';

interface Row {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

const toFolder = (r: Row): Folder => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Folders of conversations, one level (migration 016). Names need not be unique. */
export class FolderStore {
  private readonly q: {
    list: Statement<[], Row>;
    get: Statement<[string], Row>;
    insert: Statement<[string, string, number, number]>;
    rename: Statement<[string, number, string]>;
    remove: Statement<[string]>;
  };

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.q = {
      list: db.prepare('SELECT * FROM folders ORDER BY name COLLATE NOCASE, created_at, id'),
      get: db.prepare('SELECT * FROM folders WHERE id = ?'),
      insert: db.prepare('INSERT INTO folders (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      rename: db.prepare('UPDATE folders SET name = ?, updated_at = ? WHERE id = ?'),
      // Its conversations stay, in no folder: conversations.folder_id is ON DELETE SET NULL.
      remove: db.prepare('DELETE FROM folders WHERE id = ?'),
    };
  }

  list(): Folder[] {
    return this.q.list.all().map(toFolder);
  }

  get(id: string): Folder {
    const row = this.q.get.get(id);
    if (!row) throw new ApiFailure('NOT_FOUND', `No folder with id ${id}.`);
    return toFolder(row);
  }

  create(name: string): Folder {
    const id = this.newId();
    const now = this.clock.now();
    this.q.insert.run(id, name, now, now);
    return this.get(id);
  }

  rename(id: string, name: string): Folder {
    if (this.q.rename.run(name, this.clock.now(), id).changes === 0) {
      throw new ApiFailure('NOT_FOUND', `No folder with id ${id}.`);
    }
    return this.get(id);
  }

  delete(id: string): void {
    if (this.q.remove.run(id).changes === 0) throw new ApiFailure('NOT_FOUND', `No folder with id ${id}.`);
  }
}
