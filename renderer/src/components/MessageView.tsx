import { memo, useRef } from 'react';
import { useStore } from 'zustand';
import type { Message, MessagePart } from '../../../shared/api/schemas/messages';
import { MessageAttachments } from './attachments/MessageAttachments';
import { ReplyCost } from './cost/Cost';
import { useStores } from '../stores/context';
import { useStreamSnapshot } from '../stream/hooks';
import { MessageActions } from './MessageActions';
import { STATUS_EXPLANATIONS, STATUS_LABELS } from './messageStatus';
import { MessageEditor } from './MessageEditor';
import { fullTime, shortTime } from './messageTime';
import { usageText } from './usageText';
import { Markdown } from './markdown/Markdown';
import { errorSentences, errorSource } from './errorWords';
import { ReasoningPart } from './ReasoningPart';
import { useSearchHighlight } from './searchHighlight';
import { ToolCallCard } from './ToolCallCard';
import { sameVersionInfo, type VersionInfo } from './versionInfo';
import { VersionSwitcher } from './VersionSwitcher';

interface Props {
  message: Message;
  /** Where it stands among its versions: the switcher shows when it has others. */
  versions: VersionInfo;
}

/**
 * One message. While it streams, its text comes from the live stream snapshot (only
 * this message re-renders per chunk batch); otherwise from its stored parts, which by
 * then hold the same text. A reply is Markdown (reasoning folded above it, tool calls
 * as cards below); what the user typed is shown exactly as typed.
 */
export const MessageView = memo(function MessageView({ message, versions }: Props) {
  const live = useStreamSnapshot(message.id);
  const { chat, retries, versions: versionsStore, search } = useStores();
  const textRef = useRef<HTMLDivElement>(null);
  const matched = useStore(search, (s) => (s.reveal?.messageId === message.id ? s.reveal.terms : null));
  useSearchHighlight(textRef, matched);
  const pending = useStore(chat, (s) => s.pending[message.id] === true);
  const retry = useStore(retries, (s) => (message.streamId ? s.byStream[message.streamId] : undefined));
  const editing = useStore(chat, (s) => s.editingId === message.id);
  const setEditing = (on: boolean) =>
    on ? chat.getState().startEditing(message.id) : chat.getState().stopEditing();

  const following = live !== undefined && message.status === 'streaming';
  const parts = following ? live.parts : message.parts;
  // The live snapshot learns of the end (finish, error, Stop) a moment before the stored message.
  const status = following ? live.status : message.status;
  const error = following ? (live.error ?? message.error) : message.error;
  const text = textOf(parts);
  const who = message.role === 'user' ? 'You' : message.role === 'assistant' ? 'Assistant' : 'System';

  if (editing) {
    return (
      <article className="message message-user message-editing" aria-label="You message">
        <MessageEditor
          initial={text}
          hasAttachments={parts.some((p) => p.type === 'file')}
          onCancel={() => setEditing(false)}
          onSave={(next) => void chat.getState().editAndResend(message.id, next)}
          busy={pending}
        />
      </article>
    );
  }

  return (
    <article
      className={`message message-${message.role} is-${status}`}
      data-message-id={message.id}
      aria-label={`${who} message`}
      aria-busy={status === 'streaming'}
    >
      <div className="message-meta">
        {/* A user's own bubble needs no name on screen; the article's label carries it. */}
        {message.role === 'assistant' ? (
          <Answerer message={message} />
        ) : (
          <span className={message.role === 'user' ? 'visually-hidden' : 'message-author'}>{who}</span>
        )}
        {status !== 'complete' && (
          <span className={`badge badge-${status}`}>
            {status === 'streaming' && <span className="live-dot" aria-hidden="true" />}
            {STATUS_LABELS[status]}
          </span>
        )}
        {message.unsaved && <span className="badge badge-error">Not being saved</span>}
        {versions.count > 1 && (
          <VersionSwitcher
            info={versions}
            noun={message.role === 'user' ? 'message' : 'reply'}
            onSelect={(id) => void versionsStore.getState().select(id)}
          />
        )}
        {importedFrom(message) && <span className="message-origin">{importedFrom(message)}</span>}
      </div>
      {parts.map((part, i) =>
        part.type === 'reasoning' ? (
          <ReasoningPart
            key={i}
            text={part.text}
            streaming={status === 'streaming' && part.state === 'streaming'}
          />
        ) : null,
      )}
      {message.role === 'assistant' ? (
        <div className="message-text message-markdown" data-testid="message-text" ref={textRef}>
          <Markdown text={text} streaming={status === 'streaming'} />
        </div>
      ) : (
        // A message of attachments only has no words to show, so no empty line above them.
        text !== '' && (
          <div className="message-text" data-testid="message-text" ref={textRef}>
            {text}
          </div>
        )
      )}
      <MessageAttachments parts={parts} />
      {parts.map((part, i) =>
        part.type === 'dynamic-tool' ? (
          <ToolCallCard key={i} part={part} streaming={status === 'streaming'} />
        ) : null,
      )}
      {retry && status === 'streaming' && text === '' && (
        <p className="message-note" role="status">
          Retrying ({retry.retry} of {retry.maxRetries}): {retry.errorText}
        </p>
      )}
      {STATUS_EXPLANATIONS[status] && <p className="message-note">{STATUS_EXPLANATIONS[status]}</p>}
      {error && (
        <ErrorNote code={error.code} words={error.message} unsaved={message.unsaved} kept={text !== ''} />
      )}
      <MessageActions
        message={message}
        status={status}
        text={text}
        pending={pending}
        versions={versions}
        onEdit={message.role === 'user' ? () => setEditing(true) : undefined}
      />
    </article>
  );
}, sameProps);

