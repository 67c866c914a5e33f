import type { ApiEventName, ApiEvents } from '../../../../shared/api/events';
import type { AppInfo } from '../../../../shared/api/schemas/app';
import type { RecoveryReport } from '../../../../shared/api/schemas/streams';
import type { Clock, IdGenerator } from '../../deps';
import type { ChooseDestination } from '../../export';
import type { Env } from '../../secrets/resolveApiKey';
import { applySettings, recordReplay, reportSources } from '../../services/coreReactions';
import type { CoreServices } from '../../services/CoreServices';
import { recentReplies } from '../../diagnostics/recentReplies';
import { inspectWithAudit } from '../../library/inspectWithAudit';
import { searchMessages } from '../../library/search';
import { applyPreset } from '../../presets/applyPreset';
import { readStats } from '../../stats/readStats';
import type { ApiHandlers } from '../types';
import { attachmentHandlers } from './attachments';
import { chatHandlers, withRegenerateAudit } from './chat';
import { diagnosticsHandlers } from './diagnostics';
import { draftHandlers } from './drafts';
import { exportHandlers } from './export';
import { folderHandlers } from './folders';
import { importHandlers } from './import';
import { libraryHandlers } from './library';
import { inspectorHandlers } from './libraryInspector';
import { localModelHandlers } from './localModels';
import { presetHandlers } from './presets';
import { providerHandlers } from './providers';
import { statsHandlers } from './stats';
import { streamHandlers } from './streams';
import { syncHandlers } from './sync';
import { recoveredItemsReader } from '../../stream/recoveredItems';
import { streamStatusReader } from '../../stream/streamStatus';
import { versionHandlers } from './versions';

/** What the handler map is built over: the services, and what the shell running the core passed in. */
export interface HandlerContext {
  services: CoreServices;
  info: AppInfo;
  dataDir: string;
  env?: Env;
  clock: Clock;
  newId: IdGenerator;
  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
  /** The last recovery run of this process (§3.7). */
  recoveryReport(): RecoveryReport;
  /** Desktop: opens the OS file manager on a file. */
  showInFolder?(file: string): void;
  /** Desktop: the OS save dialog. */
  chooseExportDestination?: ChooseDestination;
}

/**
 * The whole API: one handler per channel of shared/api/contract.ts, over the core's
 * services. The return type makes the compiler refuse a map with a channel missing.
 * Only wiring here: what a call does lives in the services and `services/coreReactions.ts`.
 */
export function composeHandlers(ctx: HandlerContext): ApiHandlers {
  const { services: s, broadcast } = ctx;
  return {
    'app.info': () => ctx.info,
    ...libraryHandlers({
      conversations: s.conversations,
      messages: s.messages,
      settings: s.settings,
      library: s.library,
      search: (query, limit) => searchMessages(s.db, query, limit),
      deltas: s.deltas,
      settingsChanged: (settings) => applySettings(s, settings),
    }),
    ...folderHandlers({
      conversations: s.conversations,
      pages: s.conversationPages,
      folders: s.folders,
      deltas: s.deltas,
      foldersChanged: () => s.folderAnnouncer.announceIfChanged(),
    }),
    ...versionHandlers({
      chat: s.chat,
      messages: s.messages,
      deletion: s.versions,
      messagesChanged: (conversationId) => broadcast('messages.changed', { conversationId }),
    }),
    ...inspectorHandlers({
      inspect: (messageId) =>
        inspectWithAudit(
          {
            db: s.db,
            messages: s.messages,
            commits: s.commits,
            now: ctx.clock.now,
            audit: (id) => s.audit.list(id),
          },
          messageId,
        ),
      usageOf: (id) => s.messages.findStored(id)?.usage ?? null,
      source: s.exporter.source,
    }),
    ...streamHandlers({
      engine: s.engine,
      newId: ctx.newId,
      recoveryReport: () => ctx.recoveryReport(),
      recoveredItems: recoveredItemsReader(s.db),
      streamStatus: streamStatusReader(s.db),
      replayServed: (chunks, ms) => recordReplay(s, chunks, ms),
    }),
    ...statsHandlers((sinceMs) => readStats(s.db, ctx.clock.now(), sinceMs)),
    ...diagnosticsHandlers({
      recentReplies: (limit) => recentReplies(s.db, limit),
      ...reportSources(s, { dataDir: ctx.dataDir, info: ctx.info, now: ctx.clock.now, env: ctx.env }),
      ...(ctx.showInFolder ? { showInFolder: ctx.showInFolder } : {}),
    }),
    ...providerHandlers(s.providers),
    ...localModelHandlers(s.local),
    ...draftHandlers(s.drafts),
    ...attachmentHandlers(s.attachments),
    ...syncHandlers(s.sync),
    ...presetHandlers({
      presets: s.presets,
      providers: s.providers,
      apply: (presetId, conversationId) => applyPreset(s, presetId, conversationId),
      conversationChanged: (id) => s.deltas.changed(id),
      presetsChanged: () => s.presetAnnouncer.announceIfChanged(),
    }),
    ...withRegenerateAudit(
      chatHandlers({ chat: s.chat, conversationChanged: (id) => s.deltas.changed(id) }),
      s.audit,
    ),
    ...importHandlers(s.imports),
    ...exportHandlers({
      exporter: s.exporter,
      newId: ctx.newId,
      ...(ctx.chooseExportDestination ? { chooseDestination: ctx.chooseExportDestination } : {}),
    }),
  };
}
