import type { Database } from 'better-sqlite3';
import type { RecoveryReport } from '../../../../shared/api/schemas/streams';
import { attachmentHandlers } from '../../attachments';
import { withRegenerateAudit } from '../../audit';
import type { Clock, IdGenerator } from '../../deps';
import { diagnosticsHandlers } from '../../diagnostics';
import { draftHandlers } from '../../drafts';
import { exportHandlers, StringSink } from '../../export';
import type { CommitRecorder } from '../../library/CommitRecorder';
import { localModelHandlers } from '../../local';
import { providerHandlers } from '../../providers';
import { setDurability } from '../../db/openDatabase';
import { presetHandlers } from '../../presets';
import { readStats, statsHandlers } from '../../stats';
import type { SpoolCore, SpoolCoreOptions } from '../../SpoolCore';
import type { ApiHandlers } from '../types';
import { chatHandlers } from './chat';
import { folderHandlers } from './folders';
import { syncHandlers } from './sync';
import { importHandlers } from './import';
import { libraryHandlers } from './library';
import { inspectorHandlers } from './libraryInspector';
import { streamHandlers } from './streams';
import { recoveredItemsReader } from '../../stream/recoveredItems';
import { streamStatusReader } from '../../stream/streamStatus';
import { versionHandlers } from './versions';
import { secretEnvValues } from '../../redact';

export interface HandlerContext {
  core: SpoolCore;
  /** The core's connection (not on SpoolCore's public surface). */
  db: Database;
  options: SpoolCoreOptions;
  clock: Clock;
  newId: IdGenerator;
  commits: CommitRecorder;
  /** The last recovery run of this process (§3.7). */
  recoveryReport(): RecoveryReport;
}

/**
 * The whole API: one handler per channel of shared/api/contract.ts, over the core's
 * services. The return type makes the compiler refuse a map with a channel missing.
 */
export function composeHandlers(ctx: HandlerContext): ApiHandlers {
  const { core } = ctx;
  return {
    'app.info': () => core.info,
    ...libraryHandlers({
      conversations: core.conversations,
      messages: core.messages,
      settings: core.settings,
      library: core.library,
      db: ctx.db,
      deltas: core.deltas,
      settingsChanged: (s) => setDurability(ctx.db, s.durability),
    }),
    ...folderHandlers({
      conversations: core.conversations,
      pages: core.conversationPages,
      folders: core.folders,
      deltas: core.deltas,
      foldersChanged: () => core.broadcast('folders.changed', { folders: core.folders.list() }),
    }),
    ...versionHandlers({
      chat: core.chat,
      messages: core.messages,
      deletion: core.versions,
      messagesChanged: (conversationId) => core.broadcast('messages.changed', { conversationId }),
    }),
    ...inspectorHandlers({
      db: ctx.db,
      messages: core.messages,
      commits: ctx.commits,
      now: ctx.clock.now,
      audit: (id) => core.audit.list(id),
      source: core.exporter.source,
    }),
    ...streamHandlers({
      engine: core.engine,
      newId: ctx.newId,
      recoveryReport: () => ctx.recoveryReport(),
      recoveredItems: recoveredItemsReader(ctx.db),
      streamStatus: streamStatusReader(ctx.db),
      replayServed: (chunks, ms) => {
        if (chunks > 0) core.counters.record('replay', null, chunks, Math.round(ms));
      },
    }),
    ...statsHandlers(ctx.db, ctx.clock.now),
    ...diagnosticsHandlers({
      db: ctx.db,
      dataDir: ctx.options.dataDir,
      ...(ctx.options.showInFolder ? { showInFolder: ctx.options.showInFolder } : {}),
      info: core.info,
      settings: () => core.settings.get(),
      providers: async () => (await core.providers.list()).providers,
      knownSecrets: async () => {
        const { providers } = await core.providers.list();
        const stored = await Promise.all(
          providers.map(async (p) => (await core.providers.resolve(p.id)).apiKey),
        );
        // The same rule as every log's redactor (core/redact), not one of its own.
        return [...stored, ...secretEnvValues(ctx.options.env ?? process.env)];
      },
      stats: (sinceMs) => readStats(ctx.db, ctx.clock.now(), sinceMs),
      recentLog: () => core.recentLog.all(),
      chunkLog: async (messageId) => {
        const sink = new StringSink();
        await core.exporter.write({ kind: 'message', messageId, format: 'jsonl' }, sink, undefined, 'report');
        return sink.text();
      },
      now: ctx.clock.now,
    }),
    ...providerHandlers(core.providers),
    ...localModelHandlers(core.local),
    ...draftHandlers(core.drafts),
    ...attachmentHandlers(core.attachments),
    ...syncHandlers(core.sync),
    ...presetHandlers({
      db: ctx.db,
      presets: core.presets,
      conversations: core.conversations,
      providers: core.providers,
      conversationChanged: (id) => core.deltas.changed(id),
    }),
    ...withRegenerateAudit(
      chatHandlers({
        chat: core.chat,
        conversationChanged: (id) => core.deltas.changed(id),
      }),
      core.audit,
    ),
    ...importHandlers(core.imports),
    ...exportHandlers({
      exporter: core.exporter,
      newId: ctx.newId,
      ...(ctx.options.chooseExportDestination
        ? { chooseDestination: ctx.options.chooseExportDestination }
        : {}),
    }),
  };
}
