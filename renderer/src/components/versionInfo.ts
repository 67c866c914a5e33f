import type { Message } from '../../../shared/api/schemas/messages';
import { versionsOf, type MessageTree } from '../../../shared/tree';

/** Where a shown message stands among its versions, for its switcher and Delete menu. */
export interface VersionInfo {
  /** 1-based position among its versions, in creation order. */
  index: number;
  count: number;
  previousId: string | null;
  nextId: string | null;
  /** Positions (1-based) of its other versions still streaming. */
  streaming: readonly number[];
  /** Its branch forks at or above it, so "Delete this branch" applies. */
  forked: boolean;
}

/** The version info of each message of the shown path (which runs from the first message down). */
export function versionInfos(tree: MessageTree<Message>, path: readonly Message[]): VersionInfo[] {
  let forked = false;
  return path.map((m) => {
    const { index, count, siblings } = versionsOf(tree, m.id);
    forked ||= count > 1;
    const streaming: number[] = [];
    siblings.forEach((s, i) => {
      if (s !== m && s.status === 'streaming') streaming.push(i + 1);
    });
    return {
      index,
      count,
      previousId: siblings[index - 2]?.id ?? null,
      nextId: siblings[index]?.id ?? null,
      streaming,
      forked,
    };
  });
}

/** Equal by value, so a message's view renders again only when its own versions changed. */
export function sameVersionInfo(a: VersionInfo, b: VersionInfo): boolean {
  return (
    a.index === b.index &&
    a.count === b.count &&
    a.previousId === b.previousId &&
    a.nextId === b.nextId &&
    a.forked === b.forked &&
    a.streaming.length === b.streaming.length &&
    a.streaming.every((n, i) => b.streaming[i] === n)
  );
}

/** "version 3", "versions 1 and 3", "versions 1, 2 and 4". */
export function versionList(positions: readonly number[]): string {
  if (positions.length === 1) return `version ${positions[0]}`;
  const head = positions.slice(0, -1).join(', ');
  return `versions ${head} and ${positions.at(-1)}`;
}

/** What a screen reader hears on the switcher: "Version 2 of 3. Version 3 is still streaming." */
export function versionAnnouncement(info: VersionInfo): string {
  const position = `Version ${info.index} of ${info.count}.`;
  if (info.streaming.length === 0) return position;
  const others = versionList(info.streaming);
  const verb = info.streaming.length === 1 ? 'is' : 'are';
  return `${position} ${others[0]!.toUpperCase()}${others.slice(1)} ${verb} still streaming.`;
}
