import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutDetail, buildMenuTemplate, type MenuActions } from '../../../electron/main/menu';

function recordingActions() {
  const called: string[] = [];
  const actions: MenuActions = {
    showAbout: () => called.push('about'),
    openDataFolder: () => called.push('data'),
    openLogsFolder: () => called.push('logs'),
  };
  return { actions, called };
}

const items = (menu: MenuItemConstructorOptions) => (menu.submenu ?? []) as MenuItemConstructorOptions[];
const byLabel = (template: MenuItemConstructorOptions[], label: string) =>
  template.flatMap(items).find((item) => item.label === label);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Window and Help menus with their standard roles on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = buildMenuTemplate({ appName: 'Spool', platform, dev: false, ...recordingActions() });
      expect(template.map((m) => m.role)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    }
  });

  it('starts with the app menu on macOS', () => {
    const template = buildMenuTemplate({
      appName: 'Spool',
      platform: 'darwin',
      dev: false,
      ...recordingActions(),
    });
    expect(template.map((m) => m.role)).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
    expect(items(template[0]!).map((i) => i.role ?? i.label)).toContain('quit');
  });

  it('offers About and Open Data Folder, wired to their actions, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { actions, called } = recordingActions();
      const template = buildMenuTemplate({ appName: 'Spool', platform, dev: false, actions });
      const click = (label: string) =>
        (byLabel(template, label)?.click as (() => void) | undefined)?.call(undefined);
      click('About Spool');
      click('Open Data Folder');
      click('Open Logs Folder');
      expect(called, platform).toEqual(['about', 'data', 'logs']);
    }
  });

  it('offers the developer tools only in development', () => {
    const roles = (dev: boolean) =>
      buildMenuTemplate({ appName: 'Spool', platform: 'linux', dev, ...recordingActions() })
        .flatMap(items)
        .map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});

describe('aboutDetail', () => {
  it('shows the version, the data folder and the logs folder', () => {
    const text = aboutDetail({
      version: '0.1.0',
      dataDir: '/home/me/.config/Spool',
      logsDir: '/home/me/.config/Spool/logs',
      versions: { electron: '45.4.1', node: '22.20.0' },
    });
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Data folder: /home/me/.config/Spool');
    expect(text).toContain('Logs: /home/me/.config/Spool/logs');
    expect(text).toContain('Electron 45.4.1, Node 22.20.0');
  });
});
