import type { Database } from 'better-sqlite3';
import type { ApiEventMessage, ApiEventName, ApiEvents } from '../../shared/api/events';
import type { AppInfo, Notice } from '../../shared/api/schemas/app';
import type { SpoolCoreOptions } from './SpoolCoreOptions';
import type { RecoveryReport } from '../../shared/api/schemas/streams';
import { ApiClients, type CoreClient } from './api/ApiClients';
import { composeHandlers } from './api/handlers/index';
import type { ApiHandlers } from './api/types';
import { openDatabase, setDurability } from './db/openDatabase';
import { WalCheckpointer } from './db/WalCheckpointer';
import { randomId, systemClock, type IdGenerator } from './deps';
import { databasePath } from './paths';
import { SyncService } from './sync/SyncService';
import { describeTightened } from './db/privateFiles';
import { routeSdkWarnings } from './providers/sdkWarnings';
import { ChatService } from './chat/ChatService';
import { AttachmentService } from './attachments';
import { PresetStore } from './presets';
import { AuditTrail, recordExport } from './audit';
import { RecentLog } from './diagnostics';
import { DraftStore, DraftWriter } from './drafts';
import { CounterLog } from './stats';
import { Exporter } from './export';
import { ImportService } from './import';
import { ProviderRegistry, SqliteProviderStorage } from './providers';
import { LocalModels, tuningFromEnv } from './local';
import { FileSecretStore } from './secrets/FileSecretStore';
import { ConversationStore } from './store/ConversationStore';
import { ConversationPages } from './store/conversationPages';
import { FolderStore } from './store/FolderStore';
import { conversationDeltas, type ConversationDeltas } from './library/conversationDeltas';
import { MessageStore } from './store/MessageStore';
import { SettingsStore } from './store/SettingsStore';
import { InstanceRegistry } from './stream/InstanceRegistry';
import { ChunkCompactor } from './stream/ChunkCompactor';
import { MessageWriter } from './stream/MessageWriter';
import { recover } from './stream/recover';
import { StreamEngine } from './stream/StreamEngine';
import { APP_VERSION } from './version';
import { CommitRecorder } from './library/CommitRecorder';
import { ExternalChanges } from './library/ExternalChanges';
import { Library } from './library/Library';
import { TitleService } from './library/TitleService';
import { VersionDeletion } from './library/VersionDeletion';

export type { SpoolCoreOptions } from './SpoolCoreOptions';

/**
 * The app's commit window (§3.2): a commit follows the previous one by at least 40 ms
 * unless 8 KiB are pending. Every commit appends whole pages to the WAL however few
 * bytes it adds, so at chat rates (a token every 20 ms) this is what keeps the bytes
 * written per token low; a chunk waits at most the window before it is committed and
 * delivered. The engine's own default is a commit every turn (engine benchmarks).
 */
export const CHAT_COMMIT_POLICY = { commitWindowMs: 40, commitBytes: 8192 } as const;
export type { CoreClient } from './api/ApiClients';

/**
 * The composition root of the core: opens the database, builds the stores and the
 * engine, and serves the API to any number of clients. Nothing here imports
 * Electron, so the desktop app, browser mode, the CLI and tests all run it as is.
 */
