import { describe, expect, it } from 'vitest';
import { chooseModel, type ChooseModelInput } from '../../../electron/core/chat/chooseModel';
import { ApiFailure } from '../../../shared/api/result';
import type { ProviderConfig } from '../../../shared/api/schemas/providers';

const provider = (id: string, extra: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id,
  kind: 'openai-compatible',
  name: `Provider ${id}`,
  baseUrl: 'http://127.0.0.1:1/v1',
  ...extra,
});
const A = provider('a', { defaultModel: 'a-default', models: ['a-first'] });
const B = provider('b', { models: ['b-first', 'b-second'] });
const none = { providerId: null, model: null };
const noDefaults = { defaultProviderId: null, defaultModel: null };

function choose(input: Partial<ChooseModelInput>) {
  const { config, model } = chooseModel({
    providers: [A, B],
    conversation: none,
    settings: noDefaults,
    ...input,
  });
  return [config.id, model];
}

function failure(input: Partial<ChooseModelInput>): ApiFailure {
  try {
    choose(input);
  } catch (err) {
    if (err instanceof ApiFailure) return err;
    throw err;
  }
  throw new Error('expected an ApiFailure');
}

describe('chooseModel', () => {
  it('takes the provider and model named in the request first', () => {
    expect(
      choose({ request: { providerId: 'b', model: 'x' }, conversation: { providerId: 'a', model: 'y' } }),
    ).toEqual(['b', 'x']);
  });

  it('uses the requested provider with its default model, or its first listed one', () => {
    expect(choose({ request: { providerId: 'a' } })).toEqual(['a', 'a-default']);
    expect(choose({ request: { providerId: 'b' } })).toEqual(['b', 'b-first']);
  });

  it('applies a requested model to the provider a later rule chose', () => {
    expect(choose({ request: { model: 'x' }, conversation: { providerId: 'b', model: 'y' } })).toEqual([
      'b',
      'x',
    ]);
  });

  it('prefers what wrote the reply being continued over the conversation', () => {
    expect(
      choose({
        previous: { providerId: 'b', model: 'old' },
        conversation: { providerId: 'a', model: 'new' },
      }),
    ).toEqual(['b', 'old']);
  });

  it('uses the conversation, then the settings defaults', () => {
    expect(choose({ conversation: { providerId: 'b', model: 'b-second' } })).toEqual(['b', 'b-second']);
    expect(choose({ settings: { defaultProviderId: 'b', defaultModel: 'm' } })).toEqual(['b', 'm']);
  });

  it('falls through a provider that was deleted since', () => {
    expect(
      choose({
        conversation: { providerId: 'gone', model: 'm' },
        settings: { defaultProviderId: 'a', defaultModel: null },
      }),
    ).toEqual(['a', 'a-default']);
  });

  it('uses the only configured provider when nothing else chooses', () => {
    expect(choose({ providers: [B] })).toEqual(['b', 'b-first']);
  });

  it('answers NOT_FOUND for a requested provider that does not exist', () => {
    expect(failure({ request: { providerId: 'gone' } }).code).toBe('NOT_FOUND');
  });

  it('answers CONFLICT saying to add a provider when there is none', () => {
    const err = failure({ providers: [] });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/No provider is set up yet/);
  });

  it('answers CONFLICT when several providers exist and none is chosen', () => {
    expect(failure({}).message).toMatch(/none is chosen/);
  });

  it('answers CONFLICT when the chosen provider has no model to use', () => {
    const err = failure({ providers: [provider('bare')] });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/has no model chosen/);
  });
});
