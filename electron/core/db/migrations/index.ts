import type { Database } from 'better-sqlite3';
import { m001Initial } from './001-initial';
import { m002Providers } from './002-providers';

export interface Migration {
  /** Strictly increasing from 1; becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Database): void;
}

/** Append only. Never edit a migration that has shipped: add a new one. */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Providers];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
