import { SpoolMark } from './icons';
import { MOD_KEY } from './shortcuts';

/** What Spool is, said once, where there is nothing else to show. */
export function EmptyState({ conversationOpen, loading }: { conversationOpen: boolean; loading: boolean }) {
  if (loading) return <div className="empty" aria-busy="true" />;
  return (
    <div className="empty">
      <div className="empty-mark">
        <SpoolMark size={40} />
      </div>
      <h2 className="empty-title">{conversationOpen ? 'No messages yet' : 'Replies that are never lost'}</h2>
      <p className="empty-text">
        Spool writes every word of a reply to disk the moment it arrives. Reload the window, close the app,
        lose the connection: the reply is still here, exactly as far as it got, ready to continue.
      </p>
      {!conversationOpen && (
        <p className="empty-hint">
          Start a conversation with <kbd>{MOD_KEY}N</kbd> or the <strong>New chat</strong> button.
        </p>
      )}
    </div>
  );
}
