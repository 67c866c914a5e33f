import type { Database, Statement } from 'better-sqlite3';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { ApiFailure } from '../../../shared/api/result';
import { ReplyParams } from '../../../shared/api/schemas/params';
import type { Clock, IdGenerator } from '../deps';

interface Row {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  provider: string | null;
  model: string | null;
  pinned_at: number | null;
  system_prompt: string | null;
  params: string;
  folder_id: string | null;
}

/** Stored JSON that no longer validates (hand-edited, or from a newer Spool) reads as no parameters. */
function readParams(json: string): ReplyParams {
  try {
    const parsed = ReplyParams.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export type ConversationRow = Row;

export const toConversation = (r: Row): Conversation => ({
  id: r.id,
  title: r.title,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  provider: r.provider,
  model: r.model,
  pinnedAt: r.pinned_at,
  systemPrompt: r.system_prompt,
  params: readParams(r.params),
  folderId: r.folder_id,
});

export const DEFAULT_CONVERSATION_TITLE = 'New chat';

export class ConversationStore {
  private readonly q: {
    list: Statement<[], Row>;
    listInFolder: Statement<[string], Row>;
    get: Statement<[string], Row>;
    insert: Statement<[string, string, number, number, string]>;
    rename: Statement<[string, number, string]>;
    touch: Statement<[number, string]>;
    setModel: Statement<[string, string, number, string]>;
    setSystemPrompt: Statement<[string | null, number, string]>;
    setParams: Statement<[string, number, string]>;
    remove: Statement<[string]>;
    move: Statement<[string | null, string]>;
  };

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.q = {
      // A soft-deleted conversation (deleted_at set, awaiting purge) is gone as far as callers can tell.
      list: db.prepare(
        `SELECT * FROM conversations WHERE deleted_at IS NULL
         ORDER BY pinned_at IS NULL, pinned_at DESC, updated_at DESC, id DESC`,
      ),
      listInFolder: db.prepare(
        `SELECT * FROM conversations WHERE deleted_at IS NULL AND folder_id = ?
         ORDER BY pinned_at IS NULL, pinned_at DESC, updated_at DESC, id DESC`,
      ),
      get: db.prepare('SELECT * FROM conversations WHERE id = ? AND deleted_at IS NULL'),
      insert: db.prepare(
        'INSERT INTO conversations (id, title, created_at, updated_at, title_source) VALUES (?, ?, ?, ?, ?)',
      ),
      // A title someone typed is never replaced by a generated one (library/titles.ts).
      rename: db.prepare(
        "UPDATE conversations SET title = ?, title_source = 'user', updated_at = ? WHERE id = ? AND deleted_at IS NULL",
      ),
      touch: db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?'),
      setModel: db.prepare('UPDATE conversations SET provider = ?, model = ?, updated_at = ? WHERE id = ?'),
      setSystemPrompt: db.prepare(
        'UPDATE conversations SET system_prompt = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
      ),
      setParams: db.prepare(
        'UPDATE conversations SET params = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
      ),
      remove: db.prepare('DELETE FROM conversations WHERE id = ?'),
      move: db.prepare(
        // Not a change to the conversation: it keeps its place in the list.
        'UPDATE conversations SET folder_id = ? WHERE id = ? AND deleted_at IS NULL',
      ),
    };
  }

  list(): Conversation[] {
    return this.q.list.all().map(toConversation);
  }

  /** A folder's conversations, in list order (a folder export). */
  listInFolder(folderId: string): Conversation[] {
    return this.q.listInFolder.all(folderId).map(toConversation);
  }

  get(id: string): Conversation {
    const row = this.q.get.get(id);
    if (!row) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
    return toConversation(row);
  }

  create(title?: string): Conversation {
    const id = this.newId();
    const now = this.clock.now();
    this.q.insert.run(
      id,
      title ?? DEFAULT_CONVERSATION_TITLE,
      now,
      now,
      title === undefined ? 'default' : 'user',
    );
    return this.get(id);
  }

  rename(id: string, title: string): Conversation {
    const { changes } = this.q.rename.run(title, this.clock.now(), id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
    return this.get(id);
  }

  touch(id: string): void {
    this.q.touch.run(this.clock.now(), id);
  }

  /** The provider (its id) and model the conversation's replies use; touches updated_at. */
  setModel(id: string, providerId: string, model: string): Conversation {
    const { changes } = this.q.setModel.run(providerId, model, this.clock.now(), id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
    return this.get(id);
  }

  /** null = follow the default in Settings from now on. */
  setSystemPrompt(id: string, systemPrompt: string | null): Conversation {
    const { changes } = this.q.setSystemPrompt.run(systemPrompt, this.clock.now(), id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
    return this.get(id);
  }

  setParams(id: string, params: ReplyParams): Conversation {
    const { changes } = this.q.setParams.run(JSON.stringify(params), this.clock.now(), id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
    return this.get(id);
  }

  /** Puts it in a folder, or in none; the caller checks that the folder exists. */
  move(id: string, folderId: string | null): Conversation {
    const { changes } = this.q.move.run(folderId, id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
    return this.get(id);
  }

  /** Deletes the conversation with its messages, streams and chunk logs (cascade). */
  delete(id: string): void {
    const { changes } = this.q.remove.run(id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
  }
}
