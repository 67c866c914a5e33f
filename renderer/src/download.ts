import { WEB_TICKET_PATH } from '../../shared/api/bridge';

/**
 * Browser mode's downloads: a same-origin link clicked for the user, so the browser
 * streams the file to disk (nothing is held in the page). A link cannot carry the
 * page's token, and the token is never in a cookie, so the page first asks for a
 * single-use ticket for exactly this download and puts that in the link: the URL the
 * browser keeps in its download history opens nothing afterwards. Given to the stores
 * by main.tsx.
 */
export function downloadWithTicket(token: string) {
  return async (path: string, fileName: string): Promise<void> => {
    const res = await fetch(WEB_TICKET_PATH, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ path }),
    });
    if (!res.ok) throw new Error(`The download was refused (HTTP ${res.status}).`);
    const { ticket } = (await res.json()) as { ticket: string };
    const link = document.createElement('a');
    link.href = `${path}${path.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  };
}
