import { useId } from 'react';
import { REASONING_EFFORTS, ReplyParams } from '../../../shared/api/schemas/params';

/** The parameter inputs as typed: '' = the provider's default. */
export interface ParamsDraft {
  temperature: string;
  topP: string;
  maxOutputTokens: string;
  reasoningEffort: string;
}

export function draftOf(params: ReplyParams): ParamsDraft {
  return {
    temperature: params.temperature?.toString() ?? '',
    topP: params.topP?.toString() ?? '',
    maxOutputTokens: params.maxOutputTokens?.toString() ?? '',
    reasoningEffort: params.reasoningEffort ?? '',
  };
}

/** The typed values as parameters, or the first problem in words (the same rules main checks). */
export function parseDraft(draft: ParamsDraft): { params: ReplyParams } | { error: string } {
  const candidate: Record<string, unknown> = {};
  for (const key of ['temperature', 'topP', 'maxOutputTokens'] as const) {
    const text = draft[key].trim();
    if (text) candidate[key] = Number(text);
  }
  if (draft.reasoningEffort) candidate.reasoningEffort = draft.reasoningEffort;
  const parsed = ReplyParams.safeParse(candidate);
  if (parsed.success) return { params: parsed.data };
  const issue = parsed.error.issues[0]!;
  return {
    error: issue.code === 'invalid_type' ? `${String(issue.path[0])} must be a number` : issue.message,
  };
}

const NUMBER_FIELDS = [
  { key: 'temperature', label: 'Temperature', hint: '0 to 2 (Anthropic: 0 to 1)', step: '0.1' },
  { key: 'topP', label: 'Top-p', hint: '0 to 1', step: '0.05' },
  { key: 'maxOutputTokens', label: 'Max output tokens', hint: '1 or more', step: '1' },
] as const;

/** Temperature, top-p, max output tokens and reasoning effort; empty = the provider's default. */
export function ParamsFields({ draft, onDraft }: { draft: ParamsDraft; onDraft(draft: ParamsDraft): void }) {
  const id = useId();
  return (
    <div className="params-fields">
      {NUMBER_FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
          <input
            id={`${id}-${f.key}`}
            className="input"
            type="number"
            inputMode="decimal"
            step={f.step}
            placeholder="provider default"
            value={draft[f.key]}
            onChange={(e) => onDraft({ ...draft, [f.key]: e.target.value })}
          />
          <p className="field-hint">{f.hint}</p>
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-effort`}>Reasoning effort</label>
        <select
          id={`${id}-effort`}
          className="select"
          value={draft.reasoningEffort}
          onChange={(e) => onDraft({ ...draft, reasoningEffort: e.target.value })}
        >
          <option value="">provider default</option>
          {REASONING_EFFORTS.map((effort) => (
            <option key={effort} value={effort}>
              {effort}
            </option>
          ))}
        </select>
        <p className="field-hint">OpenAI-compatible and Anthropic; not sent to local models</p>
      </div>
    </div>
  );
}
