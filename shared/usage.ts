import { z } from 'zod';

/**
 * Token counts of a reply as its provider reported them on `finish` (the AI SDK's
 * totalUsage). Reasoning and cached input are there only when the provider said.
 */
const Count = z.number().int().nonnegative();
export const Usage = z.object({
  inputTokens: Count,
  outputTokens: Count,
  reasoningTokens: Count.optional(),
  cachedInputTokens: Count.optional(),
});
export type Usage = z.infer<typeof Usage>;

/** The sum of two usages (a continued reply's streams, a conversation's replies); null = none known. */
export function addUsage(a: Usage | null, b: Usage | null): Usage | null {
  if (!a) return b;
  if (!b) return a;
  const sum: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
  for (const key of ['reasoningTokens', 'cachedInputTokens'] as const) {
    if (a[key] !== undefined || b[key] !== undefined) sum[key] = (a[key] ?? 0) + (b[key] ?? 0);
  }
  return sum;
}

/** The SDK's LanguageModelUsage (fields undefined when the provider did not say) → Usage, or null. */
export function usageFromSdk(u: {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  inputTokenDetails?: { cacheReadTokens: number | undefined };
  outputTokenDetails?: { reasoningTokens: number | undefined };
}): Usage | null {
  if (u.inputTokens === undefined && u.outputTokens === undefined) return null;
  const usage: Usage = { inputTokens: u.inputTokens ?? 0, outputTokens: u.outputTokens ?? 0 };
  const reasoning = u.outputTokenDetails?.reasoningTokens;
  const cached = u.inputTokenDetails?.cacheReadTokens;
  // The SDK's totalUsage adds steps up, turning "not reported" into 0: a 0 here says nothing.
  if (reasoning) usage.reasoningTokens = reasoning;
  if (cached) usage.cachedInputTokens = cached;
  return usage;
}

/** "1,234 in · 56 out · 12 reasoning · 1,000 cached" (tokens); reasoning and cached only when reported. */
export function usageText(usage: Usage): string {
  const n = (count: number) => count.toLocaleString('en-US');
  const parts = [`${n(usage.inputTokens)} in`, `${n(usage.outputTokens)} out`];
  if (usage.reasoningTokens !== undefined) parts.push(`${n(usage.reasoningTokens)} reasoning`);
  if (usage.cachedInputTokens !== undefined) parts.push(`${n(usage.cachedInputTokens)} cached`);
  return parts.join(' · ');
}
