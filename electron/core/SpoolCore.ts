import type { Database } from 'better-sqlite3';
import type { ApiEventMessage, ApiEventName, ApiEvents } from '../../shared/api/events';
import type { ApiResult } from '../../shared/api/result';
import type { AppInfo, Notice } from '../../shared/api/schemas/app';
import type { RecoveryReport } from '../../shared/api/schemas/streams';
import { dispatch } from './api/dispatch';
import { composeHandlers } from './api/handlers/index';
import type { ApiContext, ApiHandlers } from './api/types';
import { openDatabase, setDurability } from './db/openDatabase';
import { WalCheckpointer } from './db/WalCheckpointer';
import { randomId, systemClock, type Clock, type IdGenerator } from './deps';
import { databasePath } from './paths';
import { ChatService, type ChatServiceDeps } from './chat/ChatService';
import { AuditTrail, recordExport } from './audit';
import { RecentLog } from './diagnostics';
import { DraftStore, DraftWriter } from './drafts';
import { CounterLog } from './stats';
import { Exporter, type ChooseDestination } from './export';
import { ProviderRegistry, SqliteProviderStorage } from './providers';
import { LocalModels, tuningFromEnv, type LocalModelsOptions } from './local';
import { FileSecretStore } from './secrets/FileSecretStore';
import type { SecretStore } from './secrets/SecretStore';
import type { Env } from './secrets/resolveApiKey';
import { ConversationStore } from './store/ConversationStore';
import { MessageStore } from './store/MessageStore';
import { SettingsStore } from './store/SettingsStore';
import { compactFinishedStreams } from './stream/compact';
import { InstanceRegistry } from './stream/InstanceRegistry';
import { MessageWriter } from './stream/MessageWriter';
import { recover } from './stream/recover';
import { StreamEngine, type StreamEngineOptions } from './stream/StreamEngine';
import { APP_VERSION } from './version';
import { CommitRecorder } from './library/CommitRecorder';
import { Library } from './library/Library';
import { TitleService } from './library/TitleService';

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
  engine?: Omit<StreamEngineOptions, 'db' | 'owner' | 'clock' | 'newId' | 'onInternalError'>;
  /** Debounced writer window (§3.6), default 50 ms. */
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
  /** Desktop: shows a written diagnostics report in the OS file manager. Absent: the page downloads it. */
  showInFolder?: (file: string) => void;
  /** Local models: tuning (tests cap tokens/s; default from SPOOL_LOCAL_* env) and the desktop file picker. */
  local?: Pick<LocalModelsOptions, 'tuning' | 'chooseModelFile'>;
  /** Delete-with-undo window (default 10 s) and generated titles (default: ask the reply's provider). */
  library?: { undoWindowMs?: number; askProviderForTitles?: boolean; titleTimeoutMs?: number };
}

/** A connected client: one window, one socket, one CLI run. */
export interface CoreClient {
  readonly clientId: string;
  call(channel: unknown, payload: unknown): Promise<ApiResult<unknown>>;
  dispose(): void;
}

/**
 * The composition root of the core: opens the database, builds the stores and the
 * engine, and serves the API to any number of clients. Nothing here imports
 * Electron, so the desktop app, browser mode, the CLI and tests all run it as is.
 */
export class SpoolCore {
  readonly db: Database;
  /** WAL checkpoints on a worker thread, never inside a commit (see db/WalCheckpointer.ts). */
  readonly checkpointer: WalCheckpointer;
  readonly info: AppInfo;
  readonly conversations: ConversationStore;
  readonly messages: MessageStore;
  readonly settings: SettingsStore;
  readonly instance: InstanceRegistry;
  readonly engine: StreamEngine;
  readonly writer: MessageWriter;
  readonly providers: ProviderRegistry;
  readonly chat: ChatService;
  readonly exporter: Exporter;
  readonly local: LocalModels;
  readonly library: Library;
  readonly titles: TitleService;
  readonly drafts: DraftWriter;
  readonly audit: AuditTrail;
  /** Local counters (never sent anywhere): replays, storage failures, recoveries. */
  readonly counters: CounterLog;
  /** This process's recent log lines and internal errors, for "Report a problem" (redacted there). */
  readonly recentLog = new RecentLog();
  /** The library's folder (browser mode serves reports from its `reports/`). */
  readonly dataDir: string;
  private lastRecovery: RecoveryReport = { messagesRebuilt: 0, streamsInterrupted: 0, ranAt: null };
  private readonly handlers: ApiHandlers;
  private readonly clients = new Map<string, { ctx: ApiContext; disposers: (() => void)[] }>();
  private readonly newId: IdGenerator;
  private closed = false;

