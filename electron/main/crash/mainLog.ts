import log from 'electron-log/main';
import { LOG_FILES_KEPT, LOG_MAX_BYTES, mainLogFile, rotateLogFile } from './logFiles';
import type { Redactor } from './redact';

/**
 * The main process's log: electron-log writing `<data dir>/logs/main.log`, rotated
 * at LOG_MAX_BYTES into main.1.log … main.5.log. Every message passes the redactor
 * first, for the file and the console alike, and console.* in main (including the
 * core's default reporters) goes through it too.
 */
export type MainLog = Pick<typeof log, 'error' | 'warn' | 'info' | 'debug'>;

export function startMainLog(dataDir: string, redactor: Redactor): MainLog {
  const file = mainLogFile(dataDir);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.archiveLogFn = (oldFile) => rotateLogFile(oldFile.path, LOG_FILES_KEPT);
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactor.redactValue(item)) }));
  // console.* now writes through electron-log (to the terminal and the file), redacted.
  Object.assign(console, log.functions);
  return log;
}
