import fs from 'node:fs';

/**
 * The reader of the file a core checked by SPOOL_CONTRACT_CHECK writes
 * (electron/core/api/contractCheckLog.ts): one JSON line per reply or event outside its
 * schema. Free of any test runner, so the Playwright fixtures and vitest share it.
 */
export function contractViolationsIn(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { violation: string }).violation);
}

/** Throws, listing every violation with its channel or event and its zod issues, if there were any. */
export function expectNoContractViolations(file: string): void {
  const found = contractViolationsIn(file);
  if (found.length === 0) return;
  throw new Error(
    `${found.length} of the replies and events Spool sent were outside their schema ` +
      `(SPOOL_CONTRACT_CHECK, ${file}):\n${found.join('\n')}`,
  );
}
