import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useStore } from 'zustand';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { shownPath } from '../../../shared/tree';
import { describeError } from '../api/errors';
import { useStores } from '../stores/context';
import type { ModelChoice } from '../stores/modelChoice';
import { AttachmentChips, PaperclipIcon } from './attachments/AttachmentChips';
import { useComposerAttachments } from './attachments/useComposerAttachments';
import { SendIcon, StopIcon } from './icons';

interface Props {
  ref: Ref<HTMLTextAreaElement>;
  conversation: Conversation | null;
  /** The model a send goes to; null when no provider is configured. */
  model: ModelChoice | null;
  /** The reply streaming in this conversation, if any: Stop (and Esc) stop it. */
  streamingMessageId: string | null;
  onAddProvider(): void;
}

/**
 * Enter sends, Shift+Enter adds a line, Up in an empty composer edits the last
 * message you sent (as in most chat apps). A send carries one request id until it
 * succeeds, so retrying after a dropped connection cannot post the message twice; a
 * send that fails keeps the text and says why.
 */
export function Composer({ ref, conversation, model, streamingMessageId, onAddProvider }: Props) {
  const { chat, conversations, messages, drafts, attachments } = useStores();
  const stopping = useStore(chat, (s) => streamingMessageId !== null && s.pending[streamingMessageId]);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef<string | null>(null);
  const input = useRef<HTMLTextAreaElement | null>(null);
  const hasSent = useStore(messages, (s) => s.messages.some((m) => m.role === 'user'));
  const editing = useStore(chat, (s) => s.editingId !== null);
  const editingFromHere = useRef(false);
  const hintId = useId();
  const errorId = useId();
  const conversationId = conversation?.id ?? null;
  const files = useComposerAttachments(
    conversationId,
    async () => conversationId ?? (await conversations.getState().create())?.id ?? null,
    setError,
  );
  const fileInput = useRef<HTMLInputElement>(null);
  // Words, attachments or both: a picture may be sent on its own.
  const canSend =
    model !== null &&
    !sending &&
    !files.adding &&
    streamingMessageId === null &&
    (draft.trim() !== '' || files.attached.length > 0);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const shownFor = useRef<string | null>(null);
  const typedSince = useRef(0);

  // Opening a conversation shows its saved draft. A conversation just created by a
  // send from the empty state adopts the text being sent instead, so a failed send
  // keeps it after a reload too.
  useEffect(() => {
    const previous = shownFor.current;
    shownFor.current = conversationId;
    if (conversationId === null) return;
    if (previous === null && draftRef.current !== '') {
      drafts.save(conversationId, draftRef.current);
      return;
    }
    const typedAt = typedSince.current;
    setDraft('');
    drafts.load(conversationId).then(
      (text) => {
        if (shownFor.current === conversationId && typedSince.current === typedAt && text !== '')
          setDraft(text);
      },
      () => {}, // no draft shown; the composer still works
    );
  }, [conversationId, drafts]);

  // A closing tab writes what is pending now rather than after the debounce.
  useEffect(() => {
    const onPageHide = () => void drafts.flushAll();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [drafts]);

  async function send() {
    if (!canSend) return;
    setSending(true);
    setError(null);
    requestId.current ??= newRequestId();
    try {
      const conversationId = conversation?.id ?? (await conversations.getState().create())?.id;
      if (!conversationId) return; // creating it failed, and said so
      // A conversation without its own model is given the one shown in the picker.
      const choice = conversation?.provider && conversation.model ? undefined : model;
      const attachmentIds = files.attached.map((a) => a.id);
      await chat.getState().send(conversationId, draft.trim(), requestId.current, choice, attachmentIds);
      setDraft('');
      requestId.current = null;
      attachments.getState().sent(conversationId);
      void drafts.clear(conversationId);
    } catch (err) {
      setError(`Not sent: ${describeError(err)}`);
    } finally {
      setSending(false);
    }
  }

  function stop() {
    if (streamingMessageId) void chat.getState().stop(streamingMessageId);
  }

  useEffect(() => {
    if (!streamingMessageId) return;
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      // Escape that closed a dialog or cancelled a rename is not a Stop.
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      void chat.getState().stop(streamingMessageId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [chat, streamingMessageId]);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    } else if (e.key === 'ArrowUp' && draft === '' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // The last one shown. Even while its reply streams: the edit is a new version,
      // and that reply goes on beside it.
      const last = shownPath(messages.getState().messages).findLast((m) => m.role === 'user');
      if (!last) return;
      e.preventDefault();
      editingFromHere.current = true;
      chat.getState().startEditing(last.id);
    }
  };

  // An edit opened with Up hands the keyboard back here when it is saved or cancelled.
  useEffect(() => {
    if (editing || !editingFromHere.current) return;
    editingFromHere.current = false;
    input.current?.focus();
  }, [editing]);

  // Toasts sit above the composer, however tall it grows (composer-clearance in layout.css).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = formRef.current!;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() =>
      root.setProperty('--composer-clearance', `${Math.ceil(form.getBoundingClientRect().height)}px`),
    );
    observer.observe(form);
    return () => {
      observer.disconnect();
      root.removeProperty('--composer-clearance');
    };
  }, []);

  const setRefs = (el: HTMLTextAreaElement | null) => {
    input.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };

  return (
    <form
      ref={formRef}
      className={`composer${files.dragging ? ' is-dropping' : ''}`}
      {...files.dropProps}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <AttachmentChips items={files.attached} onRemove={files.remove} />
      <div className={`composer-box${error ? ' has-error' : ''}`}>
        <button
          type="button"
          className="icon-button attach-button"
          aria-label="Attach files"
          title="Attach images or files (or drop or paste them here)"
          onClick={() => fileInput.current?.click()}
        >
          <PaperclipIcon />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(e) => {
            void files.attach(Array.from(e.target.files ?? []));
            e.target.value = ''; // the same file can be chosen again
          }}
        />
        <textarea
          ref={setRefs}
          className="composer-input"
          aria-label="Message"
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          aria-invalid={error ? true : undefined}
          placeholder={model ? 'Write a message…' : 'Add a model provider to start chatting'}
          rows={Math.min(8, draft.split('\n').length)}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            typedSince.current++;
            requestId.current = null; // different text is a different message
            if (conversationId) drafts.save(conversationId, e.target.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={files.onPaste}
          aria-keyshortcuts="Enter Shift+Enter ArrowUp"
        />
        {streamingMessageId ? (
          <button
            type="button"
            className="send-button stop-button"
            onClick={stop}
            disabled={stopping}
            aria-keyshortcuts="Escape"
          >
            <StopIcon />
            <span>Stop</span>
          </button>
        ) : (
          <button
            type="submit"
            className="send-button"
            disabled={!canSend}
            aria-busy={sending}
            aria-describedby={hintId}
          >
            <SendIcon />
            <span>Send</span>
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} className="composer-error" role="alert">
          {error}
        </p>
      )}
      {model ? (
        <p id={hintId} className="composer-hint">
          {streamingMessageId ? (
            <>
              <kbd>Esc</kbd> stops the reply · what arrived so far is kept
            </>
          ) : (
            <>
              <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
              {hasSent && (
                <>
                  {' '}
                  · <kbd>↑</kbd> edits your last message
                </>
              )}
            </>
          )}
        </p>
      ) : (
        <p id={hintId} className="composer-hint">
          Connect a model provider to send.{' '}
          <button type="button" className="link-button" onClick={onAddProvider}>
            Add a provider
          </button>
        </p>
      )}
    </form>
  );
}

/** crypto.randomUUID needs a secure context; 127.0.0.1 and Electron are, but be safe. */
function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
