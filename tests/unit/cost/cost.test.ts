import { describe, expect, it } from 'vitest';
import { costOf, costText, totalCost } from '../../../shared/cost';
import { useChatFixture } from '../chat/helpers';

const prices = [{ model: 'gpt-x', inputPerMillion: 2, outputPerMillion: 8 }];

describe('cost of a reply', () => {
  it('is its input and output tokens at the model’s price per million', () => {
    expect(costOf({ inputTokens: 1_000, outputTokens: 500 }, 'gpt-x', prices)).toBeCloseTo(0.006, 10);
  });

  it('is unknown when the model has no price or the reply no usage', () => {
    expect(costOf({ inputTokens: 1, outputTokens: 1 }, 'other', prices)).toBeNull();
    expect(costOf(null, 'gpt-x', prices)).toBeNull();
  });

  it('sums over a conversation’s priced replies only', () => {
    const replies = [
      { usage: { inputTokens: 1_000_000, outputTokens: 0 }, model: 'gpt-x' },
      { usage: { inputTokens: 1_000_000, outputTokens: 0 }, model: 'unpriced' },
      { usage: null, model: null },
    ];
    expect(totalCost(replies, prices)).toBe(2);
    expect(totalCost(replies.slice(1), prices)).toBeNull();
  });

  it('reads with cents above a cent and two significant digits below', () => {
    expect(costText(0.006)).toBe('0.0060');
    expect(costText(0.000123)).toBe('0.00012');
    expect(costText(12.5)).toBe('12.50');
  });
});

describe('prices in Settings', () => {
  const chat = useChatFixture({ provider: false });

  it('are kept by settings.set', async () => {
    const saved = await chat.t.ok<{ modelPrices: unknown }>('settings.set', {
      patch: { modelPrices: prices },
    });
    expect(saved.modelPrices).toEqual(prices);
  });

  it('refuse a negative price as a BAD_REQUEST', async () => {
    const result = await chat.t.call('settings.set', {
      patch: { modelPrices: [{ model: 'gpt-x', inputPerMillion: -1, outputPerMillion: 1 }] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
