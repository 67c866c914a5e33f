import { z } from 'zod';
import { Empty } from './common';

/**
 * Local models: GGUF files Spool runs in-process (node-llama-cpp), offline. A model's
 * id is its file name inside `<data dir>/models`, or the absolute path of a file
 * added from elsewhere ("Add GGUF file…", `--model-path`).
 */
export const LocalModel = z.object({
  id: z.string(),
  path: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** 'folder' = found in the models folder; 'added' = a file added by path. */
  source: z.enum(['folder', 'added']),
  /** general.architecture, e.g. "llama". */
  architecture: z.string().nullable(),
  name: z.string().nullable(),
  /** Weights counted from the tensor shapes. */
  parameters: z.number().int().nonnegative().nullable(),
  contextLength: z.number().int().nonnegative().nullable(),
  /** e.g. "Q4_K_M", or the tensors' type ("F32") when the file does not say. */
  quantisation: z.string().nullable(),
  /** false = a base model without a chat template: Spool uses plain completion. */
  hasChatTemplate: z.boolean(),
});
export type LocalModel = z.infer<typeof LocalModel>;

/** A file that is in the folder or the added list but cannot be used, and why. */
export const LocalModelProblem = z.object({
  path: z.string(),
  code: z.enum(['not_gguf', 'truncated', 'malformed', 'unreadable', 'missing']),
  message: z.string(),
});
export type LocalModelProblem = z.infer<typeof LocalModelProblem>;

export const DownloadState = z.enum(['downloading', 'paused', 'verifying', 'done', 'error']);
export type DownloadState = z.infer<typeof DownloadState>;

export const LocalDownload = z.object({
  id: z.string(),
  url: z.string(),
  fileName: z.string(),
  state: DownloadState,
  receivedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative().nullable(),
  sha256: z.string().nullable(),
  error: z.string().nullable(),
});
export type LocalDownload = z.infer<typeof LocalDownload>;

export const LocalModelList = z.object({
  modelsDir: z.string(),
  models: z.array(LocalModel),
  problems: z.array(LocalModelProblem),
  downloads: z.array(LocalDownload),
  /** Threads a reply uses (physical cores or fewer). */
  threads: z.number().int().positive(),
  /** The desktop app can show a file picker; browser mode asks for a path instead. */
  canPickFile: z.boolean(),
});
export type LocalModelList = z.infer<typeof LocalModelList>;

const Url = z
  .string()
  .trim()
  .max(4000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

const DownloadId = z.string().min(1).max(200);

export const localModelCalls = {
  /** Scans the models folder again and lists everything. */
  'localModels.list': { request: Empty, reply: LocalModelList },
  /** Adds a GGUF file by path (read in place, not copied). BAD_REQUEST for a non-GGUF or truncated file. */
  'localModels.add': {
    request: z.object({ path: z.string().trim().min(1).max(4000) }).strict(),
    reply: LocalModel,
  },
  /** Desktop: the OS file picker, then add. null = the user cancelled. CONFLICT in browser mode. */
  'localModels.pickFile': { request: Empty, reply: z.object({ model: LocalModel.nullable() }) },
  /** Forgets an added file; a file in the models folder is deleted. */
  'localModels.remove': {
    request: z.object({ id: z.string().min(1).max(4000) }).strict(),
    reply: LocalModelList,
  },
  'localModels.download': {
    request: z
      .object({
        url: Url,
        fileName: z
          .string()
          .trim()
          .max(200)
          // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
          .regex(/^[^/\\\u0000-\u001f\u007f]+\.gguf$/i, 'a file name ending in .gguf, without folders')
          .optional(),
        sha256: z
          .string()
          .trim()
          .regex(/^[0-9a-fA-F]{64}$/, '64 hex digits')
          .optional(),
      })
      .strict(),
    reply: LocalDownload,
  },
  'localModels.pauseDownload': { request: z.object({ id: DownloadId }).strict(), reply: LocalDownload },
  'localModels.resumeDownload': { request: z.object({ id: DownloadId }).strict(), reply: LocalDownload },
  'localModels.cancelDownload': {
    request: z.object({ id: DownloadId }).strict(),
    reply: z.object({ id: z.string() }),
  },
} as const;
