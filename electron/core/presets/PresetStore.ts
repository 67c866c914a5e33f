import type { Database, Statement } from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import { ReplyParams } from '../../../shared/api/schemas/params';
import type { Preset, PresetFields } from '../../../shared/api/schemas/presets';
import type { Clock, IdGenerator } from '../deps';

interface Row {
  id: string;
  name: string;
  system_prompt: string | null;
  provider_id: string | null;
  model: string | null;
  params: string;
  created_at: number;
  updated_at: number;
}

/** Parameters that no longer validate (an older rule, a hand edit) read as none rather than failing. */
function paramsOf(text: string): ReplyParams {
  try {
    const parsed = ReplyParams.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function toPreset(r: Row): Preset {
  return {
    id: r.id,
    name: r.name,
    systemPrompt: r.system_prompt,
    providerId: r.provider_id,
    model: r.model,
    params: paramsOf(r.params),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The `presets` table (migration 018). */
export class PresetStore {
  private readonly selectAll: Statement<[], Row>;
  private readonly selectOne: Statement<[string], Row>;
  private readonly insert: Statement<
    [string, string, string | null, string | null, string | null, string, number, number]
  >;
  private readonly update: Statement<
    [string, string | null, string | null, string | null, string, number, string]
  >;
  private readonly remove: Statement<[string]>;

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.selectAll = db.prepare('SELECT * FROM presets ORDER BY name COLLATE NOCASE, created_at');
    this.selectOne = db.prepare('SELECT * FROM presets WHERE id = ?');
    this.insert = db.prepare(
      `INSERT INTO presets (id, name, system_prompt, provider_id, model, params, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE presets SET name = ?, system_prompt = ?, provider_id = ?, model = ?, params = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.remove = db.prepare('DELETE FROM presets WHERE id = ?');
  }

  list(): Preset[] {
    return this.selectAll.all().map(toPreset);
  }

  get(id: string): Preset {
    const row = this.selectOne.get(id);
    if (!row) throw new ApiFailure('NOT_FOUND', `No preset with id ${id}.`);
    return toPreset(row);
  }

  /** Creates (no id) or replaces a preset. A name another preset has is a CONFLICT. */
  save(id: string | undefined, p: PresetFields): Preset {
    const now = this.clock.now();
    const params = JSON.stringify(p.params);
    try {
      if (id === undefined) {
        const newId = this.newId();
        this.insert.run(newId, p.name, p.systemPrompt, p.providerId, p.model, params, now, now);
        return this.get(newId);
      }
      const { changes } = this.update.run(p.name, p.systemPrompt, p.providerId, p.model, params, now, id);
      if (changes === 0) throw new ApiFailure('NOT_FOUND', `No preset with id ${id}.`);
      return this.get(id);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new ApiFailure('CONFLICT', `A preset named “${p.name}” already exists.`);
      throw err;
    }
  }

  delete(id: string): void {
    if (this.remove.run(id).changes === 0) throw new ApiFailure('NOT_FOUND', `No preset with id ${id}.`);
  }
}
