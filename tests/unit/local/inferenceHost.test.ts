/**
 * Where node-llama-cpp runs: a worker thread under Node, the main thread inside Electron
 * (where its binary test-load can use utilityProcess instead of forking the app binary,
 * which the RunAsNode fuse forbids). The main-thread host runs here, under Node, with the
 * real 260K test model: the same protocol, the same words.
 */
import { describe, expect, it } from 'vitest';
import { chooseInferenceHost } from '../../../electron/core/local/inferenceHost';
import { LocalLlm, type LocalEvent } from '../../../electron/core/local/LocalLlm';
import { HAS_MODEL, ONCE_UPON_A_TIME, TEST_MODEL } from './model';

describe('chooseInferenceHost', () => {
  it('runs the model on the main thread inside Electron', () => {
    expect(chooseInferenceHost({ electron: '45.4.1' })).toBe('main-thread');
  });

  it('runs the model in a worker thread under Node (tests, browser mode, npx spool)', () => {
    expect(chooseInferenceHost({})).toBe('worker-thread');
    expect(new LocalLlm(1).host).toBe('worker-thread');
  });
});

function generate(llm: LocalLlm, maxTokens: number): Promise<LocalEvent[]> {
  return new Promise((resolve, reject) => {
    const events: LocalEvent[] = [];
    llm.generate(
      {
        modelPath: TEST_MODEL,
        threads: 1,
        messages: [{ role: 'user', text: 'Once upon a time' }],
        maxTokens,
        temperature: 0,
        contextSize: 512,
        batchMs: 0,
      },
      (event) => {
        events.push(event);
        if (event.type === 'done') resolve(events);
        if (event.type === 'failed') reject(new Error(event.message));
      },
    );
  });
}

describe.skipIf(!HAS_MODEL)('the main-thread host', () => {
  it('generates the model’s own words through the same protocol as the worker', async () => {
    const llm = new LocalLlm(1, 'main-thread');
    try {
      const events = await generate(llm, 20);
      expect(events[0]).toMatchObject({ type: 'started', prompt: { mode: 'completion' } });
      const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
      expect(ONCE_UPON_A_TIME.startsWith(text)).toBe(true);
      expect(text.length).toBeGreaterThan(20);
      expect(events.at(-1)).toMatchObject({ type: 'done', tokens: 20 });
    } finally {
      await llm.close();
    }
  }, 60_000);

  it('closes by disposing the model, leaving this thread (and process) running', async () => {
    const llm = new LocalLlm(1, 'main-thread');
    await generate(llm, 5);
    // Vitest fails the test if anything calls process.exit, as the worker's close path does.
    await llm.close();
    const afterClose = await new Promise<LocalEvent>((resolve) =>
      llm.generate(
        {
          modelPath: TEST_MODEL,
          threads: 1,
          messages: [],
          maxTokens: 1,
          temperature: 0,
          contextSize: 512,
          batchMs: 0,
        },
        resolve,
      ),
    );
    expect(afterClose).toEqual({ type: 'failed', message: 'Spool is shutting down.' });
  }, 60_000);
});
