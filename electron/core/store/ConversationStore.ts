import type { Database, Statement } from 'better-sqlite3';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { ApiFailure } from '../../../shared/api/result';
import type { Clock, IdGenerator } from '../deps';

interface Row {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  provider: string | null;
  model: string | null;
}

const toConversation = (r: Row): Conversation => ({
  id: r.id,
  title: r.title,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  provider: r.provider,
  model: r.model,
});

export const DEFAULT_CONVERSATION_TITLE = 'New chat';

export class ConversationStore {
  private readonly q: {
    list: Statement<[], Row>;
    get: Statement<[string], Row>;
    insert: Statement<[string, string, number, number]>;
    rename: Statement<[string, number, string]>;
    touch: Statement<[number, string]>;
    setModel: Statement<[string, string, number, string]>;
    remove: Statement<[string]>;
  };

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.q = {
      list: db.prepare('SELECT * FROM conversations ORDER BY updated_at DESC, id'),
      get: db.prepare('SELECT * FROM conversations WHERE id = ?'),
      insert: db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      rename: db.prepare('UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?'),
      touch: db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?'),
      setModel: db.prepare('UPDATE conversations SET provider = ?, model = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM conversations WHERE id = ?'),
    };
  }

  list(): Conversation[] {
    return this.q.list.all().map(toConversation);
  }

  get(id: string): Conversation {
    const row = this.q.get.get(id);
    if (!row) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
    return toConversation(row);
  }

  create(title = DEFAULT_CONVERSATION_TITLE): Conversation {
    const id = this.newId();
    const now = this.clock.now();
    this.q.insert.run(id, title, now, now);
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

  /** Deletes the conversation with its messages, streams and chunk logs (cascade). */
  delete(id: string): void {
    const { changes } = this.q.remove.run(id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
  }
}
