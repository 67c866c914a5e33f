/**
 * The convergence test's oracle: what each record must end as, computed from the
 * operations alone. Every change a device made is one write stamped with its hybrid
 * logical clock; the record ends as the write with the greatest (clock, device), or
 * absent once any device purged it (a purge is final). Checking devices against this,
 * not only against each other, catches an edit every device lost alike.
 */
export interface Write {
  id: string;
  hlc: bigint;
  device: string;
  /** The row as its device held it right after the change; null for a purge. */
  row: unknown;
}

export class ConvergenceModel {
  private readonly writes = new Map<string, Write[]>();
  private readonly attachments = new Set<string>();

  record(write: Write): void {
    const list = this.writes.get(write.id) ?? [];
    list.push(write);
    this.writes.set(write.id, list);
  }

  attached(id: string): void {
    this.attachments.add(id);
  }

  /** Each record's winning row, by id; purged records are absent. */
  expectedRows(): unknown[] {
    const out: [string, unknown][] = [];
    for (const [id, list] of this.writes) {
      if (list.some((w) => w.row === null)) continue;
      const winner = list.reduce((best, w) =>
        w.hlc > best.hlc || (w.hlc === best.hlc && w.device > best.device) ? w : best,
      );
      out.push([id, winner.row]);
    }
    return out.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, row]) => row);
  }

  expectedAttachments(): string[] {
    return [...this.attachments].sort();
  }
}
