import type { MessagePart } from '../../../shared/api/schemas/messages';

/**
 * ChatGPT message content → Spool parts. The export's `content` is
 * `{content_type, …}`: `text` and `multimodal_text` carry `parts` (strings, image or
 * audio pointers), `code` carries `text` + `language`, a tool's `execution_output`
 * carries `text`, browsing carries `result`/`summary`, `thoughts` the model's
 * reasoning. What Spool has no shape for is kept as visible text, never dropped.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Looks up whether a file named in the export is in the zip (by its file id). */
export type AssetLookup = (fileId: string) => string | undefined;

export interface ContentContext {
  /** The tool's name for tool output (author.name), e.g. "python". */
  author: string | null;
  nodeId: string;
  assets: AssetLookup;
}

const text = (t: string): MessagePart => ({ type: 'text', text: t });

/** `file-service://file-abc` or `sediment://file_abc` → `file-abc` / `file_abc`. */
function fileIdOf(pointer: string): string {
  return pointer.replace(/^[a-z-]+:\/\//, '');
}

function imagePlaceholder(part: Json, assets: AssetLookup): string {
  const id = fileIdOf(str(part.asset_pointer)) || 'unknown';
  const size =
    typeof part.width === 'number' && typeof part.height === 'number' ? `, ${part.width}×${part.height}` : '';
  const inZip = assets(id);
  return inZip
    ? `[Image ${id}${size}: not imported; it is in the export as ${inZip}]`
    : `[Image ${id}${size}: not in the export]`;
}

function multimodalPart(part: unknown, assets: AssetLookup): string {
  if (typeof part === 'string') return part;
  if (!isObject(part)) return '';
  switch (part.content_type) {
    case 'image_asset_pointer':
      return imagePlaceholder(part, assets);
    case 'audio_transcription':
      return str(part.text);
    case 'audio_asset_pointer':
    case 'real_time_user_audio_video_asset_pointer':
      return '[Audio: not imported]';
    default:
      return `[${str(part.content_type) || 'Unknown part'}: not imported]`;
  }
}

function joinParts(parts: unknown, assets: AssetLookup): string {
  if (!Array.isArray(parts)) return '';
  return parts
    .map((p) => multimodalPart(p, assets))
    .filter((t) => t !== '')
    .join('\n\n');
}

function fenced(language: string, body: string): string {
  const fence = body.includes('```') ? '````' : '```';
  return `${fence}${language}\n${body}\n${fence}`;
}

/** Parts of an assistant's or user's own content. */
export function contentParts(content: unknown, ctx: ContentContext): MessagePart[] {
  if (!isObject(content)) return [];
  const type = str(content.content_type);
  switch (type) {
    case 'text':
    case 'multimodal_text': {
      const body = joinParts(content.parts, ctx.assets);
      return body ? [text(body)] : [];
    }
    case 'code': {
      const language = str(content.language) === 'unknown' ? '' : str(content.language);
      return [text(fenced(language, str(content.text)))];
    }
    case 'thoughts': {
      const thoughts = Array.isArray(content.thoughts) ? content.thoughts : [];
      const body = thoughts
        .filter(isObject)
        .map((t) => [str(t.summary), str(t.content)].filter(Boolean).join('\n'))
        .join('\n\n');
      return body ? [{ type: 'reasoning', text: body }] : [];
    }
    case 'reasoning_recap':
      return str(content.content) ? [{ type: 'reasoning', text: str(content.content) }] : [];
    case 'execution_output':
    case 'tether_browsing_display':
    case 'tether_quote':
    case 'system_error':
      return [toolOutput(content, ctx)];
    default:
      // Unknown to this importer: shown as its JSON rather than lost.
      return [
        text(`[ChatGPT content "${type || 'unknown'}"]\n${fenced('json', JSON.stringify(content, null, 2))}`),
      ];
  }
}

/** A tool's output (code execution, browsing, an error) as a finished tool call. */
function toolOutput(content: Json, ctx: ContentContext): MessagePart {
  const output =
    content.content_type === 'tether_browsing_display'
      ? [str(content.summary), str(content.result)].filter(Boolean).join('\n\n')
      : content.content_type === 'tether_quote'
        ? [str(content.title), str(content.url), str(content.text)].filter(Boolean).join('\n')
        : str(content.text);
  const toolName = ctx.author || str(content.name) || 'tool';
  if (content.content_type === 'system_error') {
    return {
      type: 'dynamic-tool',
      toolName,
      toolCallId: ctx.nodeId,
      state: 'output-error',
      errorText: output,
    };
  }
  return { type: 'dynamic-tool', toolName, toolCallId: ctx.nodeId, state: 'output-available', output };
}

/** Files the user attached (their contents are not in conversations.json). */
export function attachmentParts(metadata: unknown, assets: AssetLookup): MessagePart[] {
  if (!isObject(metadata) || !Array.isArray(metadata.attachments)) return [];
  return metadata.attachments.filter(isObject).map((a) => {
    const name = str(a.name) || str(a.id) || 'file';
    const inZip = assets(str(a.id));
    return text(
      inZip ? `[Attachment ${name}: in the export as ${inZip}]` : `[Attachment ${name}: not in the export]`,
    );
  });
}
