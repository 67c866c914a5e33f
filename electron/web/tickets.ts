/**
 * Single-use download tickets. A download is a plain link the browser follows (so
 * it streams to disk), and a link cannot carry the page's Authorization header; the
 * page asks for a ticket (with its token) for one exact path and query, and puts the
 * ticket in the link. A ticket works once, for that path only, within `ttlMs`, so the
 * URL the browser keeps in its download history opens nothing afterwards.
 */
import { randomBytes } from 'node:crypto';

export const TICKET_TTL_MS = 60_000;
const MAX_OPEN_TICKETS = 1000;

export class TicketBook {
  private readonly open = new Map<string, { target: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = TICKET_TTL_MS,
  ) {}

  issue(target: string): string {
    this.prune();
    if (this.open.size >= MAX_OPEN_TICKETS) this.open.delete(this.open.keys().next().value!);
    const ticket = randomBytes(24).toString('base64url');
    this.open.set(ticket, { target, expiresAt: this.now() + this.ttlMs });
    return ticket;
  }

  /** True once for a live ticket issued for `target`; the ticket is spent either way. */
  redeem(ticket: string | null, target: string): boolean {
    if (!ticket) return false;
    const entry = this.open.get(ticket);
    this.open.delete(ticket);
    return entry !== undefined && entry.target === target && entry.expiresAt > this.now();
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, entry] of this.open) if (entry.expiresAt <= now) this.open.delete(ticket);
  }
}

/** A download URL's path and query without its ticket: what a ticket is issued for. */
export function ticketTarget(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('ticket');
  const query = params.toString();
  return url.pathname + (query ? `?${query}` : '');
}
