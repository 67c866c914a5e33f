import type { Database } from 'better-sqlite3';
import type { ApiEventMessage, ApiEventName, ApiEvents } from '../../shared/api/events';
import type { ApiResult } from '../../shared/api/result';
import type { AppInfo, Notice } from '../../shared/api/schemas/app';
import { dispatch } from './api/dispatch';
import { libraryHandlers } from './api/handlers/library';
import { streamHandlers } from './api/handlers/streams';
import type { ApiContext, ApiHandlers } from './api/types';
import { openDatabase, setDurability } from './db/openDatabase';
import { randomId, systemClock, type Clock, type IdGenerator } from './deps';
import { databasePath } from './paths';
import { ConversationStore } from './store/ConversationStore';
import { MessageStore } from './store/MessageStore';
import { SettingsStore } from './store/SettingsStore';
import { APP_VERSION } from './version';

export interface SpoolCoreOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  clock?: Clock;
  newId?: IdGenerator;
  /** Reports bugs (unexpected errors); defaults to console.error. */
  onInternalError?: (err: unknown, where: string) => void;
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
  readonly info: AppInfo;
  readonly conversations: ConversationStore;
  readonly messages: MessageStore;
  readonly settings: SettingsStore;
  private readonly handlers: ApiHandlers;
  private readonly clients = new Map<string, { ctx: ApiContext; disposers: (() => void)[] }>();
  private readonly newId: IdGenerator;
  private closed = false;

  private constructor(
    private readonly options: SpoolCoreOptions,
    db: Database,
    schemaVersion: number,
    notices: Notice[],
  ) {
    this.db = db;
    const clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomId;
    this.conversations = new ConversationStore(db, clock, this.newId);
    this.messages = new MessageStore(db, clock, this.newId);
    this.settings = new SettingsStore(db);
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
    this.handlers = {
      'app.info': () => this.info,
      ...libraryHandlers({
        conversations: this.conversations,
        messages: this.messages,
        settings: this.settings,
        conversationsChanged: () =>
          this.broadcast('conversations.changed', { conversations: this.conversations.list() }),
        settingsChanged: (s) => setDurability(this.db, s.durability),
      }),
      ...streamHandlers(),
    };
  }

  /** Opens the library in `dataDir`. Throws DatabaseTooNewError / DatabaseLockedError. */
  static open(options: SpoolCoreOptions): SpoolCore {
    const opened = openDatabase({ file: databasePath(options.dataDir), now: options.clock?.now });
    const durability = new SettingsStore(opened.db).get().durability;
    setDurability(opened.db, durability);
    return new SpoolCore(options, opened.db, opened.schemaVersion, opened.notices);
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
    for (const id of [...this.clients.keys()]) this.disconnect(id);
    this.db.close();
  }

  private disconnect(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    this.clients.delete(clientId);
    for (const fn of client.disposers) fn();
  }

  private reportInternal(err: unknown, where: string): void {
    (this.options.onInternalError ?? ((e, w) => console.error(`[spool] internal error in ${w}:`, e)))(
      err,
      where,
    );
  }
}
