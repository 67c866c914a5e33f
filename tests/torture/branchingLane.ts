/**
 * A lane that uses a conversation as a person would, through ChatService (the calls
 * behind the app's buttons) against the real fake provider over HTTP: send, regenerate
 * (a sibling reply), edit & resend (a sibling user message with its own reply),
 * continue (a new stream of a reply that was cut, stopped or failed — often by an
 * earlier SIGKILL), show another version, and stop. It does not always wait for a
 * reply to end before the next step, so several versions stream at once, shown or not.
 *
 * One lane per conversation at a time: the lane's `I`/`V` lines then say, in commit
 * order, which message the conversation's shown branch must go through.
 */
import type { Message } from '../../shared/api/schemas/messages';
import { shownPath } from '../../shared/tree';
import type { SpoolCore } from '../../electron/core/SpoolCore';
import type { FakeProvider } from '../fake-provider/server';
import type { Random } from './random';
import { pause } from './rawLane';
import { replyScript, userText } from './replyScripts';
import { line, watchStream } from './report';

export const TORTURE_PROVIDER_ID = 'torture-fake-provider';

export type Operation = 'send' | 'regenerate' | 'edit' | 'continue' | 'select' | 'stop';

const WEIGHTS: readonly [Operation, number][] = [
  ['send', 0.2],
  ['regenerate', 0.25],
  ['edit', 0.15],
  ['continue', 0.2],
  ['select', 0.1],
  ['stop', 0.1],
];

const CONTINUABLE = new Set<Message['status']>(['interrupted', 'cancelled', 'error']);

/** At most this many replies of one lane stream at once; then it waits for the oldest. */
const MAX_LIVE = 3;

export interface LaneContext {
  core: SpoolCore;
  fake: FakeProvider;
}

let models = 0;

function onShownBranch(messages: readonly Message[], id: string): boolean {
  return shownPath(messages).some((m) => m.id === id);
}

function pickOperation(rng: Random): Operation {
  let r = rng.next();
  for (const [op, weight] of WEIGHTS) {
    if (r < weight) return op;
    r -= weight;
  }
  return 'send';
}

export async function branchingLane(ctx: LaneContext, conversationId: string, rng: Random): Promise<never> {
  const { chat } = ctx.core;
  const live: Promise<void>[] = [];
  /** A fresh model name whose reply the fake provider plays from this lane's seed. */
  const override = () => {
    const model = `torture-${++models}`;
    ctx.fake.setScript(replyScript(rng), model);
    return { providerId: TORTURE_PROVIDER_ID, model };
  };
  const streaming = (streamId: string) => {
    const ended = watchStream(ctx.core.engine, streamId);
    live.push(ended);
    void ended.then(() => live.splice(live.indexOf(ended), 1));
    return rng.next() < 0.35 ? ended : undefined;
  };
  /** Before a change of the shown branch, and once it is committed. */
  const changing = () => line(`I ${conversationId}`);
  const shown = (messageId: string) => line(`V ${conversationId} ${messageId}`);

  for (;;) {
    const messages = ctx.core.messages.list(conversationId);
    const idle = (m: Message) => m.status !== 'streaming' && !chat.isLive(m.id);
    const replies = messages.filter((m) => m.role === 'assistant' && m.parentId !== null && idle(m));
    const targets: Record<Operation, Message[]> = {
      send: [],
      regenerate: replies,
      edit: messages.filter((m) => m.role === 'user'),
      continue: replies.filter((m) => CONTINUABLE.has(m.status)),
      select: messages,
      stop: messages.filter((m) => chat.isLive(m.id)),
    };
    let op = pickOperation(rng);
    if (op !== 'send' && targets[op].length === 0) op = 'send';
    const target = op === 'send' ? undefined : rng.pick(targets[op]);
    if ((op === 'regenerate' || op === 'edit') && !onShownBranch(messages, target!.id)) {
      // Regenerate and Edit are buttons on what is shown: a person switches to the
      // version first. (Called on a hidden version, as the API allows, the new
      // version is not shown: see the torture README.)
      changing();
      chat.select(target!.id);
      shown(target!.id);
      line('O select');
    }
    let wait: Promise<void> | undefined;
    switch (op) {
      case 'send': {
        changing();
        const sent = await chat.send({ conversationId, text: userText(rng), ...override() });
        shown(sent.reply.message.id);
        wait = streaming(sent.reply.streamId);
        break;
      }
      case 'regenerate': {
        changing();
        const reply = await chat.regenerate(target!.id, override());
        shown(reply.message.id);
        wait = streaming(reply.streamId);
        break;
      }
      case 'edit': {
        changing();
        const sent = await chat.editAndResend(target!.id, userText(rng), override());
        shown(sent.reply.message.id);
        wait = streaming(sent.reply.streamId);
        break;
      }
      case 'continue':
        wait = streaming((await chat.continue(target!.id, override())).streamId);
        break;
      case 'select':
        changing();
        chat.select(target!.id);
        shown(target!.id);
        break;
      case 'stop':
        // It may have ended by itself meanwhile: then there was nothing to stop.
        if (!(await chat.stop(target!.id)).stopped) op = 'send';
        break;
    }
    if (op !== 'send' || !target) line(`O ${op}`);
    if (wait) await wait;
    else if (live.length >= MAX_LIVE) await live[0];
    await pause(rng);
  }
}
