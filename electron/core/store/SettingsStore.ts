import type { Database, Statement } from 'better-sqlite3';
import { DEFAULT_SETTINGS, Settings } from '../../../shared/api/schemas/settings';

/** Settings as one validated object over a key/value table; unknown or invalid keys fall back to defaults. */
export class SettingsStore {
  private readonly all: Statement<[], { key: string; value: string }>;
  private readonly upsert: Statement<[string, string]>;
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
    this.all = db.prepare('SELECT key, value FROM settings');
    this.upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): Settings {
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of this.all.all()) {
      if (!(key in DEFAULT_SETTINGS)) continue;
      try {
        const candidate = { ...merged, [key]: JSON.parse(value) as unknown };
        if (Settings.safeParse(candidate).success) merged[key] = candidate[key];
      } catch {
        // A value we cannot read keeps its default rather than breaking start-up.
      }
    }
    return Settings.parse(merged);
  }

  set(patch: Partial<Settings>): Settings {
    const next = Settings.parse({ ...this.get(), ...patch });
    this.db
      .transaction(() => {
        for (const key of Object.keys(patch) as (keyof Settings)[]) {
          this.upsert.run(key, JSON.stringify(next[key]));
        }
      })
      .immediate();
    return next;
  }
}
