import { memo } from 'react';
import { SparkIcon } from './chatIcons';

/**
 * The model's reasoning, folded away under "Reasoning": most readers want the answer,
 * and a long chain of thought would push it off screen. Plain text, not Markdown:
 * it is a draft, and keeping it cheap matters while it streams.
 */
export const ReasoningPart = memo(function ReasoningPart({
  text,
  streaming,
}: {
  text: string;
  streaming: boolean;
}) {
  return (
    <details className="message-reasoning">
      <summary>
        <SparkIcon />
        <span>Reasoning</span>
        {streaming && <span className="message-reasoning-live">thinking…</span>}
      </summary>
      <p className="message-reasoning-text">{text}</p>
    </details>
  );
});