function sameProps(a: Props, b: Props): boolean {
  return a.message === b.message && sameVersionInfo(a.versions, b.versions);
}

/** Who answered and when: "gpt-4o · 14:05", the provider and the full date in the tooltip. */
function Answerer({ message }: { message: Message }) {
  const by = [message.model, message.providerName].filter(Boolean).join(' · ');
  return (
    <>
      <span className="message-author" title={by || undefined} data-testid="message-model">
        {message.model ?? 'Assistant'}
      </span>
      <time
        className="message-time"
        dateTime={new Date(message.createdAt).toISOString()}
        title={fullTime(message.createdAt)}
      >
        {shortTime(message.createdAt)}
      </time>
      {message.usage && (
        <span className="message-usage" aria-label="Tokens" title="tokens the provider counted">
          {usageText(message.usage)} tokens
        </span>
      )}
      <ReplyCost message={message} />
    </>
  );
}

/**
 * A reply without a stream came from an import (issue 20): where from, the model and
 * its original time, e.g. "ChatGPT export · gpt-4o · 14/11/2023, 22:13".
 */
function importedFrom(message: Message): string | null {
  if (message.streamId !== null || message.role === 'user' || !message.providerName) return null;
  const when = new Date(message.createdAt).toLocaleString();
  return [message.providerName, message.model, when].filter(Boolean).join(' · ');
}

function textOf(parts: readonly MessagePart[]): string {
  let text = '';
  for (const p of parts) if (p.type === 'text') text += p.text;
  return text;
}

/** A failed reply: what happened, what was kept and what to do; the provider's own words one click away. */
function ErrorNote(props: { code: string; words: string; unsaved?: boolean; kept: boolean }) {
  return (
    <div className="message-error" role="note">
      <p>{errorSentences(props.unsaved ? 'storage' : props.code, props.kept)}</p>
      <details className="message-error-words">
        <summary>{errorSource(props.unsaved ? 'storage' : props.code)}</summary>
        <p>{props.words}</p>
      </details>
    </div>
  );
}
