import { useMemo, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import { buildTree, shownPath } from '../../../shared/tree';
import { useStores } from '../stores/context';
import { selectedConversation } from '../stores/conversations';
import { effectiveModel } from '../stores/modelChoice';
import { Composer } from './Composer';
import { ConversationSettingsDialog } from './ConversationSettingsDialog';
import { EmptyState } from './EmptyState';
import { PresetPicker } from './presets/PresetPicker';
import { ConversationCost } from './cost/Cost';
import { ExportMenu } from './ExportMenu';
import { ExportProgress } from './ExportProgress';
import { MessageList } from './MessageList';
import { ariaShortcut, MOD_KEY } from './shortcuts';
import { SidebarIcon } from './icons';
import { ModelPicker } from './ModelPicker';
import { Onboarding } from './Onboarding';
import { conversationUsage, usageText } from './usageText';

interface Props {
  composerRef: RefObject<HTMLTextAreaElement | null>;
  onOpenSettings(): void;
  sidebarOpen: boolean;
  onToggleSidebar(): void;
}

/** The right side: the selected conversation's title and model, its messages, and the composer. */
export function ChatPane({ composerRef, onOpenSettings, sidebarOpen, onToggleSidebar }: Props) {
  const { conversations, messages: messagesStore, providers: providersStore, app } = useStores();
  const selected = useStore(conversations, selectedConversation);
  const all = useStore(messagesStore, (s) => s.messages);
  // Every version is in the store; the branch chosen last is what shows.
  const tree = useMemo(() => buildTree(all), [all]);
  const messages = useMemo(() => shownPath(tree), [tree]);
  const loading = useStore(messagesStore, (s) => s.loading);
  const providers = useStore(providersStore, (s) => s.providers);
  const providersLoaded = useStore(providersStore, (s) => s.loaded);
  const settings = useStore(app, (s) => s.settings);
  const model = effectiveModel(selected, settings, providers);
  const streaming = messages.find((m) => m.role === 'assistant' && m.status === 'streaming') ?? null;
  const showMessages = selected !== null && messages.length > 0;
  const [editingSettings, setEditingSettings] = useState(false);
  const usage = useMemo(() => conversationUsage(all), [all]);

  return (
    <section className="chat" aria-label="Chat">
      <header className="chat-header">
        <button
          type="button"
          className="icon-button sidebar-toggle"
          aria-label={sidebarOpen ? 'Hide sidebar' : 'Show sidebar'}
          aria-keyshortcuts={ariaShortcut('B')}
          title={`${sidebarOpen ? 'Hide' : 'Show'} sidebar (${MOD_KEY}B)`}
          onClick={onToggleSidebar}
        >
          <SidebarIcon />
        </button>
        <h1 className="chat-title">{selected ? selected.title : 'Welcome to Spool'}</h1>
        {selected && model && <ModelPicker conversation={selected} value={model} />}
        {selected && usage && (
          <span
            className="conversation-usage"
            aria-label="Conversation tokens"
            title="every reply, every version"
          >
            {usageText(usage)} tokens
          </span>
        )}
        {selected && <ConversationCost messages={all} />}
        {selected && (
          <button type="button" className="button button-quiet" onClick={() => setEditingSettings(true)}>
            Conversation settings
          </button>
        )}
        {showMessages && (
          <ExportMenu
            label="Export conversation"
            subject="Conversation"
            choices={[
              {
                label: 'Markdown',
                target: { kind: 'conversation', conversationId: selected.id, format: 'md' },
              },
              {
                label: 'JSON',
                target: { kind: 'conversation', conversationId: selected.id, format: 'json' },
              },
            ]}
          />
        )}
      </header>
      <div className={`chat-body${showMessages ? ' has-messages' : ''}`}>
        {showMessages ? (
          <MessageList key={selected.id} messages={messages} tree={tree} />
        ) : providersLoaded && providers.length === 0 ? (
          <Onboarding />
        ) : (
          <>
            <EmptyState conversationOpen={selected !== null} loading={loading} />
            {selected && !loading && <PresetPicker conversationId={selected.id} />}
          </>
        )}
      </div>
      <Composer
        ref={composerRef}
        conversation={selected}
        model={model}
        streamingMessageId={streaming?.id ?? null}
        onAddProvider={onOpenSettings}
      />
      <ExportProgress />
      {selected && editingSettings && (
        <ConversationSettingsDialog conversation={selected} onClose={() => setEditingSettings(false)} />
      )}
    </section>
  );
}
