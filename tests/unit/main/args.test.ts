import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgs, parseMainArgs } from '../../../electron/main/args';

describe('main process arguments', () => {
  it('reads --data-dir among Electron and Chromium switches', () => {
    expect(parseMainArgs(['/opt/Spool/spool', '--no-sandbox', '--data-dir', 'lib']).dataDir).toBe(
      path.resolve('lib'),
    );
  });

  it('starts the desktop app when there is no --cli flag', () => {
    expect(cliArgs(['/opt/Spool/spool', '--data-dir', '/tmp/x'])).toBeNull();
  });

  it("hands everything after --cli to the command line, Chromium's switches before it stay out", () => {
    expect(
      cliArgs([
        '/opt/Spool/spool',
        '--ozone-platform=headless',
        '--cli',
        'list',
        '--json',
        '--data-dir',
        '/d',
      ]),
    ).toEqual(['list', '--json', '--data-dir', '/d']);
  });

  it("does not read the CLI's --data-dir as the desktop app's", () => {
    expect(parseMainArgs(['/opt/Spool/spool', '--cli', 'list', '--data-dir', '/d']).dataDir).toBeUndefined();
  });
});
