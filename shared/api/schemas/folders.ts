import { z } from 'zod';
import { Id, Timestamp } from './common';

/** A folder of conversations, one level: a conversation is in one folder or in none. */
export const Folder = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Folder = z.infer<typeof Folder>;

const FolderName = z.string().trim().min(1, 'a folder name must not be empty').max(200);

export const folderCalls = {
  /** Every folder, by name. */
  'folders.list': { request: z.object({}).strict(), reply: z.array(Folder) },
  'folders.create': { request: z.object({ name: FolderName }).strict(), reply: Folder },
  'folders.rename': { request: z.object({ id: Id, name: FolderName }).strict(), reply: Folder },
  /** Its conversations stay, in no folder. */
  'folders.delete': { request: z.object({ id: Id }).strict(), reply: z.object({ id: Id }) },
} as const;
