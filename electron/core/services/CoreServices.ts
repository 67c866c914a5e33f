import type { Database } from 'better-sqlite3';
import type { Folder } from '../../../shared/api/schemas/folders';
import type { Preset } from '../../../shared/api/schemas/presets';
import type { AttachmentService } from '../attachments';
import type { AuditTrail } from '../audit';
import type { ChatService } from '../chat/ChatService';
import type { WalCheckpointer } from '../db/WalCheckpointer';
import type { RecentLog } from '../diagnostics';
import type { DraftWriter } from '../drafts';
import type { Exporter } from '../export';
import type { ImportService } from '../import';
import type { CommitRecorder } from '../library/CommitRecorder';
import type { ConversationDeltas } from '../library/conversationDeltas';
import type { ExternalChanges } from '../library/ExternalChanges';
import type { Library } from '../library/Library';
import type { ListAnnouncer } from '../library/ListAnnouncer';
import type { TitleService } from '../library/TitleService';
import type { VersionDeletion } from '../library/VersionDeletion';
import type { LocalModels } from '../local';
import type { PresetStore } from '../presets';
import type { ProviderRegistry } from '../providers';
import type { CounterLog } from '../stats';
import type { ConversationStore } from '../store/ConversationStore';
import type { ConversationPages } from '../store/conversationPages';
import type { FolderStore } from '../store/FolderStore';
import type { MessageStore } from '../store/MessageStore';
import type { SettingsStore } from '../store/SettingsStore';
import type { ChunkCompactor } from '../stream/ChunkCompactor';
import type { InstanceRegistry } from '../stream/InstanceRegistry';
import type { MessageWriter } from '../stream/MessageWriter';
import type { StreamEngine } from '../stream/StreamEngine';
import type { SyncService } from '../sync/SyncService';

/**
 * The core's services, as SpoolCore builds them (`buildServices.ts`) and the API
 * handlers are given them (`api/handlers/index.ts`). Defined here, below both, so
 * neither imports the other's module: the handler map never sees SpoolCore.
 */
export interface CoreServices {
  readonly db: Database;
  /** WAL checkpoints on a worker thread, never inside a commit (see db/WalCheckpointer.ts). */
  readonly checkpointer: WalCheckpointer;
  readonly conversations: ConversationStore;
  /** The list a page at a time (keyset, in the order of the sidebar). */
  readonly conversationPages: ConversationPages;
  readonly folders: FolderStore;
  readonly folderAnnouncer: ListAnnouncer<Folder>;
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
  /** `presets.changed` to every window, once per change whichever path made it. */
  /** `presets.changed` / `folders.changed` once per change, whichever path noticed it. */
  readonly presetAnnouncer: ListAnnouncer<Preset>;
  readonly audit: AuditTrail;
  /** Local counters (never sent anywhere): replays, storage failures, recoveries. */
  readonly counters: CounterLog;
  /** This process's recent log lines and internal errors, for "Report a problem" (redacted there). */
  readonly recentLog: RecentLog;
  /** Each stream's commit batches, for the inspector. */
  readonly commits: CommitRecorder;
}
