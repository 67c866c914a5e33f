import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../../shared/api/schemas/app';
import type { ContractCheck } from '../../shared/api/contractCheck';
import type { ChatServiceDeps } from './chat/ChatService';
import type { Clock, IdGenerator } from './deps';
import type { ChooseDestination } from './export';
import type { LocalModelsOptions } from './local';
import type { SecretStore } from './secrets/SecretStore';
import type { Env } from './secrets/resolveApiKey';
import type { StreamEngineOptions } from './stream/StreamEngine';
import type { CoreObserver } from './stream/types';
import type { WalCheckpointerOptions } from './db/WalCheckpointer';

/** What SpoolCore.open takes: the data dir and mode, and every dependency a test or a shell swaps. */
export interface SpoolCoreOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  clock?: Clock;
  newId?: IdGenerator;
  /** Reports bugs (unexpected errors); defaults to console.error. */
  onInternalError?: (err: unknown, where: string) => void;
  /** One-line operational messages (the recovery summary); defaults to console.info. */
  log?: (line: string) => void;
  /** This process's instance id (owner of its streams); generated when absent. */
  instanceId?: string;
  /** Chunk log tuning (commit window, caps, retry backoff). */
  engine?: Omit<StreamEngineOptions, 'db' | 'owner' | 'clock' | 'newId' | 'onInternalError' | 'observe'>;
  /** The WAL checkpointer's start (the CLI defers its worker: most runs are over before it would help). */
  walCheckpointer?: Pick<WalCheckpointerOptions, 'deferWorkerMs'>;
  /**
   * Compaction of finished chunk logs at rest: quiet time before it runs (default 1 s),
   * the longest it waits while replies stream back to back (2 s); `enabled: false`
   * leaves it to `core.compactor.compactAll()`. Mode 'test' defaults to `enabled: false`
   * (tests read the chunk rows with plain SQL); pass `{}` for the app's behaviour.
   */
  compaction?: { idleMs?: number; maxWaitMs?: number; enabled?: boolean };
  /** Debounced writer window (§3.6), default 1000 ms. */
  debounceMs?: number;
  heartbeatMs?: number;
  /** A heartbeat older than this means its process is gone (§3.7). */
  staleMs?: number;
  /** Where API keys live; defaults to secrets.json (0600) in the data dir. Desktop passes safeStorage. */
  secrets?: SecretStore;
  /** Reply tuning: retry backoff (tests shorten it), a fetch for providers. */
  chat?: Pick<ChatServiceDeps, 'retry' | 'fetch'>;
  /** Environment for API key overrides (OPENAI_API_KEY…); defaults to process.env. */
  env?: Env;
  /** Where `export.save` writes (desktop: the OS save dialog). Absent: the page downloads instead. */
  chooseExportDestination?: ChooseDestination;
  /** Desktop: the OS file picker for Settings → Import. Absent: the page uploads the file. */
  chooseImportFile?: () => Promise<string | null>;
  /** Import bounds: the most a zip's conversations.json may inflate to; how often progress is sent. */
  importLimits?: { maxUncompressedBytes?: number; progressEveryMs?: number };
  /** Desktop: shows a written diagnostics report in the OS file manager. Absent: the page downloads it. */
  showInFolder?: (file: string) => void;
  /** Local models: tuning (tests cap tokens/s; default from SPOOL_LOCAL_* env) and the desktop file picker. */
  local?: Pick<LocalModelsOptions, 'tuning' | 'chooseModelFile'>;
  /**
   * Delete-with-undo window (default 10 s) and generated titles (default: ask a model as the
   * `generateTitles` setting says; `askProviderForTitles: false` never asks).
   */
  library?: { undoWindowMs?: number; askProviderForTitles?: boolean; titleTimeoutMs?: number };
  /**
   * Benchmarks: each group commit's transaction time and what it carried, and each stream
   * compacted, as they happen (`CoreObserver`, core/stream/types.ts). Measurement of internals
   * no user needs, so no API call reports it; declared here so nothing patches the services.
   */
  observe?: CoreObserver;
  /**
   * Test runs only: sees every reply and event a client is given (the shells pass
   * `contractCheckFromEnv()`: SPOOL_CONTRACT_CHECK names the file violations go to).
   */
  contractCheck?: ContractCheck;
  /**
   * Tests only: the core's own connection, for faults that only that connection can show
   * (a full disk through max_page_count, a trigger or SQL function watching a write from
   * inside its transaction, a process vanishing without closing). Tests that only read or
   * seed the library open a connection of their own instead (tests/helpers/libraryDb.ts).
   */
  testHooks?: { database?: (db: Database) => void };
}
