import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/api/schemas/messages';
import type { ProviderInfo } from '../../../shared/api/schemas/providers';
import { upsertMessage } from '../../../renderer/src/stores/messages';
import { effectiveModel, modelsOf, sharedModelNames } from '../../../renderer/src/stores/modelChoice';
import { messageFixture } from './messageFixture';

const provider = (id: string, defaultModel?: string, models?: string[]): ProviderInfo => ({
  id,
  kind: 'openai-compatible',
  name: id,
  baseUrl: 'http://127.0.0.1:1/v1',
  keySource: 'none',
  ...(defaultModel ? { defaultModel } : {}),
  ...(models ? { models } : {}),
});
const noDefaults = { defaultProviderId: null, defaultModel: null };

describe('effectiveModel', () => {
  it('uses the conversation’s own model when its provider still exists', () => {
    const choice = effectiveModel({ provider: 'b', model: 'm2' }, noDefaults, [
      provider('a', 'm1'),
      provider('b'),
    ]);
    expect(choice).toEqual({ providerId: 'b', model: 'm2' });
  });

  it('falls back to the app default, then to the first provider with a model', () => {
    const providers = [provider('a'), provider('b', 'mb')];
    expect(effectiveModel(null, { defaultProviderId: 'a', defaultModel: 'x' }, providers)).toEqual({
      providerId: 'a',
      model: 'x',
    });
    expect(effectiveModel({ provider: 'gone', model: 'm' }, noDefaults, providers)).toEqual({
      providerId: 'b',
      model: 'mb',
    });
  });

  it('is null when no provider is configured', () => {
    expect(effectiveModel(null, noDefaults, [])).toBeNull();
  });
});

describe('modelsOf', () => {
  it('offers the live listing with the default model first and no duplicates', () => {
    const p = provider('a', 'm2', ['pinned']);
    expect(modelsOf(p, { status: 'ok', models: ['m1', 'm2'] })).toEqual(['m2', 'm1']);
    expect(modelsOf(p, undefined)).toEqual(['m2', 'pinned']);
  });
});

describe('sharedModelNames', () => {
  it('names the models more than one provider offers, and no other', () => {
    const local = provider('local', 'llama3', ['qwen']);
    const cloud = provider('cloud', 'gpt-4o', ['llama3']);
    expect([...sharedModelNames([local, cloud], {})]).toEqual(['llama3']);
  });

  it('counts a provider once even when its listing repeats its default model', () => {
    const only = provider('a', 'm1');
    expect(sharedModelNames([only], { a: { status: 'ok', models: ['m1', 'm1'] } }).size).toBe(0);
  });
});

describe('upsertMessage on a creation-time tie', () => {
  const message = (id: string, role: Message['role']): Message =>
    messageFixture({ id, role, createdAt: 5, updatedAt: 5 });

  it('puts a user message before the reply started with it, whichever arrives first', () => {
    const list = upsertMessage([message('reply', 'assistant')], message('question', 'user'));
    expect(list.map((m) => m.id)).toEqual(['question', 'reply']);
  });
});
