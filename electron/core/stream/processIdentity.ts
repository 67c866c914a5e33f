/**
 * Whether a process recorded earlier (pid + start time) is still that same process.
 * A pid alone is not enough: pids are reused (pid_max is 32768 on many Linux boxes)
 * and a busy machine can hand a dead writer's pid to a new process before recovery
 * looks, which made a dead owner look alive (§3.7). On Linux the kernel's start time
 * of the process (field 22 of /proc/<pid>/stat, clock ticks since boot) tells them
 * apart; elsewhere there is no cheap equivalent and pid + heartbeat decide.
 */
import fs from 'node:fs';

export interface ProcStat {
  /** One letter: R, S, D, Z (zombie), X (dead), … */
  state: string;
  /** Clock ticks after boot at which the process started. */
  startTime: number;
}

/** /proc/<pid>/stat, or null where there is none (not Linux, or no such process). */
export function readProcStat(pid: number): ProcStat | null {
  if (process.platform !== 'linux') return null;
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 is the command name in parentheses and may itself hold spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = Number(fields[19]); // field 22; fields[0] is field 3
  if (!state || !Number.isSafeInteger(startTime)) return null;
  return { state, startTime };
}

/**
 * Whether `pid` still names the process that registered with `startTime`. A zombie
 * (killed, not yet reaped by its parent) is dead: it will never write again.
 */
export function sameProcessAlive(pid: number, startTime: number | null): boolean {
  if (!pidExists(pid)) return false;
  const stat = readProcStat(pid);
  // No /proc to read (not Linux, or it vanished this instant): the pid has to do.
  if (stat === null) return process.platform !== 'linux' || pidExists(pid);
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === null || stat.startTime === startTime;
}

export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
