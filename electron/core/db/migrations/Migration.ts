import type { Database } from 'better-sqlite3';

/** One step of the schema. Its own file, so a migration never imports the list it is in. */
export interface Migration {
  /** Strictly increasing from 1; becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Database): void;
}
