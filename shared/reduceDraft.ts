/** The reducer's working copy (see shared/reduce.ts for the rules it follows). */
import type { Chunk } from './chunks';
import type {
  MessageError,
  MessagePart,
  MessageStatus,
  ReasoningPart,
  TextPart,
  ToolPart,
} from './api/schemas/messages';
import { parsePartialJson } from './partialJson';
import { cursorOf, ReducedSnapshot, type Cursor, type MessageSnapshot } from './reduceSnapshot';

type ToolState = ToolPart['state'];
export type StreamingKind = 'text' | 'reasoning';

/** A private, copy-on-write working copy of one snapshot: mutated freely, published once. */
export class Draft {
  private parts: MessagePart[];
  private status: MessageStatus;
  private error: MessageError | null;
  private readonly cursor: Cursor;
  private text: Map<string, number>;
  private reasoning: Map<string, number>;
  private tools: Map<string, number>;
  private stepStart: number;
  /** Parts copied (or created) by this draft, safe to mutate. */
  private readonly owned = new Set<number>();
  private partsCopied = false;
  private readonly ownedMaps = new Set<Map<string, number>>();
  private changed = false;

  constructor(private readonly base: MessageSnapshot) {
    this.parts = base.parts;
    this.status = base.status;
    this.error = base.error;
    this.cursor = cursorOf(base);
    this.text = this.cursor.text;
    this.reasoning = this.cursor.reasoning;
    this.tools = this.cursor.tools;
    this.stepStart = this.cursor.stepStart;
  }

  finish(): MessageSnapshot {
    if (!this.changed) return this.base;
    const c = this.cursor;
    const same =
      this.text === c.text &&
      this.reasoning === c.reasoning &&
      this.tools === c.tools &&
      this.stepStart === c.stepStart;
    const cursor = same
      ? c
      : { text: this.text, reasoning: this.reasoning, tools: this.tools, stepStart: this.stepStart };
    return new ReducedSnapshot(this.parts, this.status, this.error, cursor);
  }

  apply(chunk: Chunk): void {
    switch (chunk.type) {
      case 'text-start':
      case 'reasoning-start':
        this.open(chunk.type === 'text-start' ? 'text' : 'reasoning', chunk.id);
        return;
      case 'text-delta':
      case 'reasoning-delta': {
        const kind = chunk.type === 'text-delta' ? 'text' : 'reasoning';
        const part = this.editable<TextPart | ReasoningPart>(
          this.find(kind, chunk.id) ?? this.open(kind, chunk.id),
        );
        part.text += chunk.delta;
        return;
      }
      case 'text-end':
      case 'reasoning-end': {
        const kind = chunk.type === 'text-end' ? 'text' : 'reasoning';
        const index = this.find(kind, chunk.id);
        if (index === undefined) return;
        this.editable<TextPart | ReasoningPart>(index).state = 'done';
        this.writable(kind).delete(chunk.id);
        return;
      }
      case 'tool-input-start':
        return this.setTool(chunk.toolCallId, chunk.toolName, 'input-streaming', {}, true);
      case 'tool-input-delta': {
        const old = this.tool(chunk.toolCallId);
        const rawInput = (old?.rawInput ?? '') + chunk.inputTextDelta;
        const input = parsePartialJson(rawInput);
        const fields = input === undefined ? { rawInput } : { rawInput, input };
        return this.setTool(chunk.toolCallId, old?.toolName ?? 'unknown', 'input-streaming', fields, true);
      }
      case 'tool-input-available':
        return this.setTool(
          chunk.toolCallId,
          chunk.toolName,
          'input-available',
          defined({ input: chunk.input }),
          true,
        );
      case 'tool-output-available':
      case 'tool-output-error': {
        const old = this.tool(chunk.toolCallId);
        const result =
          chunk.type === 'tool-output-error'
            ? { errorText: chunk.errorText }
            : defined({ output: chunk.output });
        const state = chunk.type === 'tool-output-error' ? 'output-error' : 'output-available';
        return this.setTool(
          chunk.toolCallId,
          old?.toolName ?? 'unknown',
          state,
          { ...defined({ input: old?.input }), ...result },
          false,
        );
      }
      case 'start-step':
        this.stepStart = this.push({ type: 'step-start' });
        return;
      case 'finish-step':
        // The SDK forgets open text/reasoning parts at a step's end (they stay 'streaming').
        if (this.text.size > 0) this.text = this.own(new Map());
        if (this.reasoning.size > 0) this.reasoning = this.own(new Map());
        this.changed ||= this.text !== this.cursor.text || this.reasoning !== this.cursor.reasoning;
        return;
      case 'finish':
        return this.settle('complete', null);
      case 'error':
        return this.settle('error', { code: chunk.code ?? 'provider', message: chunk.errorText });
      case 'abort':
        return this.settle('cancelled', null);
      default:
        return; // 'start', 'raw', and any type a newer version logged: no part change
    }
  }

