import type { z } from 'zod';
import { appCalls } from './schemas/app';
import { attachmentCalls } from './schemas/attachments';
import { chatCalls } from './schemas/chat';
import { conversationCalls } from './schemas/conversations';
import { diagnosticsCalls } from './schemas/diagnostics';
import { draftCalls } from './schemas/drafts';
import { exportCalls } from './schemas/export';
import { folderCalls } from './schemas/folders';
import { importCalls } from './schemas/import';
import { inspectorCalls } from './schemas/inspector';
import { libraryCalls } from './schemas/library';
import { localModelCalls } from './schemas/localModels';
import { presetCalls } from './schemas/presets';
import { messageCalls } from './schemas/messages';
import { providerCalls } from './schemas/providers';
import { settingsCalls } from './schemas/settings';
import { statsCalls } from './schemas/stats';
import { streamCalls } from './schemas/streams';
import { syncCalls } from './schemas/sync';

/** Every call the UI can make: channel name → request and reply schema. */
export const apiCalls = {
  ...appCalls,
  ...conversationCalls,
  ...messageCalls,
  ...settingsCalls,
  ...streamCalls,
  ...providerCalls,
  ...chatCalls,
  ...exportCalls,
  ...libraryCalls,
  ...inspectorCalls,
  ...localModelCalls,
  ...draftCalls,
  ...statsCalls,
  ...diagnosticsCalls,
  ...importCalls,
  ...folderCalls,
  ...attachmentCalls,
  ...presetCalls,
  ...syncCalls,
} as const;

export type ApiCalls = typeof apiCalls;
export type ApiChannel = keyof ApiCalls;
/** What the caller sends (before defaults are applied). */
export type ApiRequest<C extends ApiChannel> = z.input<ApiCalls[C]['request']>;
/** What a handler receives (after parsing). */
export type ApiParsedRequest<C extends ApiChannel> = z.output<ApiCalls[C]['request']>;
export type ApiReply<C extends ApiChannel> = z.output<ApiCalls[C]['reply']>;

export function isApiChannel(name: unknown): name is ApiChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiCalls, name);
}
