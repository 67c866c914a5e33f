import type { Database } from 'better-sqlite3';
import type { ApiEventName, ApiEvents } from '../../../shared/api/events';
import { AttachmentService } from '../attachments';
import { AuditTrail, recordExport } from '../audit';
import { ChatService } from '../chat/ChatService';
import type { WalCheckpointer } from '../db/WalCheckpointer';
import { randomId, systemClock, type IdGenerator } from '../deps';
import type { RecentLog } from '../diagnostics';
import { DraftStore, DraftWriter } from '../drafts';
import { Exporter } from '../export';
import { ImportService } from '../import';
import { CommitRecorder } from '../library/CommitRecorder';
import { conversationDeltas } from '../library/conversationDeltas';
import { ExternalChanges } from '../library/ExternalChanges';
import { Library } from '../library/Library';
import { ListAnnouncer } from '../library/ListAnnouncer';
import { TitleService } from '../library/TitleService';
import { VersionDeletion } from '../library/VersionDeletion';
import { LocalModels, tuningFromEnv } from '../local';
import { databasePath } from '../paths';
import { PresetStore } from '../presets';
import { ProviderRegistry, SqliteProviderStorage } from '../providers';
import { FileSecretStore } from '../secrets/FileSecretStore';
import type { SpoolCoreOptions } from '../SpoolCoreOptions';
import { CounterLog } from '../stats';
import { ConversationStore } from '../store/ConversationStore';
import { ConversationPages } from '../store/conversationPages';
import { FolderStore } from '../store/FolderStore';
import { messageQueries } from '../store/messageQueries';
import { MessageStore } from '../store/MessageStore';
import { SettingsStore } from '../store/SettingsStore';
import { ChunkCompactor } from '../stream/ChunkCompactor';
import { InstanceRegistry } from '../stream/InstanceRegistry';
import { MessageWriter } from '../stream/MessageWriter';
import { StreamEngine } from '../stream/StreamEngine';
import { SyncService } from '../sync/SyncService';
import { APP_VERSION } from '../version';
import type { CoreServices } from './CoreServices';

/**
 * The app's commit window (§3.2): a commit follows the previous one by at least 40 ms
 * unless 8 KiB are pending. Every commit appends whole pages to the WAL however few
 * bytes it adds, so at chat rates (a token every 20 ms) this is what keeps the bytes
 * written per token low; a chunk waits at most the window before it is committed and
 * delivered. The engine's own default is a commit every turn (engine benchmarks).
 */
export const CHAT_COMMIT_POLICY = { commitWindowMs: 40, commitBytes: 8192 } as const;

/** What the services tell the core they run in: events to every client, log lines, bugs. */
export interface ServiceHooks {
  newId: IdGenerator;
  /** Created first by the core: its log lines may come while the services are built. */
  recentLog: RecentLog;
  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
  log(line: string): void;
  reportInternal(err: unknown, where: string): void;
}

/**
 * Builds every store and service over an open database and wires them together (the
 * engine's listeners, the writer's live view). Starts nothing but what the mode asks
 * for: windows show other processes' writes and run sync; a CLI run does neither.
 */
