export interface ListAnnouncerOptions<T> {
  list(): T[];
  announce(list: T[]): void;
}

/**
 * Tells the windows a small list (presets, folders) changed, however it did: a call
 * through this core, another process on the library, a sync pull. Every path asks the
 * same question (is it different from what the windows were last told?), so a change is
 * announced once, whichever path notices it first. The whole list is read and compared:
 * a user keeps a handful, and a rename by sync (a name clash) moves no timestamp to
 * compare instead.
 */
export class ListAnnouncer<T> {
  private last: string;

  constructor(private readonly o: ListAnnouncerOptions<T>) {
    this.last = JSON.stringify(o.list());
  }

  /** Announces the list if it differs from the one last announced (or read at start). */
  announceIfChanged(): void {
    const list = this.o.list();
    const now = JSON.stringify(list);
    if (now === this.last) return;
    this.last = now;
    this.o.announce(list);
  }
}
