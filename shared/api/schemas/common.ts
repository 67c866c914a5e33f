import { z } from 'zod';

/** Ids are generated in the main process; the UI only echoes them back. */
export const Id = z.string().min(1).max(128);
export const Empty = z.object({}).strict();
/** Unix epoch milliseconds. */
export const Timestamp = z.number().int().nonnegative();
