import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { SendIcon } from './icons';

/**
 * Sending arrives with model providers; until then the button is honestly disabled
 * and says why, rather than pretending to answer.
 */
const CAN_SEND = false;

export function Composer({ ref }: { ref: Ref<HTMLTextAreaElement> }) {
  const [draft, setDraft] = useState('');
  const hintId = useId();

  function send() {
    if (!CAN_SEND || draft.trim() === '') return;
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="composer-box">
        <textarea
          ref={ref}
          className="composer-input"
          aria-label="Message"
          aria-describedby={hintId}
          placeholder="Write a message…"
          rows={1}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="send-button" disabled={!CAN_SEND} aria-describedby={hintId}>
          <SendIcon />
          <span>Send</span>
        </button>
      </div>
      <p id={hintId} className="composer-hint">
        Connect a model provider to send — coming with providers.
      </p>
    </form>
  );
}
