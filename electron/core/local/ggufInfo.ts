/**
 * What a GGUF file is, read from its header only: the model is never loaded to show
 * its metadata. The header is parsed by Spool's own bounded reader (gguf/ggufHeader.ts)
 * in a worker with a heap limit and a deadline (files/boundedWorker.ts), after the
 * path is checked to be a regular file: a crafted header, a FIFO or a device named
 * *.gguf ends in a LocalModelError, never in a hang, a crash or gigabytes of memory.
 * The checks that turn a bad file into a clear error before anything tries to run it:
 * the 'GGUF' magic, a header whose counts and lengths the file cannot hold, and a file
 * shorter than its own tensor table says (a cut-off download).
 */
import path from 'node:path';
import type { LocalModel, LocalModelProblem } from '../../../shared/api/schemas/localModels';
import { ParseLimitError, runBounded, type Bounds } from '../files/boundedWorker';
import { assertRegularPath, FileCheckError } from '../files/regularFile';
import type { GgufHeader } from './gguf/ggufHeader';
import type { GgufWorkerReply } from './gguf/ggufHeaderWorker';

export class LocalModelError extends Error {
  constructor(
    readonly code: LocalModelProblem['code'],
    message: string,
  ) {
    super(message);
    this.name = 'LocalModelError';
  }
}

/** Generous for a real header (a 150k-token vocabulary is a few MB), far below harm. */
export const GGUF_CHECK_BOUNDS: Bounds = { timeoutMs: 30_000, maxHeapMb: 128 };

const WORKER = {
  built: new URL('./ggufHeaderWorker.js', import.meta.url),
  source: new URL('./gguf/ggufHeaderWorker.ts', import.meta.url),
};

const FILE_TYPE_PREFIX = /^(ALL_|MOSTLY_)/;

/** Checks the file and parses its header within bounds. Throws LocalModelError. */
export async function readGgufHeader(
  file: string,
  bounds: Bounds = GGUF_CHECK_BOUNDS,
): Promise<{ size: number; header: GgufHeader }> {
  const name = path.basename(file);
  try {
    assertRegularPath(file);
  } catch (err) {
    if (!(err instanceof FileCheckError)) throw err;
    throw new LocalModelError(err.problem === 'missing' ? 'missing' : 'unreadable', err.message);
  }
  let reply: GgufWorkerReply;
  try {
    reply = await runBounded<GgufWorkerReply>(WORKER, { file }, bounds);
  } catch (err) {
    if (!(err instanceof ParseLimitError)) throw err;
    throw new LocalModelError('malformed', `${name} could not be read as a GGUF model: ${err.message}.`);
  }
  if (reply.ok) return reply;
  switch (reply.code) {
    case 'not_gguf':
      throw new LocalModelError(
        'not_gguf',
        `${name} is not a GGUF model file (it does not start with "GGUF"). ` +
          'Spool runs llama.cpp GGUF files; convert or download the model as .gguf.',
      );
    case 'truncated':
      throw new LocalModelError(
        'truncated',
        `${name} has a broken or cut-off GGUF header: ${reply.message}.`,
      );
    case 'malformed':
      throw new LocalModelError('malformed', `${name} has a malformed GGUF header: ${reply.message}.`);
    default:
      throw new LocalModelError(reply.code, reply.message);
  }
}

/** Reads the header and describes the model. Throws LocalModelError for a bad file. */
export async function readLocalModelInfo(
  file: string,
  source: LocalModel['source'],
  id: string,
): Promise<LocalModel> {
  const { size: sizeBytes, header } = await readGgufHeader(file);
  if (header.expectedEnd > sizeBytes) {
    throw new LocalModelError(
      'truncated',
      `${path.basename(file)} is cut off: its tensors need ${header.expectedEnd} bytes but the file has ${sizeBytes}. ` +
        'Download it again (or resume the download).',
    );
  }
  const meta = header.metadata;
  const text = (key: string) => (typeof meta[key] === 'string' && meta[key] !== '' ? meta[key] : null);
  const architecture = text('general.architecture');
  const contextLength = architecture ? meta[`${architecture}.context_length`] : undefined;
  const template = text('tokenizer.chat_template');
  return {
    id,
    path: file,
    fileName: path.basename(file),
    sizeBytes,
    source,
    architecture,
    name: text('general.name'),
    parameters: header.tensorCount ? header.parameters : null,
    contextLength: toNumber(contextLength),
    quantisation: await quantisationOf(header),
    hasChatTemplate: template !== null && template.trim().length > 0,
  };
}

async function quantisationOf(header: GgufHeader): Promise<string | null> {
  const fileType = toNumber(header.metadata['general.file_type']);
  const types = Object.entries(header.elementsByType);
  if (fileType === null && types.length === 0) return null;
  // Only the enums' names: node-llama-cpp's own header reader is not used (it trusts the file).
  const { GgufFileType, GgmlType } = await import('node-llama-cpp');
  if (fileType !== null && GgufFileType[fileType])
    return GgufFileType[fileType].replace(FILE_TYPE_PREFIX, '');
  if (types.length === 0) return null;
  const dominant = Number(types.sort((a, b) => b[1] - a[1])[0]![0]);
  return GgmlType[dominant] ?? null;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= 0n)
    return Number(value);
  return null;
}