  private settle(status: MessageStatus, error: MessageError | null): void {
    if (this.status !== 'streaming') return;
    this.status = status;
    this.error = error;
    this.changed = true;
  }

  /** text-start / reasoning-start: a new streaming part, registered under its id. */
  private open(kind: StreamingKind, id: string): number {
    const part: MessagePart =
      kind === 'text'
        ? { type: 'text', text: '', state: 'streaming' }
        : { type: 'reasoning', id, text: '', state: 'streaming' };
    const index = this.push(part);
    this.writable(kind).set(id, index);
    return index;
  }

  /** The open part for an id, or a still-streaming part of this step it can adopt (see header). */
  private find(kind: StreamingKind, id: string): number | undefined {
    const open = kind === 'text' ? this.text : this.reasoning;
    const known = open.get(id);
    if (known !== undefined) return known;
    const claimed = new Set(open.values());
    let fallback: number | undefined;
    for (let i = this.parts.length - 1; i > this.stepStart; i--) {
      const p = this.parts[i] as MessagePart;
      if (p.type !== kind || p.state !== 'streaming' || claimed.has(i)) continue;
      if (kind === 'text' || (p as ReasoningPart).id === id) return this.adopt(kind, id, i);
      if ((p as ReasoningPart).id === undefined) fallback ??= i;
    }
    return fallback === undefined ? undefined : this.adopt(kind, id, fallback);
  }

  private adopt(kind: StreamingKind, id: string, index: number): number {
    this.writable(kind).set(id, index);
    return index;
  }

  private tool(toolCallId: string): ToolPart | undefined {
    const index = this.tools.get(toolCallId);
    return index === undefined ? undefined : (this.parts[index] as ToolPart);
  }

  /**
   * Writes a tool part the way the SDK's updateDynamicToolPart does: input chunks
   * update the call's part only within the current step (else a new part), outputs
   * update its latest part wherever it is. Fields not given are cleared.
   */
  private setTool(
    toolCallId: string,
    toolName: string,
    state: ToolState,
    fields: Partial<Pick<ToolPart, 'input' | 'output' | 'errorText' | 'rawInput'>>,
    currentStepOnly: boolean,
  ): void {
    const index = this.tools.get(toolCallId);
    if (index !== undefined && (!currentStepOnly || index > this.stepStart)) {
      const { input: _i, output: _o, errorText: _e, rawInput: _r, ...kept } = this.parts[index] as ToolPart;
      this.replace(index, { ...kept, toolName, state, ...fields });
    } else {
      const added = this.push({ type: 'dynamic-tool', toolName, toolCallId, state, ...fields });
      this.writable('tools').set(toolCallId, added);
    }
  }

  private writableParts(): MessagePart[] {
    if (!this.partsCopied) {
      this.parts = this.parts.slice();
      this.partsCopied = true;
    }
    this.changed = true;
    return this.parts;
  }

  private push(part: MessagePart): number {
    const parts = this.writableParts();
    parts.push(part);
    this.owned.add(parts.length - 1);
    return parts.length - 1;
  }

  private replace(index: number, part: MessagePart): void {
    this.writableParts()[index] = part;
    this.owned.add(index);
  }

  private editable<T extends MessagePart>(index: number): T {
    const parts = this.writableParts();
    if (!this.owned.has(index)) {
      parts[index] = { ...(parts[index] as MessagePart) };
      this.owned.add(index);
    }
    return parts[index] as T;
  }

  private writable(which: StreamingKind | 'tools'): Map<string, number> {
    const map = this[which];
    if (this.ownedMaps.has(map)) return map;
    this.changed = true;
    return (this[which] = this.own(new Map(map)));
  }

  private own(map: Map<string, number>): Map<string, number> {
    this.ownedMaps.add(map);
    return map;
  }
}

/** The object without its undefined-valued keys (the SDK sets them; storage drops them anyway). */
function defined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] !== undefined) out[key] = o[key];
  return out;
}
