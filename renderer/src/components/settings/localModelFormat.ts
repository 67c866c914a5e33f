import type { LocalDownload, LocalModel } from '../../../../shared/api/schemas/localModels';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatParameters(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)}K`;
  return String(n);
}

/** One line of what the header says: architecture, size, context, quantisation, bytes. */
export function describeLocalModel(m: LocalModel): string {
  return [
    m.architecture,
    m.parameters !== null ? `${formatParameters(m.parameters)} parameters` : null,
    m.contextLength !== null ? `context ${m.contextLength.toLocaleString('en-US')}` : null,
    m.quantisation,
    formatBytes(m.sizeBytes),
  ]
    .filter(Boolean)
    .join(' · ');
}

export function describeTemplate(m: LocalModel): string {
  return m.hasChatTemplate
    ? 'Chat template: uses its own'
    : 'No chat template: plain completion (the model continues your text)';
}

export function describeDownload(d: LocalDownload): string {
  const got = formatBytes(d.receivedBytes);
  const progress = d.totalBytes ? `${got} of ${formatBytes(d.totalBytes)}` : got;
  switch (d.state) {
    case 'downloading':
      return `Downloading · ${progress}`;
    case 'paused':
      return `Paused · ${progress}`;
    case 'verifying':
      return 'Checking the file…';
    case 'done':
      return 'Downloaded';
    case 'error':
      return `Failed · ${d.error ?? 'unknown error'}`;
  }
}
