import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { PNG_1X1 } from '../../helpers/attachmentFiles';
import { spool, tempDir, useFakeProvider } from './helpers';

const fake = useFakeProvider();

type Body = { messages: { role: string; content: unknown }[] };
const bodyFor = (model: string) =>
  fake
    .fake()
    .requests.filter((r) => r.model === model)
    .at(-1)?.body as Body | undefined;

describe('spool chat --attach', () => {
  test('sends each attached file with the prompt: an image as base64, a text file as its text', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'dot.png'), PNG_1X1);
    fs.writeFileSync(path.join(dir, 'notes.md'), 'Remember the milk.');
    const model = 'script:hello?tokens=2&attach=1';
    const run = await spool([
      'chat',
      '--data-dir',
      path.join(dir, 'data'),
      ...fake.chatArgs(model),
      '--attach',
      path.join(dir, 'dot.png'),
      '--attach',
      path.join(dir, 'notes.md'),
      'What are these?',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sent = JSON.stringify(bodyFor(model)!.messages.at(-1)!.content);
    expect(sent).toContain(`data:image/png;base64,${PNG_1X1.toString('base64')}`);
    expect(sent).toContain('Remember the milk.');
  });

  test('refuses a file that is not there with exit 2 and sends nothing', async () => {
    const dir = tempDir();
    const model = 'script:hello?attach=2';
    const run = await spool([
      'chat',
      '--data-dir',
      dir,
      ...fake.chatArgs(model),
      '--attach',
      path.join(dir, 'gone.png'),
      'hi',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--attach .*gone.png: no such file/);
    expect(bodyFor(model)).toBeUndefined();
  });

  test('refuses a .png that is not a PNG with exit 2 and sends nothing', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'fake.png'), 'just text');
    const model = 'script:hello?attach=3';
    const run = await spool([
      'chat',
      '--data-dir',
      path.join(dir, 'data'),
      ...fake.chatArgs(model),
      '--attach',
      path.join(dir, 'fake.png'),
      'hi',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fake.png is not a PNG image/);
    expect(bodyFor(model)).toBeUndefined();
  });

  test('sends files alone when there is no prompt, and names the chat after them', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'receipt.png'), PNG_1X1);
    const model = 'script:hello?tokens=2&attach=4';
    const data = path.join(dir, 'data');
    const run = await spool([
      'chat',
      '--data-dir',
      data,
      ...fake.chatArgs(model),
      '--attach',
      path.join(dir, 'receipt.png'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const user = bodyFor(model)!.messages.at(-1)!;
    expect(user.content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1.toString('base64')}` } },
    ]);
    const list = await spool(['list', '--data-dir', data]);
    expect(list.stdout.toString()).toContain('receipt.png');
  });

  test('still refuses an empty prompt with no file, with exit 2', async () => {
    const dir = tempDir();
    const run = await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello?attach=5'), '   ']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the prompt is empty/);
  });

  test('at a terminal, files alone are sent without waiting for a prompt on stdin', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'receipt.png'), PNG_1X1);
    const model = 'script:hello?tokens=2&attach=6';
    // A terminal that never sends anything: reading it would hang the test.
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const out: Buffer[] = [];
    const stdout = new PassThrough().on('data', (b: Buffer) => out.push(b));
    const stderr = new PassThrough();
    const argv = [
      'chat',
      '--data-dir',
      path.join(dir, 'data'),
      ...fake.chatArgs(model),
      '-a',
      path.join(dir, 'receipt.png'),
    ];
    const code = await runCli(argv, { stdin, stdout, stderr, env: {}, signal: new AbortController().signal });
    expect(code).toBe(0);
    expect(bodyFor(model)!.messages.at(-1)!.content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1.toString('base64')}` } },
    ]);
    expect(Buffer.concat(out).toString()).not.toBe('');
  });
});
