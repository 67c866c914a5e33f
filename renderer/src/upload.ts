import { IMPORT_UPLOAD_HTTP_PATH } from '../../shared/api/schemas/import';
import { storedToken } from './api/browserToken';

/**
 * Browser mode's upload for Settings → Import: the file goes to the host as the body
 * of a same-origin POST (the page's token, as Bearer, and its Origin authenticate it), streamed
 * by the browser from disk. XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadImportFile(
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', IMPORT_UPLOAD_HTTP_PATH);
    const token = storedToken(sessionStorage);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
    xhr.onerror = () => reject(new Error('The upload failed: the connection to Spool was lost.'));
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { uploadId?: string; error?: string };
        if (xhr.status === 200 && body.uploadId) resolve(body.uploadId);
        else reject(new Error(body.error ?? `The upload failed (HTTP ${xhr.status}).`));
      } catch {
        reject(new Error(`The upload failed (HTTP ${xhr.status}): ${xhr.responseText.trim()}`));
      }
    };
    xhr.send(file);
  });
}