export class SpoolCore {
  /**
   * Private: the CLI, the desktop, the web host, bench and scripts reach the library through
   * `connect()` and its typed `call`, never through SQL (docs/DESIGN.md, "How the shells reach
   * the core"). Tests open their own connection on the file (tests/helpers/libraryDb.ts).
   */
  private readonly db: Database;
  /** WAL checkpoints on a worker thread, never inside a commit (see db/WalCheckpointer.ts). */
  readonly checkpointer: WalCheckpointer;
  readonly info: AppInfo;
  readonly conversations: ConversationStore;
  /** The list a page at a time (keyset, in the order of the sidebar). */
  readonly conversationPages: ConversationPages;
  readonly folders: FolderStore;
  /** One `conversations.delta` per changed conversation. */
  readonly deltas: ConversationDeltas;
  readonly messages: MessageStore;
  readonly settings: SettingsStore;
  readonly instance: InstanceRegistry;
  readonly engine: StreamEngine;
  readonly writer: MessageWriter;
  /** Other processes' commits to this library, shown in this process's windows. */
  readonly externalChanges: ExternalChanges;
  /** Settings → Sync: the library synced through PostgreSQL, end-to-end encrypted (§10). */
  readonly sync: SyncService;
  /** Compacts finished streams' chunk logs into compressed blocks once the library is quiet (§3.11). */
  readonly compactor: ChunkCompactor;
  readonly providers: ProviderRegistry;
  readonly chat: ChatService;
  readonly exporter: Exporter;
  readonly local: LocalModels;
  /** Imports of ChatGPT, Claude and Spool exports (issue 20). */
  readonly imports: ImportService;
  readonly library: Library;
  /** Delete a version or branch, with undo (Regenerate and Edit never delete). */
  readonly versions: VersionDeletion;
  readonly titles: TitleService;
  readonly drafts: DraftWriter;
  /** Attachments stored by content hash, and those on each conversation's draft. */
  readonly attachments: AttachmentService;
  /** Named starting points for a chat: system prompt, model, parameters. */
  readonly presets: PresetStore;
  readonly audit: AuditTrail;
  /** Local counters (never sent anywhere): replays, storage failures, recoveries. */
  readonly counters: CounterLog;
  /** This process's recent log lines and internal errors, for "Report a problem" (redacted there). */
  readonly recentLog = new RecentLog();
  /** The library's folder (browser mode serves reports from its `reports/`). */
  readonly dataDir: string;
  private lastRecovery: RecoveryReport = { messagesRebuilt: 0, streamsInterrupted: 0, ranAt: null };
  private readonly handlers: ApiHandlers;
  private readonly clients: ApiClients;
  private readonly newId: IdGenerator;
  private closed = false;
  private readonly unrouteSdkWarnings: () => void;

