import type { RefObject } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/context';
import { Composer } from './Composer';
import { EmptyState } from './EmptyState';
import { MessageList } from './MessageList';

/** The right side: the selected conversation's title, its messages, and the composer. */
export function ChatPane({ composerRef }: { composerRef: RefObject<HTMLTextAreaElement | null> }) {
  const { conversations, messages: messagesStore } = useStores();
  const selected = useStore(conversations, (s) => s.conversations.find((c) => c.id === s.selectedId) ?? null);
  const messages = useStore(messagesStore, (s) => s.messages);
  const loading = useStore(messagesStore, (s) => s.loading);

  return (
    <section className="chat" aria-label="Chat">
      <header className="chat-header">
        <h1 className="chat-title">{selected ? selected.title : 'Welcome to Spool'}</h1>
      </header>
      <div className="chat-body">
        {selected && messages.length > 0 ? (
          <MessageList messages={messages} />
        ) : (
          <EmptyState conversationOpen={selected !== null} loading={loading} />
        )}
      </div>
      <Composer ref={composerRef} />
    </section>
  );
}
