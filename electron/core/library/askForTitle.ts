/**
 * Asks a model for a conversation's title: the AI SDK's generateText for a provider
 * over HTTP, the in-process model for a local one. Which provider and model is decided
 * as for a reply (chat/chooseModel.ts), starting from the model that wrote the first
 * reply, and the key comes from ProviderRegistry.resolve, bound to its base URL like
 * every other request. Any failure is an answer of null: the caller falls back.
 */
import { generateText } from 'ai';
import type { Settings } from '../../../shared/api/schemas/settings';
import { chooseModel, type ChoiceSource } from '../chat/chooseModel';
import { streamLocalReply, type LocalRuntime } from '../local/streamLocalReply';
import type { FetchFn, ProviderRegistry } from '../providers';
import { createLanguageModel } from '../providers/models';
import { cleanGeneratedTitle, MAX_ANSWER_CHARS } from './titleText';

export const TITLE_INSTRUCTION =
  'Write a title for this conversation: at most six words, in the language of the user, ' +
  'no quotes, no final punctuation. Answer with the title only.';
const EXCERPT_CHARS = 800;
/** A title is a handful of words; a model that rambles on is cut off here. */
const MAX_TITLE_TOKENS = 32;

export interface TitleAskDeps {
  providers: ProviderRegistry;
  settings: () => Pick<Settings, 'defaultProviderId' | 'defaultModel'>;
  /** The in-process runtime for local models, and whether a local model can follow an instruction. */
  local?: { runtime(): LocalRuntime; chats(modelId: string): boolean };
  fetch?: FetchFn;
}

export interface TitleAsk {
  question: string;
  answer: string;
  /** The provider and model that wrote the first reply (its latest stream). */
  answeredBy: ChoiceSource;
  conversation: ChoiceSource;
  signal: AbortSignal;
  /** Called once the target is known, before the request: a local title can then be stopped. */
  onTarget?(kind: string): void;
}

export async function askForTitle(deps: TitleAskDeps, ask: TitleAsk): Promise<string | null> {
  let target;
  try {
    const choice = chooseModel({
      providers: (await deps.providers.list()).providers,
      previous: ask.answeredBy,
      conversation: ask.conversation,
      settings: deps.settings(),
    });
    target = { ...(await deps.providers.resolve(choice.config.id)), model: choice.model };
  } catch {
    return null; // no provider any more, or none to choose: the first message it is
  }
  ask.onTarget?.(target.config.kind);
  const prompt =
    `User: ${ask.question.slice(0, EXCERPT_CHARS)}\n\n` +
    `Assistant: ${ask.answer.slice(0, EXCERPT_CHARS)}\n\n${TITLE_INSTRUCTION}`;
  try {
    if (target.config.kind === 'local') {
      // A base model continues text rather than following an instruction: no title from it.
      if (!deps.local?.chats(target.model)) return null;
      return cleanGeneratedTitle(await localAnswer(deps.local.runtime(), target.model, prompt, ask.signal));
    }
    const result = await generateText({
      model: await createLanguageModel(target.config, target.apiKey, target.model, deps.fetch),
      system: TITLE_INSTRUCTION,
      prompt,
      maxOutputTokens: MAX_TITLE_TOKENS,
      maxRetries: 0,
      abortSignal: ask.signal,
    });
    return cleanGeneratedTitle(result.text);
  } catch {
    return null;
  }
}

async function localAnswer(local: LocalRuntime, model: string, prompt: string, signal: AbortSignal) {
  let answer = '';
  for await (const chunk of streamLocalReply({
    model,
    system: TITLE_INSTRUCTION,
    messages: [{ role: 'user', parts: [{ type: 'text', text: prompt }] }],
    abortSignal: signal,
    rawCapture: false,
    maxOutputTokens: MAX_TITLE_TOKENS,
    local,
  })) {
    if (chunk.type === 'error' || chunk.type === 'abort') return '';
    if (chunk.type === 'text-delta') answer += chunk.delta;
    if (answer.length > MAX_ANSWER_CHARS) return '';
  }
  return answer;
}