  private constructor(
    private readonly options: SpoolCoreOptions,
    db: Database,
    checkpointer: WalCheckpointer,
    schemaVersion: number,
    notices: Notice[],
  ) {
    this.db = db;
    this.dataDir = options.dataDir;
    this.checkpointer = checkpointer;
    const clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomId;
    this.conversations = new ConversationStore(db, clock, this.newId);
    this.messages = new MessageStore(db, clock, this.newId);
    this.settings = new SettingsStore(db);
    const onInternalError = (err: unknown, where: string) => this.reportInternal(err, where);
    this.instance = new InstanceRegistry(db, {
      id: options.instanceId ?? this.newId(),
      kind: options.mode,
      clock,
      heartbeatMs: options.heartbeatMs,
      staleMs: options.staleMs,
      onInternalError,
    });
    this.engine = new StreamEngine({
      ...options.engine,
      db,
      owner: this.instance.id,
      clock,
      newId: this.newId,
      onInternalError,
    });
    this.writer = new MessageWriter({
      messages: this.messages,
      clock,
      debounceMs: options.debounceMs,
      onUpdate: (message) => this.broadcast('message.updated', { message }),
      onInternalError,
    });
    this.engine.addListener(this.writer);
    this.messages.setLiveView(this.writer);
    this.local = new LocalModels({
      dataDir: options.dataDir,
      tuning: options.local?.tuning ?? tuningFromEnv(options.env ?? process.env),
      ...(options.local?.chooseModelFile ? { chooseModelFile: options.local.chooseModelFile } : {}),
      onModelsChanged: () => this.broadcast('localModels.changed', {}),
      onDownloadsChanged: (downloads) => this.broadcast('localModels.downloads', { downloads }),
    });
    this.providers = new ProviderRegistry({
      local: this.local,
      storage: new SqliteProviderStorage(db, clock),
      secrets: options.secrets ?? FileSecretStore.inDataDir(options.dataDir),
      newId: this.newId,
      ...(options.env ? { env: options.env } : {}),
    });
    this.chat = new ChatService({
      db,
      conversations: this.conversations,
      messages: this.messages,
      settings: this.settings,
      providers: this.providers,
      engine: this.engine,
      local: () => this.local.runtime(),
      // Each failed attempt a retry followed counts for its class, like the final one (issue 9).
      onProviderRetry: (code) => this.counters.record('provider_retry', code, 1),
      ...options.chat,
      onInternalError,
    });
    this.library = new Library({
      db,
      conversations: this.conversations,
      clock,
      undoWindowMs: options.library?.undoWindowMs,
      stopReplies: (id) => this.chat.stopConversation(id),
      onInternalError,
    });
    this.titles = new TitleService({
      db,
      messages: this.messages,
      providers: this.providers,
      askProvider: options.library?.askProviderForTitles,
      timeoutMs: options.library?.titleTimeoutMs,
      ...(options.chat?.fetch ? { fetch: options.chat.fetch } : {}),
      titled: () => this.broadcast('conversations.changed', { conversations: this.conversations.list() }),
      onInternalError,
    });
    this.engine.addListener(this.titles);
    this.drafts = new DraftWriter({ store: new DraftStore(db), clock, onInternalError });
    this.audit = new AuditTrail({ db, clock, onInternalError });
    this.engine.addListener(this.audit);
    this.counters = new CounterLog(db, { clock, onInternalError });
    this.engine.addListener(this.counters);
    const messageIdsOf = db
      .prepare<[string], string>('SELECT id FROM messages WHERE conversation_id = ?')
      .pluck();
    const commits = new CommitRecorder();
    this.engine.addListener(commits);
    this.exporter = new Exporter(
      {
        db,
        conversations: this.conversations,
        messages: this.messages,
        engine: this.engine,
        now: clock.now,
        appVersion: APP_VERSION,
      },
      (target) => recordExport(this.audit, target, (id) => messageIdsOf.all(id)),
    );
    this.info = {
      name: 'Spool',
      version: APP_VERSION,
      mode: options.mode,
      platform: process.platform,
      dataDir: options.dataDir,
      dbPath: databasePath(options.dataDir),
      schemaVersion,
      notices,
    };
    this.handlers = composeHandlers({
      core: this,
      options,
      clock,
      newId: this.newId,
      commits,
      recoveryReport: () => this.lastRecovery,
    });
  }

