import { useStore } from 'zustand';
import { useStores } from '../stores/context';
import { CloseIcon } from './icons';

/** Shown while the browser-mode socket is down; the client retries by itself. */
export function ConnectionBanner() {
  const { connection } = useStores();
  const status = useStore(connection, (s) => s.status);
  if (status === 'unauthorized') {
    return (
      <div className="banner banner-error" role="alert">
        This page’s link is no longer valid: Spool was started again with a new token. Open the URL Spool
        printed when it started. Everything already saved is safe.
      </div>
    );
  }
  if (status !== 'reconnecting') return null;
  return (
    <div className="banner banner-warning" role="status">
      <span className="spinner" aria-hidden="true" />
      Reconnecting to Spool… Everything already saved is safe; this page catches up once the connection is
      back.
    </div>
  );
}

/** Start-up notices from `app.info`, e.g. a corrupt database that was moved aside. */
export function NoticeBanners() {
  const { app } = useStores();
  const notices = useStore(app, (s) => s.notices);
  return notices.map((notice) => (
    <div key={notice.code} className={`banner banner-${notice.level}`} role="alert">
      <p className="banner-text">{notice.message}</p>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss notice"
        onClick={() => app.getState().dismissNotice(notice.code)}
      >
        <CloseIcon />
      </button>
    </div>
  ));
}

/** Errors from API calls: shown until dismissed, never swallowed. */
export function Toasts() {
  const { toasts } = useStores();
  const items = useStore(toasts, (s) => s.toasts);
  return (
    <div className="toasts" aria-live="assertive">
      {items.map((toast) => (
        <div key={toast.id} className="toast" role="alert">
          <p className="toast-text">{toast.message}</p>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss error"
            onClick={() => toasts.getState().dismiss(toast.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
