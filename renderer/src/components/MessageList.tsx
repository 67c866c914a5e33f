import type { Message } from '../../../shared/api/schemas/messages';
import { MessageView } from './MessageView';

/** The conversation so far; a `log` so screen readers announce what is appended. */
export function MessageList({ messages }: { messages: Message[] }) {
  const lastAssistant = messages.findLast((m) => m.role === 'assistant');
  const streaming = messages.some((m) => m.status === 'streaming');
  return (
    <div className="messages" role="log" aria-label="Messages">
      {messages.map((m) => (
        <MessageView
          key={m.id}
          message={m}
          canRegenerate={m === lastAssistant && !streaming}
          canEdit={m.role === 'user' && !streaming}
        />
      ))}
    </div>
  );
}
