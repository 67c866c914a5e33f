import type { Message } from '../../../shared/api/schemas/messages';

/** A complete, parentless message with no answerer; override what a test is about. */
export function messageFixture(overrides: Partial<Message> & Pick<Message, 'id'>): Message {
  return {
    conversationId: 'c',
    role: 'assistant',
    parts: [],
    status: 'complete',
    error: null,
    createdAt: 1,
    updatedAt: 1,
    streamId: null,
    snapshotSeq: -1,
    unsaved: false,
    parentId: null,
    selectedAt: 1,
    providerId: null,
    providerName: null,
    model: null,
    usage: null,
    ...overrides,
  };
}
