import { useId, useState } from 'react';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { useStores } from '../stores/context';
import { draftOf, ParamsFields, parseDraft } from './ParamsFields';
import { useModalDialog } from './useModalDialog';

interface Props {
  conversation: Conversation;
  onClose(): void;
}

/**
 * What this conversation sends with every reply besides its messages: its own system
 * prompt, or the default from Settings (a conversation that never chose one follows
 * the default as it changes), and its parameters.
 */
export function ConversationSettingsDialog({ conversation, onClose }: Props) {
  const ref = useModalDialog();
  const titleId = useId();
  const promptId = useId();
  const { conversations } = useStores();
  const [useDefault, setUseDefault] = useState(conversation.systemPrompt === null);
  const [prompt, setPrompt] = useState(conversation.systemPrompt ?? '');
  const [draft, setDraft] = useState(() => draftOf(conversation.params));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const parsed = parseDraft(draft);
    if ('error' in parsed) return setProblem(parsed.error);
    setProblem(null);
    setSaving(true);
    const store = conversations.getState();
    const saved =
      (await store.setSystemPrompt(conversation.id, useDefault ? null : prompt)) &&
      (await store.setParams(conversation.id, parsed.params));
    setSaving(false);
    if (saved) onClose();
  };

  return (
    <dialog
      ref={ref}
      className="dialog conversation-settings"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Conversation settings
      </h2>
      <label className="checkbox-field">
        <input type="checkbox" checked={useDefault} onChange={(e) => setUseDefault(e.target.checked)} />
        Use the default system prompt from Settings
      </label>
      <div className="field">
        <label htmlFor={promptId}>System prompt</label>
        <textarea
          id={promptId}
          className="input textarea"
          rows={6}
          value={prompt}
          disabled={useDefault}
          placeholder="Instructions sent before the conversation, e.g. “Answer briefly.”"
          onChange={(e) => setPrompt(e.target.value)}
        />
      </div>
      <ParamsFields draft={draft} onDraft={setDraft} />
      {problem && (
        <p className="message-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" disabled={saving} onClick={() => void save()}>
          Save
        </button>
      </div>
    </dialog>
  );
}
