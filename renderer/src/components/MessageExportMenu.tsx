import type { MessageExportFormat } from '../../../shared/api/schemas/export';
import { ExportMenu } from './ExportMenu';

const FORMATS: readonly { label: string; format: MessageExportFormat }[] = [
  { label: 'Text', format: 'text' },
  { label: 'Markdown', format: 'md' },
  { label: 'Chunk log (JSONL)', format: 'jsonl' },
  { label: 'Raw provider events', format: 'raw' },
];

/** A reply's Export action: the text exactly as streamed, Markdown, its chunk log or the provider's events. */
export function MessageExportMenu({ messageId }: { messageId: string }) {
  return (
    <ExportMenu
      label="Export"
      subject="Reply"
      // Upwards: a menu spilling down would sit under the next row of the virtual list.
      above
      choices={FORMATS.map(({ label, format }) => ({
        label,
        target: { kind: 'message', messageId, format },
      }))}
    />
  );
}
