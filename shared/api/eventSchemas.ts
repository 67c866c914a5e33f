import { z } from 'zod';
import { Chunk } from '../chunks';
import type { ApiEventName, ApiEvents } from './events';
import { Id } from './schemas/common';
import { Conversation } from './schemas/conversations';
import { ExportProgress } from './schemas/export';
import { Folder } from './schemas/folders';
import { ImportProgress } from './schemas/import';
import { LocalDownload } from './schemas/localModels';
import { Message } from './schemas/messages';
import { Preset } from './schemas/presets';
import { SyncState } from './schemas/sync';

const ChunkItem = z.object({ streamId: Id, seq: z.number().int().nonnegative(), chunk: Chunk });

const RetryEvent = z.object({
  type: z.literal('retry'),
  retry: z.number().int(),
  maxRetries: z.number().int(),
  delayMs: z.number(),
  code: z.string(),
  errorText: z.string(),
});
/** A retry notice is checked field by field; other live events only need their `type`. */
const LiveEvent = z.union([RetryEvent, z.looseObject({ type: z.string().refine((t) => t !== 'retry') })]);

const ConversationDelta = z.discriminatedUnion('type', [
  z.object({ type: z.literal('upsert'), conversation: Conversation }),
  z.object({ type: z.literal('remove'), id: Id }),
  z.object({ type: z.literal('reset') }),
]);

/**
 * Every event's payload schema, as calls have theirs (shared/api/contract.ts). Main is the
 * only producer, so windows do not parse events on arrival; tests do, in their clients, so
 * a producer sending outside its schema fails them.
 */
export const apiEventSchemas = {
  'stream.chunks': z.object({
    items: z.array(ChunkItem),
    undurableFrom: z.record(z.string(), z.number().int()).optional(),
  }),
  'message.updated': z.object({ message: Message.omit({ parts: true }) }),
  'conversations.delta': ConversationDelta,
  'folders.changed': z.object({ folders: z.array(Folder) }),
  'presets.changed': z.object({ presets: z.array(Preset) }),
  'messages.changed': z.object({ conversationId: Id }),
  'stream.live': z.object({ streamId: Id, event: LiveEvent }),
  'export.progress': ExportProgress,
  'import.progress': ImportProgress,
  'sync.status': SyncState,
  'localModels.changed': z.object({}).strict(),
  'localModels.downloads': z.object({ downloads: z.array(LocalDownload) }),
} satisfies { [E in ApiEventName]: z.ZodType<ApiEvents[E], unknown> };

/** The compiler refuses an event name without a schema, and a schema for a name that is not an event. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyEventHasASchema: Exactly<keyof typeof apiEventSchemas, ApiEventName> = true;
void everyEventHasASchema;

/** Throws, naming the event and the problem, when a payload is outside its schema. */
export function assertApiEvent(event: { name: string; payload: unknown }): void {
  if (!Object.prototype.hasOwnProperty.call(apiEventSchemas, event.name)) {
    throw new Error(`Event outside the contract: ${JSON.stringify(event.name)}`);
  }
  const parsed = apiEventSchemas[event.name as ApiEventName].safeParse(event.payload);
  if (!parsed.success) {
    throw new Error(`Event ${event.name} outside its schema: ${z.prettifyError(parsed.error)}`);
  }
}
