import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../../shared/api/schemas/providers';
import { chooseModel } from '../../../electron/core/chat/chooseModel';

const local: ProviderConfig = {
  id: 'local',
  kind: 'local',
  name: 'Local models',
  baseUrl: 'file:///data/models',
  models: ['a.gguf', 'b.gguf'],
  defaultModel: 'a.gguf',
};
const http: ProviderConfig = {
  id: 'p1',
  kind: 'openai-compatible',
  name: 'P',
  baseUrl: 'http://x/v1',
  defaultModel: 'm',
};
const none = { providerId: null, model: null };
const settings = { defaultProviderId: null, defaultModel: null };

describe('choosing a local model', () => {
  it('with no provider configured, a present local model is the default', () => {
    expect(chooseModel({ providers: [local], conversation: none, settings })).toEqual({
      config: local,
      model: 'a.gguf',
    });
  });

  it('one configured provider still wins over local models', () => {
    expect(chooseModel({ providers: [http, local], conversation: none, settings }).config.id).toBe('p1');
  });

  it('a conversation that used a local model keeps using it', () => {
    const conversation = { providerId: 'local', model: 'b.gguf' };
    expect(chooseModel({ providers: [http, local], conversation, settings })).toEqual({
      config: local,
      model: 'b.gguf',
    });
  });

  it('with nothing at all, the error names local models as a way out', () => {
    expect(() => chooseModel({ providers: [], conversation: none, settings })).toThrow(/Local models/);
  });
});