  private constructor(
    private readonly options: SpoolCoreOptions,
    db: Database,
    checkpointer: WalCheckpointer,
    schemaVersion: number,
    notices: Notice[],
  ) {
    this.db = db;
    options.testHooks?.database?.(db);
    this.dataDir = options.dataDir;
    this.unrouteSdkWarnings = routeSdkWarnings((line) => this.log(line));
    this.checkpointer = checkpointer;
    const clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomId;
    this.clients = new ApiClients({
      handlers: () => this.handlers,
      newId: this.newId,
      isClosed: () => this.closed,
      // A window closing: what it showed is written now, not after the debounce.
      onDisconnect: () => {
        this.writer.flushAll();
        this.drafts.flushAll();
      },
      onInternalError: (err, where) => this.reportInternal(err, where),
    });
    this.conversations = new ConversationStore(db, clock, this.newId);
    this.conversationPages = new ConversationPages(db);
    this.folders = new FolderStore(db, clock, this.newId);
    this.deltas = conversationDeltas(this.conversations, (delta) =>
      this.broadcast('conversations.delta', delta),
    );
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
      ...CHAT_COMMIT_POLICY,
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
    const secrets = options.secrets ?? FileSecretStore.inDataDir(options.dataDir);
    this.providers = new ProviderRegistry({
      local: this.local,
      storage: new SqliteProviderStorage(db, clock),
      secrets,
      newId: this.newId,
      ...(options.env ? { env: options.env } : {}),
    });
    this.attachments = new AttachmentService(db, clock);
    this.presets = new PresetStore(db, clock, this.newId);
    this.chat = new ChatService({
      db,
      attachments: this.attachments,
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
    this.versions = new VersionDeletion({
      db,
      messages: this.messages,
      clock,
      undoWindowMs: options.library?.undoWindowMs,
      isLive: (id) => this.chat.isLive(id),
      stopReplies: (ids) => this.chat.stopReplies(ids),
      onInternalError,
    });
    this.titles = new TitleService({
      db,
      conversations: this.conversations,
      messages: this.messages,
      providers: this.providers,
      settings: this.settings,
      askProvider: options.library?.askProviderForTitles,
      timeoutMs: options.library?.titleTimeoutMs,
      ...(options.chat?.fetch ? { fetch: options.chat.fetch } : {}),
      local: {
        runtime: () => this.local.runtime(),
        chats: (id) => this.local.list().models.some((m) => m.id === id && m.hasChatTemplate),
      },
      titled: (conversationId) => this.deltas.changed(conversationId),
      onInternalError,
    });
    this.engine.addListener(this.titles);
    this.drafts = new DraftWriter({ store: new DraftStore(db), clock, onInternalError });
    this.audit = new AuditTrail({ db, clock, onInternalError });
    this.engine.addListener(this.audit);
    this.counters = new CounterLog(db, { clock, onInternalError });
    this.engine.addListener(this.counters);
    this.compactor = new ChunkCompactor({
      db,
      clock,
      // Tests read the chunk rows with plain SQL as their oracle: in 'test' mode compaction
      // runs only when a test or benchmark asks for it (options, or compactAll()).
      ...(options.compaction ?? (options.mode === 'test' ? { enabled: false } : {})),
      onInternalError: (err, where) => this.reportInternal(err, where),
    });
    this.engine.addListener(this.compactor);
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
      (target, into) => recordExport(this.audit, target, (id) => messageIdsOf.all(id), into),
    );
    this.imports = new ImportService({
      db,
      messages: this.messages,
      clock,
      newId: this.newId,
      dataDir: options.dataDir,
      ...(options.chooseImportFile ? { chooseFile: options.chooseImportFile } : {}),
      ...(options.importLimits ?? {}),
      onProgress: (progress) => this.broadcast('import.progress', progress),
      onConversationsChanged: () => this.deltas.reset(),
    });
    this.externalChanges = new ExternalChanges({
      db,
      engine: this.engine,
      messages: this.messages,
      conversationChanged: (id) => this.deltas.changed(id),
      conversationsReset: () => this.deltas.reset(),
      messagesChanged: (conversationId) => this.broadcast('messages.changed', { conversationId }),
      messageUpdated: (message) => this.broadcast('message.updated', { message }),
      onInternalError,
    });
    this.sync = new SyncService({
      dbFile: databasePath(options.dataDir),
      secrets,
      newDeviceId: randomId,
      now: clock.now,
      onState: (state) => this.broadcast('sync.status', state),
      log: (line) => this.log(line),
    });
    // Windows show what other processes write, and sync runs where Settings set it up;
    // a CLI run has no window, and `spool sync` is its own command.
    if (options.mode === 'desktop' || options.mode === 'web') {
      this.externalChanges.start();
      void this.sync.start().catch((err: unknown) => this.reportInternal(err, 'sync start'));
    }
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
      db,
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
    const checkpointer = WalCheckpointer.start(opened.db, {
      log: options.log ?? console.info,
      ...options.walCheckpointer,
    });
    const core = new SpoolCore(options, opened.db, checkpointer, opened.schemaVersion, opened.notices);
    if (opened.tightened.length) core.log(describeTightened(opened.tightened));
    try {
      core.instance.start();
      core.recover();
      core.local.start();
      core.library.purgeExpiredAtLaunch();
      core.versions.purgeExpired();
      core.imports.removeLeftoverUploads();
      core.compactor.start();
    } catch (err) {
      core.instance.stop();
      core.engine.close();
      core.checkpointer.close();
      core.db.close();
      core.unrouteSdkWarnings();
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
    return this.clients.connect(send);
  }

  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void {
    this.clients.broadcast(name, payload);
  }

  /** How many clients are connected (windows, sockets, CLI runs). */
  get connectedClients(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Our streams lose their reader now: they end as 'interrupted' with every chunk kept.
    this.engine.interruptAll();
    // Then the provider requests are aborted; their pumps find their streams ended and write nothing.
    await this.chat.close();
    await this.local.close();
    await this.imports.close();
    this.externalChanges.stop();
    await this.sync.close();
    this.library.close();
    this.versions.close();
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
    this.clients.disconnectAll();
    this.instance.stop();
    this.engine.close();
    this.compactor.close();
    this.writer.close();
    this.drafts.close();
    // The worker's connection first: the main connection's close is then the last one,
    // so it checkpoints and removes the WAL.
    this.checkpointer.close();
    this.db.close();
    this.unrouteSdkWarnings();
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
