export { AttachmentService, attachmentIdOf, fileAsText } from './AttachmentService';
export { AttachmentStore } from './AttachmentStore';
