import type { MenuItemConstructorOptions } from 'electron';

/**
 * The native menu: the standard roles (app menu on macOS, File, Edit, View,
 * Window, Help) so copy/paste, zoom, full screen and window handling behave as on
 * every other app of the platform, plus About and "Open Data Folder". A pure
 * template builder (electron is imported for types only), so a unit test reads it.
 */
export interface MenuActions {
  showAbout: () => void;
  openDataFolder: () => void;
  openLogsFolder: () => void;
}

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools are offered only in development builds. */
  dev: boolean;
  actions: MenuActions;
}

export function buildMenuTemplate({
  appName,
  platform,
  dev,
  actions,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: actions.showAbout };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    role: 'appMenu',
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    role: 'fileMenu',
    submenu: [
      { label: 'Open Data Folder', click: actions.openDataFolder },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    role: 'viewMenu',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(dev ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const helpMenu: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Open Logs Folder', click: actions.openLogsFolder },
      ...(mac ? [] : [{ type: 'separator' } as const, about]),
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    fileMenu,
    { label: 'Edit', role: 'editMenu' },
    viewMenu,
    { label: 'Window', role: 'windowMenu' },
    helpMenu,
  ];
}

/** The About box's text: what a bug report needs, and where the user's data is. */
export function aboutDetail(info: {
  version: string;
  dataDir: string;
  logsDir: string;
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
}): string {
  const runtime = (['electron', 'chrome', 'node'] as const)
    .filter((name) => info.versions[name])
    .map((name) => `${name[0]!.toUpperCase()}${name.slice(1)} ${info.versions[name]}`)
    .join(', ');
  return [
    `Version ${info.version}`,
    '',
    `Data folder: ${info.dataDir}`,
    `Logs: ${info.logsDir}`,
    ...(runtime ? ['', runtime] : []),
  ].join('\n');
}
