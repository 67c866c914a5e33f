import { z } from 'zod';
import { Empty } from './common';
import { SystemPrompt } from './conversations';
import { ModelPrice } from '../../cost';

export const Settings = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  /** 'strict' = synchronous=FULL: survives power loss, not only a crash. */
  durability: z.enum(['normal', 'strict']),
  /** How long raw chunk logs of finished streams are kept, in days. */
  retentionDays: z.number().int().min(1).max(3650),
  /** Keep each provider event as received, as `raw` chunks. */
  rawCapture: z.boolean(),
  /** The provider and model new conversations use; null = choose on first send. */
  defaultProviderId: z.string().min(1).nullable(),
  defaultModel: z.string().min(1).nullable(),
  /** A reply that sends nothing for this long before its first chunk fails (ms). */
  firstChunkTimeoutMs: z.number().int().min(1000).max(3_600_000),
  /** A reply that goes silent for this long mid-stream fails (ms). */
  idleTimeoutMs: z.number().int().min(1000).max(3_600_000),
  /** The system prompt of every conversation that has none of its own; '' = none. */
  defaultSystemPrompt: SystemPrompt,
  /** Name a conversation by asking its model after the first reply; false = its first message. */
  generateTitles: z.boolean(),
  /** Optional prices per model name, to turn a reply's tokens into a cost (shared/cost.ts). */
  modelPrices: z.array(ModelPrice).max(500),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  durability: 'normal',
  retentionDays: 30,
  rawCapture: true,
  defaultProviderId: null,
  defaultModel: null,
  firstChunkTimeoutMs: 180_000,
  idleTimeoutMs: 120_000,
  defaultSystemPrompt: '',
  generateTitles: true,
  modelPrices: [],
};

export const settingsCalls = {
  'settings.get': { request: Empty, reply: Settings },
  'settings.set': { request: z.object({ patch: Settings.partial().strict() }).strict(), reply: Settings },
} as const;
