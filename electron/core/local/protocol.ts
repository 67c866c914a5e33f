/** Messages between the main thread (LocalLlm) and the inference worker (llamaWorker). */

export interface GenerateRequest {
  modelPath: string;
  threads: number;
  /** The conversation as plain text turns (what a local model is sent). */
  messages: { role: 'system' | 'user' | 'assistant'; text: string }[];
  /** Continue: the partial reply, re-fed as the start of the model's answer. */
  continueFrom?: string;
  maxTokens: number;
  temperature: number;
  topP?: number;
  seed?: number;
  /** Context window; the model's own when smaller. */
  contextSize: number;
  /**
   * Tokens generated within this many ms go to the main thread as one message (0 =
   * one per token). At ~1000 tokens/s one message — and one chunk — per token made
   * the engine the bottleneck; the text is identical either way.
   */
  batchMs: number;
}

export type ToWorker =
  | { type: 'generate'; id: number; request: GenerateRequest }
  | { type: 'abort'; id: number }
  /** Dispose the model and end the worker (terminating it with a model loaded can abort the process). */
  | { type: 'close' };

/** How the prompt was built: the model's chat template, or plain completion for a base model. */
export type PromptMode = { mode: 'chat'; template: string } | { mode: 'completion' };

export type FromWorker =
  | { type: 'started'; id: number; prompt: PromptMode; loadMs: number }
  | { type: 'text'; id: number; text: string; tokens: number[] }
  | {
      type: 'done';
      id: number;
      stopReason: string;
      tokens: number;
      /** The model's own count of what it read and wrote (its context sequence's token meter). */
      usage?: { inputTokens: number; outputTokens: number };
    }
  | { type: 'failed'; id: number; message: string };
