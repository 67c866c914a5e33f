import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumProfileDir, removeCliProfile } from '../../../electron/main/chromiumProfile';
import { databasePath } from '../../../electron/core/paths';
import { makeTempDir } from '../../helpers/tempDir';

describe("Chromium's profile folder", () => {
  it('is a folder of its own inside the data folder, not beside spool.db', () => {
    const dataDir = path.join(os.tmpdir(), 'lib');
    const profile = chromiumProfileDir(dataDir);
    expect(path.dirname(profile)).toBe(dataDir);
    expect(profile).not.toBe(dataDir);
    expect(path.dirname(databasePath(dataDir))).not.toBe(profile);
  });
});

describe("the CLI's throwaway profile", () => {
  it('is deleted at exit', () => {
    const dir = makeTempDir('spool-cli-test-').dir;
    fs.writeFileSync(path.join(dir, 'Local State'), '{}');
    expect(removeCliProfile(dir)).toBe(true);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('is left behind, without an error, when Windows still holds a file in it (EBUSY)', () => {
    const busy = Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    const attempts: fs.RmOptions[] = [];
    const kept = removeCliProfile('C:\\Temp\\spool-cli-x', (_dir, options) => {
      attempts.push(options);
      throw busy;
    });
    expect(kept).toBe(false);
    // fs.rmSync retries EBUSY itself when asked to.
    expect(attempts[0]).toMatchObject({ recursive: true, force: true, maxRetries: 3 });
  });
});
