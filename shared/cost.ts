import { z } from 'zod';
import type { Usage } from './usage';

const PerMillion = z
  .number()
  .min(0, 'a price is at least 0')
  .max(100_000, 'a price per million tokens is at most 100000');

/** What a model costs per million tokens, in the user's currency; set in Settings → Prices. */
export const ModelPrice = z
  .object({
    model: z.string().trim().min(1, 'a price needs the model’s name').max(500),
    inputPerMillion: PerMillion,
    outputPerMillion: PerMillion,
  })
  .strict();
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * A reply's cost from its usage, or null when its model has no price. Cached input is
 * priced as input (providers discount it differently; a price per model cannot say how),
 * and reasoning tokens are already among the output tokens the SDK reports.
 */
export function costOf(
  usage: Usage | null,
  model: string | null,
  prices: readonly ModelPrice[],
): number | null {
  if (!usage || !model) return null;
  const price = prices.find((p) => p.model === model);
  if (!price) return null;
  return (
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000
  );
}

/** The sum of the replies' costs that have a price; null when none has. */
export function totalCost(
  replies: readonly { usage: Usage | null; model: string | null }[],
  prices: readonly ModelPrice[],
): number | null {
  let total: number | null = null;
  for (const r of replies) {
    const cost = costOf(r.usage, r.model, prices);
    if (cost !== null) total = (total ?? 0) + cost;
  }
  return total;
}

/** "0.0123" — four significant places for small sums, cents for larger ones; no currency sign. */
export function costText(cost: number): string {
  if (cost === 0) return '0.00';
  if (cost < 0.01) return cost.toPrecision(2);
  return cost.toFixed(cost < 1 ? 4 : 2);
}
