import { ATTACHMENT_URL_PREFIX } from '../../../../shared/api/schemas/attachments';
import type { MessagePart } from '../../../../shared/api/schemas/messages';
import { AttachmentChips, type ChipItem } from './AttachmentChips';

/** A sent message's attachments (its `file` parts name the library's copy by hash). */
export function MessageAttachments({ parts }: { parts: readonly MessagePart[] }) {
  const items: ChipItem[] = [];
  for (const p of parts) {
    if (p.type !== 'file' || !p.url.startsWith(ATTACHMENT_URL_PREFIX)) continue;
    items.push({
      id: p.url.slice(ATTACHMENT_URL_PREFIX.length),
      name: p.filename ?? 'attachment',
      mediaType: p.mediaType,
    });
  }
  return <AttachmentChips items={items} />;
}
