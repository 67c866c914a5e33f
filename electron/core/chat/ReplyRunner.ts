/**
 * Runs replies: pumps a provider's `streamReply` into an engine stream in the
 * background, and owns each live reply's AbortController. Stop is the only thing
 * that aborts a reply on purpose; a window closing never reaches this class.
 *
 * The pump never rejects: streamReply never throws and ends with exactly one
 * terminal chunk (which ends the stream). The only failures left are the stream
 * having been ended under it (core closing → `interrupted`) and the chunk log
 * closing while it waited for room; both are expected at quit and are not bugs.
 */
import type { ReplyParams } from '../../../shared/api/schemas/params';
import type { ProviderConfig } from '../../../shared/api/schemas/providers';
import { describeRequest, streamReply, type ReplyMessage, type RetryPolicy } from '../providers';
import type { FetchFn } from '../providers/models';
import type { StreamReplyOptions } from '../providers/streamReply';
import type { LocalRuntime } from '../local/streamLocalReply';
import type { SettingsStore } from '../store/SettingsStore';
import type { StreamEngine } from '../stream/StreamEngine';
import type { StreamHandle } from '../stream/StreamHandle';

export interface ReplyTarget {
  config: ProviderConfig;
  apiKey: string | undefined;
  model: string;
}

export interface ReplyRunnerDeps {
  engine: StreamEngine;
  settings: SettingsStore;
  /** Retry tuning (tests shorten the backoff); defaults to the provider layer's policy. */
  retry?: Partial<RetryPolicy>;
  fetch?: FetchFn;
  /** Kind 'local': the in-process model runtime (../local), built on first use. */
  local?: () => LocalRuntime;
  /**
   * A failed attempt that streamReply is about to retry, by error class: the final
   * attempt's error is on the stream, but these would otherwise leave no trace.
   */
  onProviderRetry?(code: string): void;
  onInternalError(err: unknown, where: string): void;
}

/** What the conversation sends with every reply besides its messages. */
export interface ReplyInput {
  system?: string;
  /** As the provider takes them (replyParams.ts); left out = its default. */
  params: ReplyParams;
}

/** A reply prepared but not yet started: its options, and what the engine stores about it. */
export interface PreparedReply {
  options: StreamReplyOptions;
  controller: AbortController;
}

interface LiveReply {
  streamId: string;
  controller: AbortController;
  done: Promise<void>;
}

/** The live-only event a subscriber sees before a retry (never in the chunk log). */
export interface RetryEvent {
  type: 'retry';
  retry: number;
  maxRetries: number;
  delayMs: number;
  code: string;
  errorText: string;
}

export class ReplyRunner {
  private readonly live = new Map<string, LiveReply>();
  private closed = false;

  constructor(private readonly deps: ReplyRunnerDeps) {}

  /** Builds a reply's options from the settings as they are now (read at each send). */
  prepare(
    target: ReplyTarget,
    input: ReplyInput,
    messages: readonly ReplyMessage[],
    continueFrom?: string,
  ): PreparedReply {
    const settings = this.deps.settings.get();
    const controller = new AbortController();
    const options: StreamReplyOptions = {
      config: target.config,
      apiKey: target.apiKey,
      model: target.model,
      ...(input.system ? { system: input.system } : {}),
      ...input.params,
      messages,
      ...(continueFrom ? { continueFrom } : {}),
      abortSignal: controller.signal,
      rawCapture: settings.rawCapture,
      firstChunkTimeoutMs: settings.firstChunkTimeoutMs,
      idleTimeoutMs: settings.idleTimeoutMs,
      ...(this.deps.retry ? { retry: this.deps.retry } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      ...(target.config.kind === 'local' && this.deps.local ? { local: this.deps.local() } : {}),
    };
    return { options, controller };
  }

  /**
   * Starts the engine stream of `messageId`. Synchronous, so a caller can make it
   * the last step of its transaction; call `run` once that has committed.
   */
  open(messageId: string, prepared: PreparedReply): StreamHandle {
    const { options } = prepared;
    return this.deps.engine.start({
      messageId,
      provider: options.config.id,
      model: options.model,
      // The key is not in here: describeRequest leaves it out (and redacts it if pasted anywhere).
      request: describeRequest(options),
    });
  }

  run(handle: StreamHandle, prepared: PreparedReply): void {
    const onRetry = (info: Omit<RetryEvent, 'type'>) => {
      this.deps.onProviderRetry?.(info.code);
      if (!handle.ended) this.deps.engine.publishLive(handle.id, { type: 'retry', ...info } as RetryEvent);
    };
    const options = { ...prepared.options, onRetry };
    const entry: LiveReply = {
      streamId: handle.id,
      controller: prepared.controller,
      done: Promise.resolve(),
    };
    entry.done = this.pump(handle, options).finally(() => {
      if (this.live.get(handle.messageId) === entry) this.live.delete(handle.messageId);
    });
    this.live.set(handle.messageId, entry);
    if (this.closed) prepared.controller.abort();
  }

  liveMessageIds(): string[] {
    return [...this.live.keys()];
  }

  isLive(messageId: string): boolean {
    return this.live.has(messageId);
  }

  /** Stop: aborts the HTTP request at once; resolves once the reply has ended (cancelled). */
  async stop(messageId: string): Promise<boolean> {
    const entry = this.live.get(messageId);
    if (!entry) return false;
    entry.controller.abort();
    await entry.done;
    return true;
  }

  /**
   * At quit, after the engine interrupted every live stream: aborts the requests and
   * waits for the pumps to notice. Nothing is written by them after this resolves.
   */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.live.values()];
    for (const entry of pending) entry.controller.abort();
    await Promise.all(pending.map((e) => e.done));
  }

  private async pump(handle: StreamHandle, options: StreamReplyOptions): Promise<void> {
    try {
      for await (const chunk of streamReply(options)) {
        // Interrupted under us (quit): leaving the loop closes the provider request.
        if (handle.ended) break;
        const room = handle.append(chunk);
        if (room) await room;
      }
    } catch (err) {
      if (!handle.ended && !this.closed) this.deps.onInternalError(err, 'reply pump');
    } finally {
      // streamReply always ends with a terminal chunk; if a bug ever broke that, the
      // message must still not be left 'streaming' forever.
      if (!handle.ended && !this.closed) {
        try {
          handle.fail({ code: 'internal', message: 'The reply ended without a final state.' });
        } catch (err) {
          this.deps.onInternalError(err, 'reply pump end');
        }
      }
    }
  }
}