  /** Opens the library in `dataDir`. Throws DatabaseTooNewError / DatabaseLockedError. */
  static open(options: SpoolCoreOptions): SpoolCore {
    const opened = openDatabase({ file: databasePath(options.dataDir), now: options.clock?.now });
    const durability = new SettingsStore(opened.db).get().durability;
    setDurability(opened.db, durability);
    const checkpointer = WalCheckpointer.start(opened.db, { log: options.log ?? console.info });
    const core = new SpoolCore(options, opened.db, checkpointer, opened.schemaVersion, opened.notices);
    try {
      core.instance.start();
      core.recover();
      core.local.start();
      core.library.purgeExpiredAtLaunch();
      const retentionDays = core.settings.get().retentionDays;
      const clock = options.clock ?? systemClock;
      compactFinishedStreams(core.db, { now: clock.now(), retentionMs: retentionDays * 86_400_000 });
    } catch (err) {
      core.instance.stop();
      core.engine.close();
      core.checkpointer.close();
      core.db.close();
      throw err;
    }
    return core;
  }

  /**
   * Finalises streams whose owner is gone and rebuilds lagging snapshots (§3.7).
   * Runs at open; callable later (e.g. after another process died).
   */
  recover(): RecoveryReport {
    const report = recover({
      db: this.db,
      clock: this.options.clock,
      selfId: this.instance.id,
      isOwnerAlive: (owner) => this.instance.isAlive(owner),
      isLocalStream: (id) => this.engine.isLive(id),
      onRecovered: (messageId, what, streamId) =>
        what === 'rebuilt'
          ? this.audit.record(messageId, 'recovered', { streamId })
          : this.audit.record(messageId, 'interrupted', { streamId, by: 'recovery' }),
    });
    this.lastRecovery = report;
    if (report.messagesRebuilt > 0 || report.streamsInterrupted > 0) {
      this.counters.record('recovery', null, report.messagesRebuilt, report.streamsInterrupted);
    }
    this.log(
      `[spool] recovery: ${report.streamsInterrupted} interrupted stream(s) finalised, ` +
        `${report.messagesRebuilt} message(s) rebuilt from the chunk log`,
    );
    return report;
  }

  /** Commits pending chunks and writes every pending snapshot now (window close, quit). */
  flushAll(): boolean {
    const durable = this.engine.flush();
    this.writer.flushAll();
    this.drafts.flushAll();
    return durable;
  }

  connect(send: (event: ApiEventMessage) => void): CoreClient {
    const clientId = this.newId();
    const disposers: (() => void)[] = [];
    const ctx: ApiContext = {
      clientId,
      emit: (name, payload) => send({ name, payload } as ApiEventMessage),
      onDispose: (fn) => disposers.push(fn),
    };
    this.clients.set(clientId, { ctx, disposers });
    return {
      clientId,
      call: async (channel, payload) => {
        if (this.closed)
          return { ok: false, error: { code: 'UNAVAILABLE', message: 'Spool is shutting down.' } };
        return dispatch(this.handlers, channel, payload, ctx, {
          onInternalError: (err, where) => this.reportInternal(err, where),
        });
      },
      dispose: () => this.disconnect(clientId),
    };
  }

  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void {
    for (const { ctx } of this.clients.values()) ctx.emit(name, payload);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Our streams lose their reader now: they end as 'interrupted' with every chunk kept.
    this.engine.interruptAll();
    // Then the provider requests are aborted; their pumps find their streams ended and write nothing.
    await this.chat.close();
    await this.local.close();
    this.library.close();
    await this.titles.close();
    if (!this.flushAll()) {
      const fault = this.engine.storageFault;
      this.reportInternal(
        new Error(
          `storage failing at quit (${fault?.code}): ${this.engine.log.pendingChunks} chunk(s) not saved`,
        ),
        'close',
      );
    }
    this.counters.close(this.engine.log.pendingChunks);
    for (const id of [...this.clients.keys()]) this.disconnect(id);
    this.instance.stop();
    this.engine.close();
    this.writer.close();
    this.drafts.close();
    // The worker's connection first: the main connection's close is then the last one,
    // so it checkpoints and removes the WAL.
    this.checkpointer.close();
    this.db.close();
  }

  private disconnect(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    this.clients.delete(clientId);
    for (const fn of client.disposers) fn();
    // A window closing: what it showed is written now, not after the debounce.
    if (!this.closed) {
      this.writer.flushAll();
      this.drafts.flushAll();
    }
  }

  /** An operational line: to the log, and kept for "Report a problem". */
  private log(line: string): void {
    this.recentLog.add(line);
    (this.options.log ?? console.info)(line);
  }

  private reportInternal(err: unknown, where: string): void {
    this.recentLog.add(
      `internal error in ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    (this.options.onInternalError ?? ((e, w) => console.error(`[spool] internal error in ${w}:`, e)))(
      err,
      where,
    );
  }
}
