import type { Message } from '../../../shared/api/schemas/messages';
import { addUsage, type Usage } from '../../../shared/usage';

/** "1,234 in · 56 out · 12 reasoning · 1,000 cached" (tokens); reasoning and cached only when reported. */
export function usageText(usage: Usage): string {
  const n = (count: number) => count.toLocaleString('en-US');
  const parts = [`${n(usage.inputTokens)} in`, `${n(usage.outputTokens)} out`];
  if (usage.reasoningTokens !== undefined) parts.push(`${n(usage.reasoningTokens)} reasoning`);
  if (usage.cachedInputTokens !== undefined) parts.push(`${n(usage.cachedInputTokens)} cached`);
  return parts.join(' · ');
}

/** Every reply's usage in the conversation, every version counted: each one was asked for. */
export function conversationUsage(messages: readonly Message[]): Usage | null {
  return messages.reduce<Usage | null>((sum, m) => addUsage(sum, m.usage), null);
}
