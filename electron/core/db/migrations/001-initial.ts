import type { Migration } from './Migration';

const STATUS = `('streaming','complete','interrupted','error','cancelled')`;

export const m001Initial: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        provider    TEXT,
        model       TEXT
      ) STRICT;
      CREATE INDEX conversations_by_updated ON conversations(updated_at DESC);

      CREATE TABLE messages (
        id                 TEXT PRIMARY KEY,
        conversation_id    TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        role               TEXT NOT NULL CHECK (role IN ('user','assistant','system')),
        parts              TEXT NOT NULL DEFAULT '[]',
        status             TEXT NOT NULL CHECK (status IN ${STATUS}),
        error              TEXT,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL,
        stream_id          TEXT,
        snapshot_seq       INTEGER NOT NULL DEFAULT -1,
        client_request_id  TEXT UNIQUE
      ) STRICT;
      CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);

      -- One process of Spool (desktop, browser host, CLI) that may own streams.
      CREATE TABLE instances (
        id            TEXT PRIMARY KEY,
        pid           INTEGER NOT NULL,
        hostname      TEXT NOT NULL,
        kind          TEXT NOT NULL,
        started_at    INTEGER NOT NULL,
        heartbeat_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE streams (
        id            TEXT PRIMARY KEY,
        message_id    TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        status        TEXT NOT NULL CHECK (status IN ${STATUS}),
        provider      TEXT,
        model         TEXT,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER,
        last_seq      INTEGER NOT NULL DEFAULT -1,
        owner         TEXT,
        heartbeat_at  INTEGER,
        error         TEXT,
        request       TEXT,
        -- Set when retention replaced the raw provider events of this finished stream (§3.11).
        compacted_at  INTEGER
      ) STRICT;
      CREATE INDEX streams_by_message ON streams(message_id, started_at);
      CREATE INDEX streams_live ON streams(status) WHERE status = 'streaming';

      -- The chunk log. part > 0 rows continue an oversized chunk (DESIGN.md §3.8).
      CREATE TABLE chunks (
        stream_id  TEXT NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        part       INTEGER NOT NULL DEFAULT 0,
        t_ms       INTEGER NOT NULL,
        type       TEXT NOT NULL,
        payload    TEXT NOT NULL,
        PRIMARY KEY (stream_id, seq, part)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
