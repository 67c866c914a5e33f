import { z } from 'zod';

export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/**
 * Sampling and length settings of a conversation's replies; a field left out is the
 * provider's own default (nothing is sent for it). Ranges are the widest any supported
 * provider takes; a provider with a narrower one refuses at send (chat/replyParams.ts).
 */
export const ReplyParams = z
  .object({
    temperature: z.number().min(0, 'temperature is at least 0').max(2, 'temperature is at most 2').optional(),
    topP: z.number().min(0, 'top-p is at least 0').max(1, 'top-p is at most 1').optional(),
    maxOutputTokens: z
      .number()
      .int('max output tokens must be a whole number')
      .min(1, 'max output tokens is at least 1')
      .max(1_000_000, 'max output tokens is at most 1000000')
      .optional(),
    /** Sent to providers that take it (OpenAI-compatible `reasoning_effort`, Anthropic `effort`). */
    reasoningEffort: z.enum(REASONING_EFFORTS).optional(),
  })
  .strict();
export type ReplyParams = z.infer<typeof ReplyParams>;
