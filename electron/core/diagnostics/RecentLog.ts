/** The last lines this process logged (operational lines, internal errors), for the diagnostics bundle. */
export class RecentLog {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 500) {}

  add(line: string, now = Date.now()): void {
    this.lines.push(`${new Date(now).toISOString()} ${line}`);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  all(): string[] {
    return [...this.lines];
  }
}
