import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOWLIST_FILE, judgeFindings, type SecurityFinding } from '../../../scripts/security-check.mjs';

/** The allowlist rules of `npm run test:security` (the scan itself runs in that script). */
const finding = (id: string, file: string): SecurityFinding => ({ id, file, line: 1, description: id });
const entry = (check: string, file: string, reason = 'a reason long enough to count') => ({
  check,
  file,
  reason,
});

describe('the Electronegativity allowlist', () => {
  it('passes when every finding is listed with a reason', () => {
    const verdict = judgeFindings([finding('SANDBOX_JS_CHECK', 'a.ts')], {
      findings: [entry('SANDBOX_JS_CHECK', 'a.ts')],
    });
    expect(verdict.ok).toBe(true);
  });

  it('fails on a finding that is not listed', () => {
    const verdict = judgeFindings([finding('NODE_INTEGRATION_JS_CHECK', 'b.ts')], { findings: [] });
    expect(verdict.ok).toBe(false);
    expect(verdict.unlisted.map((f) => f.id)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
  });

  it('fails on a listed finding in another file than the one allowlisted', () => {
    const verdict = judgeFindings([finding('SANDBOX_JS_CHECK', 'other.ts')], {
      findings: [entry('SANDBOX_JS_CHECK', 'a.ts')],
    });
    expect(verdict.unlisted).toHaveLength(1);
  });

  it('fails on an entry without a reason, which then covers nothing', () => {
    const verdict = judgeFindings([finding('SANDBOX_JS_CHECK', 'a.ts')], {
      findings: [entry('SANDBOX_JS_CHECK', 'a.ts', '')],
    });
    expect(verdict.withoutReason).toHaveLength(1);
    expect(verdict.unlisted).toHaveLength(1);
  });

  it('fails on an entry that matches no finding any more, so the list stays true', () => {
    const verdict = judgeFindings([], { findings: [entry('SANDBOX_JS_CHECK', 'a.ts')] });
    expect(verdict.stale).toHaveLength(1);
    expect(verdict.ok).toBe(false);
  });

  it('gives every entry and every excluded check in the real allowlist a reason', () => {
    const allowlist = JSON.parse(fs.readFileSync(ALLOWLIST_FILE, 'utf8')) as {
      findings: { reason: string }[];
      excludedChecks: { reason: string }[];
    };
    for (const item of [...allowlist.findings, ...allowlist.excludedChecks]) {
      expect(item.reason.length).toBeGreaterThan(20);
    }
  });
});
