import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/context';
import { Icon } from '../icons';

export interface ChipItem {
  id: string;
  name: string;
  mediaType: string;
  size?: number;
}

const PaperclipIcon = () => (
  <Icon>
    <path d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9" />
  </Icon>
);
export { PaperclipIcon };

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function Thumbnail({ id, name }: { id: string; name: string }) {
  const { attachments } = useStores();
  const url = useStore(attachments, (s) => s.previews[id]);
  useEffect(() => {
    if (!url)
      attachments
        .getState()
        .preview(id)
        .catch(() => {}); // the chip still names it
  }, [attachments, id, url]);
  return url ? (
    <img className="attachment-thumb" src={url} alt={name} />
  ) : (
    <span className="attachment-thumb" />
  );
}

/**
 * Attachments as thumbnails (images) or chips (files): on the composer's draft with a
 * Remove button each, and on a sent message.
 */
export function AttachmentChips({
  items,
  onRemove,
}: {
  items: readonly ChipItem[];
  onRemove?(id: string): void;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label="Attachments">
      {items.map((a) => (
        <li key={a.id} className="attachment-chip" data-testid="attachment">
          {a.mediaType.startsWith('image/') ? <Thumbnail id={a.id} name={a.name} /> : <PaperclipIcon />}
          <span className="attachment-name">{a.name}</span>
          {a.size !== undefined && <span className="attachment-size">{sizeText(a.size)}</span>}
          {onRemove && (
            <button
              type="button"
              className="icon-button attachment-remove"
              aria-label={`Remove ${a.name}`}
              onClick={() => onRemove(a.id)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
