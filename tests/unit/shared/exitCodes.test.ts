/** One exit-code table for the CLI, the browser-mode host and the desktop app (shared/exitCodes.ts). */
import { expect, it } from 'vitest';
import { EXIT as CLI_EXIT } from '../../../electron/cli/exit';
import { EXIT } from '../../../shared/exitCodes';

it('gives every way to fail its own code', () => {
  const codes = Object.values(EXIT);
  expect(new Set(codes).size).toBe(codes.length);
});

it('keeps the codes scripts already rely on', () => {
  expect(EXIT).toMatchObject({
    ok: 0,
    providerError: 1,
    usage: 2,
    dbTooNew: 3,
    dbLocked: 4,
    unknownId: 5,
    noDatabase: 6,
    failed: 7,
    conflict: 8,
    badImport: 9,
    portTaken: 10,
    interrupted: 130,
    terminated: 143,
  });
});

it('is the very table the CLI exits with', () => {
  expect(CLI_EXIT).toBe(EXIT);
});
