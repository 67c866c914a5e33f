/**
 * Child process for hostileFiles.test.ts: checks every file named on the command line
 * and prints one JSON line with each outcome and this process's peak RSS.
 */
import { readLocalModelInfo } from '../../../electron/core/local/ggufInfo';

const outcomes: Record<string, string> = {};
for (const file of process.argv.slice(2)) {
  outcomes[file] = await readLocalModelInfo(file, 'added', file).then(
    () => 'ok',
    (err: Error & { code?: string }) => `${err.name}:${err.code ?? ''}`,
  );
}
console.log(JSON.stringify({ outcomes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
