/**
 * Browser mode's downloads: a same-origin link clicked for the user, so the page's
 * token cookie authenticates the GET and the browser streams the file to disk
 * (nothing is held in the page). Given to the stores by main.tsx.
 */
export function downloadWithLink(path: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = path;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
