/**
 * What a GGUF file is, read from its header only (node-llama-cpp's readGgufFileInfo):
 * the model is never loaded to show its metadata. Also the two checks that turn a
 * bad file into a clear error before anything tries to run it: the 'GGUF' magic,
 * and a file shorter than its own tensor table says (a cut-off download).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LocalModel, LocalModelProblem } from '../../../shared/api/schemas/localModels';

export const GGUF_MAGIC = 'GGUF';

export class LocalModelError extends Error {
  constructor(
    readonly code: LocalModelProblem['code'],
    message: string,
  ) {
    super(message);
    this.name = 'LocalModelError';
  }
}

/** Bytes per block and elements per block of the common ggml tensor types (for the file's expected end). */
const BLOCK: Record<number, [bytes: number, elements: number]> = {
  0: [4, 1], // F32
  1: [2, 1], // F16
  2: [18, 32], // Q4_0
  3: [20, 32], // Q4_1
  6: [22, 32], // Q5_0
  7: [24, 32], // Q5_1
  8: [34, 32], // Q8_0
  10: [84, 256], // Q2_K
  11: [110, 256], // Q3_K
  12: [144, 256], // Q4_K
  13: [176, 256], // Q5_K
  14: [210, 256], // Q6_K
  15: [292, 256], // Q8_K
  30: [2, 1], // BF16
};

const FILE_TYPE_PREFIX = /^(ALL_|MOSTLY_)/;

/** Reads the first bytes: a file that is not GGUF fails here with a message that says so. */
export async function assertGgufMagic(file: string): Promise<number> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LocalModelError(
      code === 'ENOENT' ? 'missing' : 'unreadable',
      code === 'ENOENT' ? `No file at ${file}.` : `Cannot read ${file}: ${(err as Error).message}`,
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new LocalModelError('unreadable', `${file} is not a file.`);
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead < 4 || head.toString('latin1') !== GGUF_MAGIC) {
      throw new LocalModelError(
        'not_gguf',
        `${path.basename(file)} is not a GGUF model file (it does not start with "GGUF"). ` +
          'Spool runs llama.cpp GGUF files; convert or download the model as .gguf.',
      );
    }
    return stat.size;
  } finally {
    await handle.close();
  }
}

function product(dims: readonly (number | bigint)[]): number {
  return dims.reduce<number>((n, d) => n * Number(d), 1);
}

/** Reads the header and describes the model. Throws LocalModelError for a bad file. */
export async function readLocalModelInfo(
  file: string,
  source: LocalModel['source'],
  id: string,
): Promise<LocalModel> {
  const sizeBytes = await assertGgufMagic(file);
  const { readGgufFileInfo, GgufFileType } = await import('node-llama-cpp');
  let info;
  try {
    info = await readGgufFileInfo(file, { readTensorInfo: true, logWarnings: false });
  } catch (err) {
    throw new LocalModelError(
      'truncated',
      `${path.basename(file)} has a broken or cut-off GGUF header: ${(err as Error).message}`,
    );
  }
  const tensors = info.fullTensorInfo ?? info.tensorInfo ?? [];
  let expectedEnd = 0;
  const typeCounts = new Map<number, number>();
  let parameters = 0;
  for (const t of tensors) {
    const elements = product(t.dimensions);
    parameters += elements;
    typeCounts.set(t.ggmlType, (typeCounts.get(t.ggmlType) ?? 0) + elements);
    const [bytes, per] = BLOCK[t.ggmlType] ?? [0, 1];
    expectedEnd = Math.max(expectedEnd, Number(t.fileOffset) + Math.ceil(elements / per) * bytes);
  }
  if (expectedEnd > sizeBytes) {
    throw new LocalModelError(
      'truncated',
      `${path.basename(file)} is cut off: its tensors need ${expectedEnd} bytes but the file has ${sizeBytes}. ` +
        'Download it again (or resume the download).',
    );
  }
  const general = info.metadata.general ?? {};
  const arch = info.architectureMetadata as { context_length?: number } | undefined;
  const fileType = (general as { file_type?: number }).file_type;
  let quantisation: string | null = null;
  if (fileType !== undefined && GgufFileType[fileType]) {
    quantisation = GgufFileType[fileType].replace(FILE_TYPE_PREFIX, '');
  } else if (typeCounts.size > 0) {
    const { GgmlType } = await import('node-llama-cpp');
    const dominant = [...typeCounts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    quantisation = GgmlType[dominant] ?? null;
  }
  const template = (info.metadata.tokenizer as { chat_template?: unknown } | undefined)?.chat_template;
  return {
    id,
    path: file,
    fileName: path.basename(file),
    sizeBytes,
    source,
    architecture: typeof general.architecture === 'string' ? general.architecture : null,
    name: typeof general.name === 'string' ? general.name : null,
    parameters: tensors.length ? parameters : null,
    contextLength: typeof arch?.context_length === 'number' ? arch.context_length : null,
    quantisation,
    hasChatTemplate: typeof template === 'string' && template.trim().length > 0,
  };
}
