import type { Message, MessageStatus } from '../../../shared/api/schemas/messages';

const STATUS_LABELS: Record<Exclude<MessageStatus, 'complete'>, string> = {
  streaming: 'Streaming',
  interrupted: 'Interrupted',
  error: 'Error',
  cancelled: 'Cancelled',
};

/** The conversation so far; a `log` so screen readers announce what is appended. */
export function MessageList({ messages }: { messages: Message[] }) {
  return (
    <div className="messages" role="log" aria-label="Messages">
      {messages.map((m) => (
        <MessageView key={m.id} message={m} />
      ))}
    </div>
  );
}

function MessageView({ message }: { message: Message }) {
  const text = message.parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');
  const who = message.role === 'user' ? 'You' : message.role === 'assistant' ? 'Assistant' : 'System';
  return (
    <article className={`message message-${message.role}`} aria-label={`${who} message`}>
      <div className="message-meta">
        {/* A user's own bubble needs no name on screen; the article's label carries it. */}
        <span className={message.role === 'user' ? 'visually-hidden' : 'message-author'}>{who}</span>
        {message.status !== 'complete' && (
          <span className={`badge badge-${message.status}`}>{STATUS_LABELS[message.status]}</span>
        )}
        {message.unsaved && <span className="badge badge-error">Not being saved</span>}
      </div>
      <div className="message-text">{text}</div>
      {message.error && (
        <p className="message-error" role="note">
          {message.error.message}
        </p>
      )}
    </article>
  );
}
