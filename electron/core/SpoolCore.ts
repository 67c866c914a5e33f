import type { Database } from 'better-sqlite3';
import type { ApiEventMessage, ApiEventName, ApiEvents } from '../../shared/api/events';
import type { AppInfo, Notice } from '../../shared/api/schemas/app';
import type { RecoveryReport } from '../../shared/api/schemas/streams';
import { ApiClients, type CoreClient } from './api/ApiClients';
import { composeHandlers } from './api/handlers/index';
import type { ApiHandlers, ClientOptions } from './api/types';
import { openDatabase, setDurability } from './db/openDatabase';
import { describeTightened } from './db/privateFiles';
import { WalCheckpointer } from './db/WalCheckpointer';
import { randomId, systemClock, type IdGenerator } from './deps';
import { RecentLog } from './diagnostics';
import { databasePath } from './paths';
import type { ExportDownloads } from './export/Exporter';
import type { ImportUploads } from './import/ImportService';
import { routeSdkWarnings } from './providers/sdkWarnings';
import { buildServices } from './services/buildServices';
import type { CoreServices } from './services/CoreServices';
import type { SpoolCoreOptions } from './SpoolCoreOptions';
import { SettingsStore } from './store/SettingsStore';
import { recover } from './stream/recover';
import { APP_VERSION } from './version';

export type { SpoolCoreOptions } from './SpoolCoreOptions';
export type { CoreClient } from './api/ApiClients';
export type { ClientExportDestination, ClientOptions } from './api/types';
export { CHAT_COMMIT_POLICY } from './services/buildServices';
export { CONTRACT_CHECK_ENV, contractCheckFromEnv } from './api/contractCheckFromEnv';

// The services are the core's fields (core.chat, core.engine, …): SpoolCore copies them
// in from buildServices, and this declaration tells the compiler so.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface SpoolCore extends Omit<CoreServices, 'db'> {}

/**
 * The composition root of the core: opens the database, builds the stores and the
 * engine (services/buildServices.ts), and serves the API to any number of clients.
 * Nothing here imports Electron, so the desktop app, browser mode, the CLI and tests
 * all run it as is.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class SpoolCore {
  /**
   * Private: the CLI, the desktop, the web host, bench and scripts reach the library through
   * `connect()` and its typed `call`, never through SQL (docs/DESIGN.md, "How the shells reach
   * the core"). Tests open their own connection on the file (tests/helpers/libraryDb.ts).
   */
  private readonly db: Database;
  readonly info: AppInfo;
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
    // Before anything can log: log lines are kept for "Report a problem".
    const recentLog = new RecentLog();
    Object.assign(this, { recentLog });
    this.unrouteSdkWarnings = routeSdkWarnings((line) => this.log(line));
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
      contractCheck: options.contractCheck,
    });
    const services = buildServices(options, db, checkpointer, {
      newId: this.newId,
      recentLog,
      broadcast: (name, payload) => this.broadcast(name, payload),
      log: (line) => this.log(line),
      reportInternal: (err, where) => this.reportInternal(err, where),
    });
    Object.assign(this, services);
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
      services,
      info: this.info,
      dataDir: options.dataDir,
      ...(options.env ? { env: options.env } : {}),
      clock,
      newId: this.newId,
      broadcast: (name, payload) => this.broadcast(name, payload),
      recoveryReport: () => this.lastRecovery,
      ...(options.showInFolder ? { showInFolder: options.showInFolder } : {}),
      ...(options.chooseExportDestination
        ? { chooseExportDestination: options.chooseExportDestination }
        : {}),
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

  /** Browser mode's upload route gets this, not the import service. */
  get importUploads(): ImportUploads {
    return { newUpload: () => this.imports.newUpload() };
  }

  /** Browser mode's download route gets this, not the exporter. */
  get exportDownloads(): ExportDownloads {
    return {
      describe: (target) => this.exporter.describe(target),
      writeTo: (target, out) => this.exporter.writeTo(target, out),
    };
  }

  connect(send: (event: ApiEventMessage) => void, options?: ClientOptions): CoreClient {
    return this.clients.connect(send, options);
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
