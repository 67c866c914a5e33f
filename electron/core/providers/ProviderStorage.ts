/**
 * Where provider configs are kept: an interface so the registry can be tested and
 * reused over any store, and its SQLite implementation over the `providers` table
 * (schema.sql.ts). Rows that no longer validate are skipped, never deleted.
 */
import type { Database, Statement } from 'better-sqlite3';
import { ProviderConfig } from '../../../shared/api/schemas/providers';
import type { Clock } from '../deps';

export interface ProviderStorage {
  list(): ProviderConfig[];
  get(id: string): ProviderConfig | undefined;
  /** Inserts or replaces. */
  put(config: ProviderConfig): void;
  /** True when something was deleted. */
  delete(id: string): boolean;
}

interface Row {
  id: string;
  kind: string;
  name: string;
  base_url: string;
  models: string | null;
  default_model: string | null;
  continue_style: string | null;
}

function fromRow(row: Row): ProviderConfig | undefined {
  let models: unknown;
  try {
    models = row.models === null ? undefined : (JSON.parse(row.models) as unknown);
  } catch {
    models = undefined;
  }
  const parsed = ProviderConfig.safeParse({
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.base_url,
    ...(models !== undefined ? { models } : {}),
    ...(row.default_model !== null ? { defaultModel: row.default_model } : {}),
    ...(row.continue_style !== null ? { continueStyle: row.continue_style } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

export class SqliteProviderStorage implements ProviderStorage {
  private readonly all: Statement<[], Row>;
  private readonly one: Statement<[string], Row>;
  private readonly upsert: Statement<[Record<string, unknown>]>;
  private readonly remove: Statement<[string]>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.all = db.prepare('SELECT * FROM providers ORDER BY created_at, id');
    this.one = db.prepare('SELECT * FROM providers WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO providers (id, kind, name, base_url, models, default_model, continue_style, created_at, updated_at)
      VALUES (@id, @kind, @name, @base_url, @models, @default_model, @continue_style, @now, @now)
      ON CONFLICT(id) DO UPDATE SET
        kind = excluded.kind, name = excluded.name, base_url = excluded.base_url,
        models = excluded.models, default_model = excluded.default_model,
        continue_style = excluded.continue_style, updated_at = excluded.updated_at`);
    this.remove = db.prepare('DELETE FROM providers WHERE id = ?');
  }

  list(): ProviderConfig[] {
    return this.all.all().flatMap((row) => fromRow(row) ?? []);
  }

  get(id: string): ProviderConfig | undefined {
    const row = this.one.get(id);
    return row ? fromRow(row) : undefined;
  }

  put(config: ProviderConfig): void {
    const c = ProviderConfig.parse(config);
    this.upsert.run({
      id: c.id,
      kind: c.kind,
      name: c.name,
      base_url: c.baseUrl,
      models: c.models ? JSON.stringify(c.models) : null,
      default_model: c.defaultModel ?? null,
      continue_style: c.continueStyle ?? null,
      now: this.clock.now(),
    });
  }

  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }
}
