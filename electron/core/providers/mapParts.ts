/**
 * The AI SDK's fullStream parts → Spool's chunk vocabulary (shared/chunks.ts).
 * Errors and aborts are not mapped here: streamReply decides what they end as.
 */
import type { TextStreamPart, ToolSet } from 'ai';
import type { Chunk } from '../../../shared/chunks';
import { usageFromSdk } from '../../../shared/usage';

export type SdkPart = TextStreamPart<ToolSet>;

export interface PartMapperOptions {
  rawCapture: boolean;
  /** Drop whitespace at the start of the first text (see buildPrompt). */
  stripLeadingWhitespace: boolean;
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export class PartMapper {
  private stripping: boolean;

  constructor(private readonly options: PartMapperOptions) {
    this.stripping = options.stripLeadingWhitespace;
  }

  map(part: SdkPart): Chunk[] {
    switch (part.type) {
      case 'start':
        return [{ type: 'start' }];
      case 'start-step':
        return [{ type: 'start-step' }];
      case 'finish-step':
        return [{ type: 'finish-step' }];
      case 'finish': {
        const usage = usageFromSdk(part.totalUsage);
        return [{ type: 'finish', finishReason: part.finishReason, ...(usage ? { usage } : {}) }];
      }
      case 'text-start':
        return [{ type: 'text-start', id: part.id }];
      case 'text-delta':
        return this.textDelta(part.id, part.text);
      case 'text-end':
        return [{ type: 'text-end', id: part.id }];
      case 'reasoning-start':
        return [{ type: 'reasoning-start', id: part.id }];
      case 'reasoning-delta':
        // Anthropic's signature arrives as an empty delta: nothing to say.
        return part.text ? [{ type: 'reasoning-delta', id: part.id, delta: part.text }] : [];
      case 'reasoning-end':
        return [{ type: 'reasoning-end', id: part.id }];
      case 'tool-input-start':
        return [{ type: 'tool-input-start', toolCallId: part.id, toolName: part.toolName }];
      case 'tool-input-delta':
        return [{ type: 'tool-input-delta', toolCallId: part.id, inputTextDelta: part.delta }];
      case 'tool-call':
        return [
          {
            type: 'tool-input-available',
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: part.input,
          },
        ];
      case 'tool-result':
        return [{ type: 'tool-output-available', toolCallId: part.toolCallId, output: part.output }];
      case 'tool-error':
        return [{ type: 'tool-output-error', toolCallId: part.toolCallId, errorText: errorText(part.error) }];
      case 'raw':
        // A part the SDK could not parse has no rawValue; streamReply logs its text instead.
        return this.options.rawCapture && part.rawValue !== undefined
          ? [{ type: 'raw', value: part.rawValue }]
          : [];
      default:
        // tool-input-end (tool-call follows with the whole input), sources, files,
        // approvals: nothing Spool shows yet.
        return [];
    }
  }

  private textDelta(id: string, text: string): Chunk[] {
    if (!this.stripping) return text ? [{ type: 'text-delta', id, delta: text }] : [];
    const rest = text.replace(/^\s+/, '');
    if (!rest) return [];
    this.stripping = false;
    return [{ type: 'text-delta', id, delta: rest }];
  }
}
