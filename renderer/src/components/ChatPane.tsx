import { useEffect, useRef, type RefObject } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/context';
import { effectiveModel } from '../stores/modelChoice';
import { Composer } from './Composer';
import { EmptyState } from './EmptyState';
import { MessageList } from './MessageList';
import { ModelPicker } from './ModelPicker';
import { Onboarding } from './Onboarding';

interface Props {
  composerRef: RefObject<HTMLTextAreaElement | null>;
  onOpenSettings(): void;
}

/** The right side: the selected conversation's title and model, its messages, and the composer. */
export function ChatPane({ composerRef, onOpenSettings }: Props) {
  const { conversations, messages: messagesStore, providers: providersStore, app } = useStores();
  const selected = useStore(conversations, (s) => s.conversations.find((c) => c.id === s.selectedId) ?? null);
  const messages = useStore(messagesStore, (s) => s.messages);
  const loading = useStore(messagesStore, (s) => s.loading);
  const providers = useStore(providersStore, (s) => s.providers);
  const providersLoaded = useStore(providersStore, (s) => s.loaded);
  const settings = useStore(app, (s) => s.settings);
  const model = effectiveModel(selected, settings, providers);
  const streaming = messages.find((m) => m.role === 'assistant' && m.status === 'streaming') ?? null;
  const showMessages = selected !== null && messages.length > 0;
  const body = useStickToBottom();

  return (
    <section className="chat" aria-label="Chat">
      <header className="chat-header">
        <h1 className="chat-title">{selected ? selected.title : 'Welcome to Spool'}</h1>
        {selected && model && <ModelPicker conversation={selected} value={model} />}
      </header>
      <div className="chat-body" ref={body}>
        {showMessages ? (
          <MessageList messages={messages} />
        ) : providersLoaded && providers.length === 0 ? (
          <Onboarding />
        ) : (
          <EmptyState conversationOpen={selected !== null} loading={loading} />
        )}
      </div>
      <Composer
        ref={composerRef}
        conversation={selected}
        model={model}
        streamingMessageId={streaming?.id ?? null}
        onAddProvider={onOpenSettings}
      />
    </section>
  );
}

/**
 * Keeps the newest text in view while a reply grows, unless the reader scrolled up
 * to read something earlier.
 */
function useStickToBottom() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    let atBottom = true;
    const onScroll = () => {
      atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    };
    const follow = () => {
      // Only a conversation scrolls to its end; onboarding and the empty state start at the top.
      if (atBottom && el.querySelector('[role="log"]')) el.scrollTop = el.scrollHeight;
    };
    const observer = new MutationObserver(follow);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, []);
  return ref;
}
