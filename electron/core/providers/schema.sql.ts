/**
 * The `providers` table, for the lead to add as migration 2 (db/migrations). Keys are
 * not here: they live in a SecretStore under `provider:<id>`.
 */
export const PROVIDERS_TABLE_SQL = `
  CREATE TABLE providers (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('openai-compatible','anthropic','ollama')),
    name            TEXT NOT NULL,
    base_url        TEXT NOT NULL,
    models          TEXT,
    default_model   TEXT,
    continue_style  TEXT CHECK (continue_style IN ('prefix','instruction')),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
  ) STRICT;
`;
