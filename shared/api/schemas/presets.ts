import { z } from 'zod';
import { Empty, Id, Timestamp } from './common';
import { Conversation, SystemPrompt } from './conversations';
import { ReplyParams } from './params';

const PresetName = z
  .string()
  .trim()
  .min(1, 'a preset needs a name')
  .max(100, 'a preset name holds at most 100 characters');

/** What a preset sets on a conversation it starts. */
export const PresetFields = z
  .object({
    name: PresetName,
    /** null = the default in Settings; '' = none. */
    systemPrompt: SystemPrompt.nullable(),
    /** Both or neither: null = the conversation's usual choice of model. */
    providerId: Id.nullable(),
    model: z.string().trim().min(1).max(500).nullable(),
    params: ReplyParams,
  })
  .strict()
  .refine((p) => (p.providerId === null) === (p.model === null), {
    message: 'a preset names both a provider and a model, or neither',
    path: ['model'],
  });
export type PresetFields = z.infer<typeof PresetFields>;

export const Preset = z.object({
  id: Id,
  name: z.string(),
  systemPrompt: z.string().nullable(),
  providerId: z.string().nullable(),
  model: z.string().nullable(),
  params: ReplyParams,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Preset = z.infer<typeof Preset>;

export const presetCalls = {
  /** Every preset, by name. */
  'presets.list': { request: Empty, reply: z.object({ presets: z.array(Preset) }) },
  /** Creates a preset (no id) or replaces one; a name already taken is a CONFLICT. */
  'presets.save': {
    request: z.object({ id: Id.optional(), preset: PresetFields }).strict(),
    reply: Preset,
  },
  'presets.delete': { request: z.object({ id: Id }).strict(), reply: z.object({}) },
  /** Copies a preset's system prompt, parameters and model onto a conversation. */
  'presets.apply': {
    request: z.object({ id: Id, conversationId: Id }).strict(),
    reply: Conversation,
  },
} as const;
