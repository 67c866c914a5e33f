/**
 * import: a synthetic 200 MB ChatGPT export (tests/helpers/syntheticExport.ts, written
 * into a temp dir at bench time) imported into a fresh library in a child process:
 * conversations/s and peak RSS growth. In the same run, for comparison: the streaming
 * parse alone (no database) and JSON.parse of the whole file (what streaming avoids).
 * The child imports through its typed client: `import.start`, then the last
 * `import.progress` event, as `spool import` does.
 *
 * SPOOL_BENCH_IMPORT_MB sets the export's size (default 200; a few MB checks the bench
 * runs, its figures are not the target's).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticExport } from '../tests/helpers/syntheticExport';
import { report } from './lib/results';
import { round } from './lib/setup';

const ROOT = path.resolve(import.meta.dirname, '..');
const TARGET_MB = Number(process.env.SPOOL_BENCH_IMPORT_MB ?? 200);
const TARGET_BYTES = TARGET_MB * 1024 * 1024;
const SHAPE = { turns: 5, textChars: 400 };

interface ChildResult {
  conversations: number;
  messages?: number;
  seconds: number;
  baselineRssMiB: number;
  peakRssMiB: number;
}

function child(mode: string, ...args: string[]): ChildResult {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'importChild.ts'), mode, ...args],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`import child (${mode}) failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildResult;
}

export async function run(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-bench-import-'));
  try {
    // Size one conversation, then write as many as make TARGET_MB.
    const probe = writeSyntheticExport(path.join(dir, 'probe.json'), { conversations: 100, ...SHAPE });
    const count = Math.round(TARGET_BYTES / (probe.bytes / 100));
    const synthetic = writeSyntheticExport(path.join(dir, 'conversations.json'), {
      conversations: count,
      ...SHAPE,
    });

    const imported = child('import', synthetic.file, path.join(dir, 'library'));
    if (imported.conversations !== synthetic.conversations || imported.messages !== synthetic.messages) {
      throw new Error(
        `imported ${imported.conversations}/${imported.messages}, expected ${synthetic.conversations}/${synthetic.messages}`,
      );
    }
    const parsed = child('parse', synthetic.file);
    const whole = child('json-parse', synthetic.file);
    const growth = (r: ChildResult) => round(r.peakRssMiB - r.baselineRssMiB, 1);
    const result = {
      fileMiB: round(synthetic.bytes / 1024 / 1024, 1),
      conversations: synthetic.conversations,
      messages: synthetic.messages,
      seconds: round(imported.seconds, 1),
      conversationsPerSec: round(imported.conversations / imported.seconds),
      messagesPerSec: round(synthetic.messages / imported.seconds),
      peakRssGrowthMiB: growth(imported),
      parseOnlyConversationsPerSec: round(parsed.conversations / parsed.seconds),
      parseOnlyPeakRssGrowthMiB: growth(parsed),
      jsonParsePeakRssGrowthMiB: growth(whole),
      jsonParseSeconds: round(whole.seconds, 1),
      method:
        `A synthetic ChatGPT conversations.json of ${synthetic.conversations} conversations (${SHAPE.turns} turns, ` +
        `the last answer regenerated: ${synthetic.messages / synthetic.conversations} messages each, about ` +
        `${SHAPE.textChars} characters per message) written to a temp dir, imported by a child process ` +
        '(--expose-gc) into a fresh library through its client (import.start, until its last ' +
        'import.progress event): one transaction per conversation, search index kept by triggers. ' +
        'Peak RSS growth = highest RSS sampled every 20 ms during the import − RSS after gc() with the ' +
        'library open. Same run, same file: the streaming parse alone (no database), and JSON.parse of the whole file read at once.',
    };
    return report('import', result, [
      {
        label: `peak RSS growth ≤ 200 MiB importing a ${TARGET_MB} MB export`,
        met: result.peakRssGrowthMiB <= 200,
      },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
