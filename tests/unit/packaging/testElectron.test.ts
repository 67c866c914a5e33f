import { describe, expect, it } from 'vitest';
import { displayPlan } from '../../../scripts/test-electron.mjs';
import { packageJson } from './builderInternals';

/** `npm run test:electron` on CI: where it needs a virtual display. */
const linuxCi = { platform: 'linux' as const, env: {}, binaryFound: true, hasXvfbRun: true };

describe('npm run test:electron', () => {
  it('is the runner script', () => {
    expect((packageJson.scripts as Record<string, string>)['test:electron']).toBe(
      'node scripts/test-electron.mjs',
    );
  });

  it('runs the specs under xvfb-run on Linux without a display', () => {
    expect(displayPlan(linuxCi)).toEqual({ wrap: 'xvfb-run' });
  });

  it('runs them directly where there is a display, and on macOS and Windows', () => {
    expect(displayPlan({ ...linuxCi, env: { DISPLAY: ':0' } })).toEqual({ wrap: 'none' });
    expect(displayPlan({ ...linuxCi, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toEqual({ wrap: 'none' });
    expect(displayPlan({ ...linuxCi, platform: 'darwin' })).toEqual({ wrap: 'none' });
    expect(displayPlan({ ...linuxCi, platform: 'win32' })).toEqual({ wrap: 'none' });
  });

  it('needs no display where the binary is absent (every spec skips)', () => {
    expect(displayPlan({ ...linuxCi, binaryFound: false, hasXvfbRun: false })).toEqual({ wrap: 'none' });
  });

  it('fails saying what to install when Linux has neither a display nor xvfb-run', () => {
    const plan = displayPlan({ ...linuxCi, hasXvfbRun: false });
    expect(plan).toMatchObject({ wrap: 'fail', why: expect.stringContaining('xvfb') });
  });
});
