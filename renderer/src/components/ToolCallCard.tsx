import { memo } from 'react';
import type { ToolPart } from '../../../shared/api/schemas/messages';
import { ToolIcon } from './chatIcons';

interface Props {
  part: ToolPart;
  /** Whether the reply is still streaming: an unanswered call is then still waiting. */
  streaming: boolean;
}

/**
 * A tool call the model made: the tool's name, the input it passed (growing while the
 * model streams it) and the output or the tool's error. Spool does not run tools
 * itself, so a call the reply ended without an answer to says "No output".
 */
export const ToolCallCard = memo(function ToolCallCard({ part, streaming }: Props) {
  const status = statusOf(part, streaming);
  const input = part.input !== undefined ? part.input : part.rawInput;
  return (
    <section className={`tool-card is-${part.state}`} aria-label={`Tool call ${part.toolName}`}>
      <header className="tool-card-header">
        <ToolIcon />
        <code className="tool-card-name">{part.toolName}</code>
        <span className="tool-card-status">{status}</span>
      </header>
      <div className="tool-card-body">
        <p className="tool-card-label">Input</p>
        <pre className="tool-card-data">{format(input)}</pre>
        {part.state === 'output-available' && (
          <>
            <p className="tool-card-label">Output</p>
            <pre className="tool-card-data">{format(part.output)}</pre>
          </>
        )}
        {part.state === 'output-error' && (
          <>
            <p className="tool-card-label">Error</p>
            <p className="tool-card-error">{part.errorText}</p>
          </>
        )}
      </div>
    </section>
  );
});

function statusOf(part: ToolPart, streaming: boolean): string {
  switch (part.state) {
    case 'input-streaming':
      return streaming ? 'Preparing the call…' : 'Call incomplete';
    case 'input-available':
      return streaming ? 'Waiting for output…' : 'No output';
    case 'output-available':
      return 'Done';
    case 'output-error':
      return 'Failed';
  }
}

/** JSON pretty-printed; a string (raw, half-streamed input) as it is. */
function format(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}
