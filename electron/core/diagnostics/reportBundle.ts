import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../../../shared/api/schemas/app';
import { reportDownloadPath, type DiagnosticsReport } from '../../../shared/api/schemas/diagnostics';
import type { Settings } from '../../../shared/api/schemas/settings';
import { STATS_PERIODS, type Stats, type StatsPeriod } from '../../../shared/api/schemas/stats';
import { redactChunkLog, redactSecrets } from './redact';
import { reportsDir } from './reportFiles';
import { writeZip, type ZipEntry } from './zip';

export interface ReportDeps {
  dataDir: string;
  info: AppInfo;
  settings(): Settings;
  /** Provider configs as the settings screen lists them (never a key). */
  providers(): Promise<unknown[]>;
  /** Every key Spool knows (stored and from the environment): replaced wherever it appears. */
  knownSecrets(): Promise<(string | undefined)[]>;
  stats(sinceMs: number): Stats;
  recentLog(): string[];
  /** One message's chunk log as jsonl (the export format); throws NOT_FOUND for an unknown id. */
  chunkLog(messageId: string): Promise<string>;
  now(): number;
}

const README = `Spool diagnostics bundle
========================

Written by "Report a problem" on your computer. Nothing has been sent anywhere:
read these files, and share the zip only if you want to.

about.json     Spool's version, the operating system, the database schema version
settings.json  Your settings and model providers, without API keys
stats.json     Local reliability figures for the last 24 hours, 7 days and 30 days
log.txt        Recent log lines of this session (secrets replaced by [redacted])
message-*.jsonl  The chunk log of the message you chose, if you chose one

API keys Spool knows, and anything shaped like a key or password, are replaced
by [redacted] in every file.
`;

/** What was written; whether it can be shown in its folder depends on the host (see handlers.ts). */
export type WrittenReport = Omit<DiagnosticsReport, 'canShowInFolder'>;

/** Builds the bundle and writes it to `<dataDir>/reports/` (as a .partial first, then renamed). */
export async function writeReportBundle(deps: ReportDeps, messageId?: string): Promise<WrittenReport> {
  const secrets = await deps.knownSecrets();
  const clean = (text: string) => redactSecrets(text, secrets);
  const json = (value: unknown) => clean(JSON.stringify(value, null, 2) + '\n');
  const now = deps.now();

  const entries: ZipEntry[] = [
    { name: 'README.txt', data: README },
    {
      name: 'about.json',
      data: json({
        app: deps.info.name,
        version: deps.info.version,
        mode: deps.info.mode,
        schemaVersion: deps.info.schemaVersion,
        os: { platform: process.platform, release: os.release(), arch: process.arch },
        runtime: { node: process.versions.node, electron: process.versions.electron ?? null },
        createdAt: new Date(now).toISOString(),
      }),
    },
    { name: 'settings.json', data: json({ settings: deps.settings(), providers: await deps.providers() }) },
    {
      name: 'stats.json',
      data: json(
        Object.fromEntries(
          (Object.keys(STATS_PERIODS) as StatsPeriod[]).map((p) => [p, deps.stats(STATS_PERIODS[p])]),
        ),
      ),
    },
    { name: 'log.txt', data: clean(deps.recentLog().join('\n') + '\n') },
  ];
  if (messageId)
    entries.push({
      name: `message-${messageId}.jsonl`,
      data: redactChunkLog(await deps.chunkLog(messageId), secrets),
    });

  const dir = reportsDir(deps.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `spool-report-${new Date(now).toISOString().replace(/[:.]/g, '-')}.zip`;
  const file = path.join(dir, fileName);
  const zip = writeZip(entries, new Date(now));
  fs.writeFileSync(`${file}.partial`, zip, { mode: 0o600 });
  fs.renameSync(`${file}.partial`, file);
  return {
    path: file,
    fileName,
    bytes: zip.length,
    files: entries.map((e) => e.name),
    downloadPath: reportDownloadPath(fileName),
  };
}
