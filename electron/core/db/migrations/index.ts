import { m001Initial } from './001-initial';
import { m002Providers } from './002-providers';
import { m003Search } from './003-search';
import { m004Library } from './004-library';
import { m005InstanceStartTime } from './005-instance-start-time';
import { m006Drafts } from './006-drafts';
import { m007AuditCounters } from './007-audit-counters';
import { m008MessageTree } from './008-message-tree';
import { m009RemovedStreams } from './009-removed-streams';
import { m010Imports } from './010-imports';
import { m011SearchWhenSettled } from './011-search-when-settled';
import { m012ChunkRowsByKey } from './012-chunk-rows-by-key';
import { m013SystemPrompt } from './013-system-prompt';
import { m014ReplyParams } from './014-reply-params';
import { m015ChunkBlocks } from './015-chunk-blocks';
import { m016Folders } from './016-folders';
import { m017Sync } from './017-sync';
import { m018Presets } from './018-presets';
import { m019Attachments } from './019-attachments';
import { m020SyncAttachmentsPresets } from './020-sync-attachments-presets';
import { m021RawDeltas } from './021-raw-deltas';

import type { Migration } from './Migration';

export type { Migration } from './Migration';

/** Append only. Never edit a migration that has shipped: add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  m001Initial,
  m002Providers,
  m003Search,
  m004Library,
  m005InstanceStartTime,
  m006Drafts,
  m007AuditCounters,
  m008MessageTree,
  m009RemovedStreams,
  m010Imports,
  m011SearchWhenSettled,
  m012ChunkRowsByKey,
  m013SystemPrompt,
  m014ReplyParams,
  m015ChunkBlocks,
  m016Folders,
  m017Sync,
  m018Presets,
  m019Attachments,
  m020SyncAttachmentsPresets,
  m021RawDeltas,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
