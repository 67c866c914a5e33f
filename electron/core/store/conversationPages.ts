import type { Database, Statement } from 'better-sqlite3';
import type { ConversationCursor, ConversationPage } from '../../../shared/api/schemas/conversations';
import { toConversation, type ConversationRow } from './ConversationStore';

export const DEFAULT_PAGE_SIZE = 100;

export interface PageQuery {
  after?: ConversationCursor | undefined;
  limit?: number | undefined;
  folderId?: string | undefined;
  query?: string | undefined;
}

type Segment = 'pinned' | 'unpinned';

/**
 * The conversation list one page at a time, by keyset (the cursor is the last row's
 * place in the order), so a page costs an index range scan of its own length however
 * big the library is: the two order indexes of migration 016 hold exactly this order.
 * Pinned ones come first, then the rest.
 */
export class ConversationPages {
  private readonly statements = new Map<string, Statement<unknown[], ConversationRow>>();

  constructor(private readonly db: Database) {}

  page({ after, limit, folderId, query }: PageQuery): ConversationPage {
    const size = limit ?? DEFAULT_PAGE_SIZE;
    // One more than asked tells whether a next page exists without a second query.
    const want = size + 1;
    const pattern = query?.trim() ? `%${escapeLike(query.trim())}%` : undefined;
    const filters = { folderId, pattern };
    const rows: ConversationRow[] = [];
    if (!after || after.pinnedAt !== null) {
      rows.push(...this.segment('pinned', after, filters, want));
    }
    if (rows.length < want) {
      const cursor = after && after.pinnedAt === null ? after : undefined;
      rows.push(...this.segment('unpinned', cursor, filters, want - rows.length));
    }
    const conversations = rows.slice(0, size).map(toConversation);
    const last = conversations.at(-1);
    return {
      conversations,
      next:
        rows.length > size && last
          ? { pinnedAt: last.pinnedAt, updatedAt: last.updatedAt, id: last.id }
          : null,
    };
  }

  private segment(
    segment: Segment,
    after: ConversationCursor | undefined,
    filters: { folderId: string | undefined; pattern: string | undefined },
    limit: number,
  ): ConversationRow[] {
    const key = `${segment}:${after ? 1 : 0}:${filters.folderId ? 1 : 0}:${filters.pattern ? 1 : 0}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(segmentSql(segment, !!after, !!filters.folderId, !!filters.pattern));
      this.statements.set(key, statement);
    }
    const params: Record<string, unknown> = { limit };
    if (after) {
      if (segment === 'pinned') params.pinnedAt = after.pinnedAt;
      params.updatedAt = after.updatedAt;
      params.id = after.id;
    }
    if (filters.folderId) params.folderId = filters.folderId;
    if (filters.pattern) params.pattern = filters.pattern;
    return statement.all(params);
  }
}

/** Row values compare left to right, which is the index order, so SQLite seeks straight to the cursor. */
function segmentSql(segment: Segment, after: boolean, folder: boolean, pattern: boolean): string {
  const where = ['deleted_at IS NULL'];
  if (segment === 'pinned') {
    where.push('pinned_at IS NOT NULL');
    if (after) where.push('(pinned_at, updated_at, id) < (@pinnedAt, @updatedAt, @id)');
  } else {
    where.push('pinned_at IS NULL');
    if (after) where.push('(updated_at, id) < (@updatedAt, @id)');
  }
  if (folder) where.push('folder_id = @folderId');
  if (pattern) where.push("title LIKE @pattern ESCAPE '\\'");
  const order =
    segment === 'pinned' ? 'pinned_at DESC, updated_at DESC, id DESC' : 'updated_at DESC, id DESC';
  return `SELECT * FROM conversations WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
