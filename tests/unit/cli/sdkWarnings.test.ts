/**
 * The AI SDK's console output never reaches a user: with an Anthropic model name the SDK
 * does not know, it warns (and, the first time, prints a line about turning warnings off).
 * `spool chat`'s stdout is exactly the reply; the warning goes to Spool's log, and to
 * stderr only with --verbose.
 */
import { describe, expect, it } from 'vitest';
import { spool, tempDir, useFakeProvider } from './helpers';

const fake = useFakeProvider();
const REPLY = 'Just the reply';
const args = () => [
  'chat',
  '--data-dir',
  tempDir(),
  '--provider',
  'anthropic',
  '--base-url',
  `${fake.url()}/v1`,
  '--model',
  `script:hello?text=${encodeURIComponent(REPLY)}`,
  'Hello',
];

describe('spool chat and the SDK’s warnings', () => {
  it('prints exactly the reply on stdout, and no SDK line on stdout or stderr', async () => {
    const run = await spool(args());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.toString('utf8').trim()).toBe(REPLY);
    expect(run.stdout.toString('utf8')).not.toMatch(/AI SDK/);
    expect(run.stderr).not.toMatch(/AI SDK/);
  });

  it('shows the SDK’s warning on stderr with --verbose, still not on stdout', async () => {
    const run = await spool([...args(), '--verbose']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.toString('utf8').trim()).toBe(REPLY);
    expect(run.stderr).toMatch(
      /AI SDK warning \(anthropic\.messages \/ script:hello.*\): compatibility: "maxOutputTokens"/,
    );
    expect(run.stderr).not.toMatch(/To turn off warning logging/);
  });
});
