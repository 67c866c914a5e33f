import { describe, expect, it } from 'vitest';
import { assertApiEvent } from '../../../shared/api/eventSchemas';
import { checkReply } from '../../helpers/contractCheck';

describe('events are checked against their schemas', () => {
  it('accepts an event whose payload is inside its schema', () => {
    expect(() =>
      assertApiEvent({ name: 'messages.changed', payload: { conversationId: 'c1' } }),
    ).not.toThrow();
  });

  it('refuses a payload outside its schema, naming the event', () => {
    expect(() =>
      assertApiEvent({ name: 'stream.chunks', payload: { items: [{ streamId: 's', seq: -1, chunk: {} }] } }),
    ).toThrow(/stream\.chunks outside its schema/);
  });

  it('refuses an event name outside the contract', () => {
    expect(() => assertApiEvent({ name: 'stream.explode', payload: {} })).toThrow(/outside the contract/);
  });
});

describe('replies are checked against their schemas in test clients', () => {
  it('refuses data a handler returned outside its reply schema', () => {
    expect(() => checkReply('conversations.get', { ok: true, data: { id: 'c1' } })).toThrow(
      /conversations\.get outside its schema/,
    );
  });

  it('lets refusals through: they carry no data', () => {
    expect(() =>
      checkReply('conversations.get', { ok: false, error: { code: 'NOT_FOUND', message: 'no' } }),
    ).not.toThrow();
  });
});
