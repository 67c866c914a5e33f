import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { ModelPrice } from '../../../../shared/cost';
import { useStores } from '../../stores/context';
import { FormError } from '../FormError';

interface Row {
  model: string;
  input: string;
  output: string;
}

const toRow = (p: ModelPrice): Row => ({
  model: p.model,
  input: String(p.inputPerMillion),
  output: String(p.outputPerMillion),
});

/** The rows as prices, or the first problem in words (the schema main checks too). */
function parseRows(rows: Row[]): { prices: ModelPrice[] } | { error: string } {
  const prices: ModelPrice[] = [];
  for (const r of rows) {
    const parsed = ModelPrice.safeParse({
      model: r.model,
      inputPerMillion: r.input.trim() === '' ? NaN : Number(r.input),
      outputPerMillion: r.output.trim() === '' ? NaN : Number(r.output),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { error: issue.code === 'invalid_type' ? 'each price must be a number' : issue.message };
    }
    prices.push(parsed.data);
  }
  return { prices };
}

/** Settings → Prices: per model name, input and output per million tokens; replies then show a cost. */
export function PricesSection() {
  const { app } = useStores();
  const saved = useStore(app, (s) => s.settings?.modelPrices);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const shown = rows ?? (saved ?? []).map(toRow);
  const edit = (i: number, patch: Partial<Row>) =>
    setRows(shown.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function save() {
    const parsed = parseRows(shown);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    if (await app.getState().saveSettings({ modelPrices: parsed.prices })) setRows(null);
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        Prices
      </h3>
      <p className="settings-note">
        Optional: what a model costs per million tokens. Replies of a priced model show their cost.
      </p>
      {shown.length > 0 && (
        <ul className="price-rows" aria-label="Prices">
          {shown.map((r, i) => (
            <li key={i} className="price-row">
              <div className="field">
                <label htmlFor={`${id}-${i}-model`}>Model name</label>
                <input
                  id={`${id}-${i}-model`}
                  className="input"
                  value={r.model}
                  onChange={(e) => edit(i, { model: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-${i}-in`}>Input per million</label>
                <input
                  id={`${id}-${i}-in`}
                  className="input"
                  inputMode="decimal"
                  value={r.input}
                  onChange={(e) => edit(i, { input: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-${i}-out`}>Output per million</label>
                <input
                  id={`${id}-${i}-out`}
                  className="input"
                  inputMode="decimal"
                  value={r.output}
                  onChange={(e) => edit(i, { output: e.target.value })}
                />
              </div>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setRows(shown.filter((_, j) => j !== i))}
              >
                Remove <span className="visually-hidden">price of {r.model || 'this model'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => setRows([...shown, { model: '', input: '', output: '' }])}
        >
          Add a price
        </button>
        <button type="button" className="button" disabled={rows === null} onClick={() => void save()}>
          Save prices
        </button>
      </div>
    </section>
  );
}
