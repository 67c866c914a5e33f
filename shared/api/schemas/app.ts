import { z } from 'zod';
import { Empty } from './common';

/** Something the user must be told at start-up, e.g. a corrupt database moved aside. */
export const Notice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
});
export type Notice = z.infer<typeof Notice>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'web', 'cli', 'test']),
  platform: z.string(),
  dataDir: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  notices: z.array(Notice),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCalls = {
  'app.info': { request: Empty, reply: AppInfo },
} as const;
