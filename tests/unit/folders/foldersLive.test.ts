/**
 * Folders reach every open window as they change — made here, by another process on the
 * same library (the CLI, a second host) or brought in by sync — as `folders.changed`
 * carrying the whole list, once per change.
 */
import { describe, expect, it } from 'vitest';
import type { Folder } from '../../../shared/api/schemas/folders';
import type { TestCore } from '../chat/helpers';
import { eventsNamed, useTwoProcesses } from '../chat/twoProcesses';

const twoProcesses = useTwoProcesses('spool-folders-live-');
const folderNames = (t: TestCore) =>
  eventsNamed(t, 'folders.changed').map((e) => e.payload.folders.map((f) => f.name));

describe('folders.changed', () => {
  it('tells a connected window about a folder another process created on the same library', async () => {
    const { window, other } = twoProcesses();
    await other.ok('folders.create', { name: 'Work' });
    window.core.externalChanges.check();
    expect(folderNames(window)).toEqual([['Work']]);
  });

  it('tells a connected window when another process renames and deletes a folder', async () => {
    const { window, other } = twoProcesses();
    const work = await other.ok<Folder>('folders.create', { name: 'Work' });
    window.core.externalChanges.check();
    await other.ok('folders.rename', { id: work.id, name: 'Office' });
    window.core.externalChanges.check();
    await other.ok('folders.delete', { id: work.id });
    window.core.externalChanges.check();
    expect(folderNames(window)).toEqual([['Work'], ['Office'], []]);
  });

  it('stays quiet when another process changed the library but no folder', async () => {
    const { window, other } = twoProcesses();
    await other.ok('conversations.create', {});
    window.core.externalChanges.check();
    expect(folderNames(window)).toEqual([]);
  });

  it('announces a folder made through this core once, not again when another process writes', async () => {
    const { window, other } = twoProcesses();
    await window.ok('folders.create', { name: 'Work' });
    await other.ok('conversations.create', {});
    window.core.externalChanges.check();
    expect(folderNames(window)).toEqual([['Work']]);
  });
});
