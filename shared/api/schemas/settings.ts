import { z } from 'zod';
import { Empty } from './common';

export const Settings = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  /** 'strict' = synchronous=FULL: survives power loss, not only a crash. */
  durability: z.enum(['normal', 'strict']),
  /** How long raw chunk logs of finished streams are kept, in days. */
  retentionDays: z.number().int().min(1).max(3650),
  /** Keep each provider event as received, as `raw` chunks. */
  rawCapture: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  durability: 'normal',
  retentionDays: 30,
  rawCapture: true,
};

export const settingsCalls = {
  'settings.get': { request: Empty, reply: Settings },
  'settings.set': { request: z.object({ patch: Settings.partial().strict() }).strict(), reply: Settings },
} as const;