export function buildServices(
  options: SpoolCoreOptions,
  db: Database,
  checkpointer: WalCheckpointer,
  hooks: ServiceHooks,
): CoreServices {
  const { newId, broadcast } = hooks;
  const clock = options.clock ?? systemClock;
  const onInternalError = (err: unknown, where: string) => hooks.reportInternal(err, where);
  const conversations = new ConversationStore(db, clock, newId);
  const deltas = conversationDeltas(conversations, (delta) => broadcast('conversations.delta', delta));
  const messages = new MessageStore(db, clock, newId);
  const settings = new SettingsStore(db);
  const instance = new InstanceRegistry(db, {
    id: options.instanceId ?? newId(),
    kind: options.mode,
    clock,
    heartbeatMs: options.heartbeatMs,
    staleMs: options.staleMs,
    onInternalError,
  });
  const engine = new StreamEngine({
    ...CHAT_COMMIT_POLICY,
    ...options.engine,
    db,
    owner: instance.id,
    observe: options.observe,
    clock,
    newId,
    onInternalError,
  });
  const writer = new MessageWriter({
    messages,
    clock,
    debounceMs: options.debounceMs,
    onUpdate: (message) => broadcast('message.updated', { message }),
    onInternalError,
  });
  engine.addListener(writer);
  messages.setLiveView(writer);
  const local = new LocalModels({
    dataDir: options.dataDir,
    tuning: options.local?.tuning ?? tuningFromEnv(options.env ?? process.env),
    ...(options.local?.chooseModelFile ? { chooseModelFile: options.local.chooseModelFile } : {}),
    onModelsChanged: () => broadcast('localModels.changed', {}),
    onDownloadsChanged: (downloads) => broadcast('localModels.downloads', { downloads }),
  });
  const secrets = options.secrets ?? FileSecretStore.inDataDir(options.dataDir);
  const providers = new ProviderRegistry({
    local,
    storage: new SqliteProviderStorage(db, clock),
    secrets,
    newId,
    ...(options.env ? { env: options.env } : {}),
  });
  const attachments = new AttachmentService(db, clock);
  const counters = new CounterLog(db, { clock, onInternalError });
  const chat = new ChatService({
    db,
    attachments,
    conversations,
    messages,
    settings,
    providers,
    engine,
    local: () => local.runtime(),
    // Each failed attempt a retry followed counts for its class, like the final one (issue 9).
    onProviderRetry: (code) => counters.record('provider_retry', code, 1),
    ...options.chat,
    onInternalError,
  });
  const library = new Library({
    db,
    conversations,
    clock,
    undoWindowMs: options.library?.undoWindowMs,
    stopReplies: (id) => chat.stopConversation(id),
    onInternalError,
  });
  const versions = new VersionDeletion({
    db,
    messages,
    clock,
    undoWindowMs: options.library?.undoWindowMs,
    isLive: (id) => chat.isLive(id),
    stopReplies: (ids) => chat.stopReplies(ids),
    onInternalError,
  });
  const titles = new TitleService({
    db,
    conversations,
    messages,
    providers,
    settings,
    askProvider: options.library?.askProviderForTitles,
    timeoutMs: options.library?.titleTimeoutMs,
    ...(options.chat?.fetch ? { fetch: options.chat.fetch } : {}),
    local: {
      runtime: () => local.runtime(),
      chats: (id) => local.list().models.some((m) => m.id === id && m.hasChatTemplate),
    },
    titled: (conversationId) => deltas.changed(conversationId),
    onInternalError,
  });
  engine.addListener(titles);
  const audit = new AuditTrail({ db, clock, onInternalError });
  engine.addListener(audit);
  engine.addListener(counters);
  const compactor = new ChunkCompactor({
    db,
    clock,
    // Tests read the chunk rows with plain SQL as their oracle: in 'test' mode compaction
    // runs only when a test or benchmark asks for it (options, or compactAll()).
    ...(options.compaction ?? (options.mode === 'test' ? { enabled: false } : {})),
    observe: options.observe,
    onInternalError,
  });
  engine.addListener(compactor);
  const commits = new CommitRecorder();
  engine.addListener(commits);
  const messageRows = messageQueries(db);
  const exporter = new Exporter(
    { db, conversations, messages, engine, now: clock.now, appVersion: APP_VERSION },
    (target, into) => recordExport(audit, target, (id) => messageRows.idsOf(id), into),
  );
  const imports = new ImportService({
    db,
    messages,
    clock,
    newId,
    dataDir: options.dataDir,
    ...(options.chooseImportFile ? { chooseFile: options.chooseImportFile } : {}),
    ...(options.importLimits ?? {}),
    onProgress: (progress) => broadcast('import.progress', progress),
    onConversationsChanged: () => deltas.reset(),
  });
  const presets = new PresetStore(db, clock, newId);
  const presetAnnouncer = new ListAnnouncer({
    list: () => presets.list(),
    announce: (list) => broadcast('presets.changed', { presets: list }),
  });
  const folders = new FolderStore(db, clock, newId);
  const folderAnnouncer = new ListAnnouncer({
    list: () => folders.list(),
    announce: (list) => broadcast('folders.changed', { folders: list }),
  });
  const externalChanges = new ExternalChanges({
    db,
    engine,
    messages,
    conversationChanged: (id) => deltas.changed(id),
    conversationsReset: () => deltas.reset(),
    messagesChanged: (conversationId) => broadcast('messages.changed', { conversationId }),
    messageUpdated: (message) => broadcast('message.updated', { message }),
    listsMayHaveChanged: () => {
      presetAnnouncer.announceIfChanged();
      folderAnnouncer.announceIfChanged();
    },
    onInternalError,
  });
  const sync = new SyncService({
    dbFile: databasePath(options.dataDir),
    secrets,
    newDeviceId: randomId,
    now: clock.now,
    onState: (state) => broadcast('sync.status', state),
    log: (line) => hooks.log(line),
  });
  // Windows show what other processes write, and sync runs where Settings set it up;
  // a CLI run has no window, and `spool sync` is its own command.
  if (options.mode === 'desktop' || options.mode === 'web') {
    externalChanges.start();
    void sync.start().catch((err: unknown) => hooks.reportInternal(err, 'sync start'));
  }
  return {
    db,
    checkpointer,
    conversations,
    conversationPages: new ConversationPages(db),
    folders,
    folderAnnouncer,
    deltas,
    messages,
    settings,
    instance,
    engine,
    writer,
    externalChanges,
    sync,
    compactor,
    providers,
    chat,
    exporter,
    local,
    imports,
    library,
    versions,
    titles,
    drafts: new DraftWriter({ store: new DraftStore(db), clock, onInternalError }),
    attachments,
    presets,
    presetAnnouncer,
    audit,
    counters,
    recentLog: hooks.recentLog,
    commits,
  };
}
