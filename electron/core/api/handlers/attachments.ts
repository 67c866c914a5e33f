import type { ApiHandlers } from '../types';
import type { AttachmentService } from '../../attachments/AttachmentService';

type AttachmentChannels =
  'attachments.add' | 'attachments.remove' | 'attachments.draft' | 'attachments.content';

/** The API calls of shared/api/schemas/attachments.ts. */
export function attachmentHandlers(service: AttachmentService): Pick<ApiHandlers, AttachmentChannels> {
  return {
    'attachments.add': ({ conversationId, name, dataBase64 }) =>
      service.add(conversationId, name, Buffer.from(dataBase64, 'base64')),
    'attachments.remove': ({ conversationId, attachmentId }) => {
      service.remove(conversationId, attachmentId);
      return {};
    },
    'attachments.draft': ({ conversationId }) => ({ attachments: service.draft(conversationId) }),
    'attachments.content': ({ id }) => service.content(id),
  };
}
