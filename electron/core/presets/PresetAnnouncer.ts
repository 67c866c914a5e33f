import type { Preset } from '../../../shared/api/schemas/presets';

export interface PresetAnnouncerOptions {
  list(): Preset[];
  announce(presets: Preset[]): void;
}

/**
 * Tells the windows the presets changed, however they did: a call through this core,
 * another process on the library, a sync pull. Every path asks the same question (are
 * they different from what the windows were last told?), so a change is announced once,
 * whichever path notices it first. The whole list is read and compared: a user keeps a
 * handful, and a rename by sync (a name clash) moves no timestamp to compare instead.
 */
export class PresetAnnouncer {
  private last: string;

  constructor(private readonly o: PresetAnnouncerOptions) {
    this.last = JSON.stringify(o.list());
  }

  /** Announces the list if it differs from the one last announced (or read at start). */
  announceIfChanged(): void {
    const presets = this.o.list();
    const now = JSON.stringify(presets);
    if (now === this.last) return;
    this.last = now;
    this.o.announce(presets);
  }
}
