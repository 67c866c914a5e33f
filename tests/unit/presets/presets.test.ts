import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { Preset } from '../../../shared/api/schemas/presets';
import { addProvider, useChatFixture } from '../chat/helpers';

const chat = useChatFixture({ provider: false });

const coder = {
  name: 'Coder',
  systemPrompt: 'Answer with code only.',
  providerId: null,
  model: null,
  params: { temperature: 0.2, maxOutputTokens: 400 },
};

describe('presets', () => {
  it('are listed by name once saved', async () => {
    await chat.t.ok('presets.save', { preset: { ...coder, name: 'Writer' } });
    await chat.t.ok('presets.save', { preset: coder });
    const { presets } = await chat.t.ok<{ presets: Preset[] }>('presets.list', {});
    expect(presets.map((p) => p.name)).toEqual(['Coder', 'Writer']);
    expect(presets[0]).toMatchObject({ systemPrompt: 'Answer with code only.', params: coder.params });
  });

  it('are edited in place and deleted', async () => {
    const saved = await chat.t.ok<Preset>('presets.save', { preset: coder });
    const edited = await chat.t.ok<Preset>('presets.save', {
      id: saved.id,
      preset: { ...coder, systemPrompt: 'Be terse.' },
    });
    expect(edited).toMatchObject({ id: saved.id, systemPrompt: 'Be terse.' });
    await chat.t.ok('presets.delete', { id: saved.id });
    expect((await chat.t.ok<{ presets: Preset[] }>('presets.list', {})).presets).toEqual([]);
  });

  it('refuse a second preset with the same name as a CONFLICT', async () => {
    await chat.t.ok('presets.save', { preset: coder });
    const again = await chat.t.call('presets.save', { preset: { ...coder, name: 'coder' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuse parameters out of range and a model without its provider', async () => {
    const hot = await chat.t.call('presets.save', { preset: { ...coder, params: { temperature: 3 } } });
    expect(hot).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const half = await chat.t.call('presets.save', { preset: { ...coder, model: 'gpt' } });
    expect(half).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('answer NOT_FOUND for a provider that does not exist', async () => {
    const result = await chat.t.call('presets.save', {
      preset: { ...coder, providerId: 'nope', model: 'm' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('copy their system prompt, parameters and model onto a conversation they are applied to', async () => {
    const providerId = await addProvider(chat.t, chat.fake.url);
    const saved = await chat.t.ok<Preset>('presets.save', {
      preset: { ...coder, providerId, model: 'script:hello' },
    });
    const conversation = await chat.t.ok<Conversation>('presets.apply', {
      id: saved.id,
      conversationId: chat.conversationId,
    });
    expect(conversation).toMatchObject({
      systemPrompt: 'Answer with code only.',
      params: coder.params,
      provider: providerId,
      model: 'script:hello',
    });
  });

  it('leave a conversation that used one as it was when the preset is edited later', async () => {
    const saved = await chat.t.ok<Preset>('presets.save', { preset: coder });
    await chat.t.ok('presets.apply', { id: saved.id, conversationId: chat.conversationId });
    await chat.t.ok('presets.save', { id: saved.id, preset: { ...coder, systemPrompt: 'Changed.' } });
    const list = await chat.t.ok<Conversation[]>('conversations.list', {});
    expect(list.find((c) => c.id === chat.conversationId)!.systemPrompt).toBe('Answer with code only.');
  });
});
