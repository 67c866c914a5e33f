import { BrowserWindow, dialog } from 'electron';
import type { ExportDescription } from '../../shared/api/schemas/export';

/**
 * `export.save` in the desktop app: the OS save dialog (a folder picker for the
 * Markdown-folder export) names the destination; the core then streams the export
 * there (electron/core/export). Returns null when the user cancels.
 */
export async function chooseExportDestination(description: ExportDescription): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? undefined;
  if (description.directory) {
    const options: Electron.OpenDialogOptions = {
      title: 'Export the library as Markdown files into…',
      buttonLabel: 'Export here',
      properties: ['openDirectory', 'createDirectory'],
    };
    const picked = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  }
  const extension = description.fileName.split('.').pop() ?? '';
  const options: Electron.SaveDialogOptions = {
    title: 'Export',
    defaultPath: description.fileName,
    filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
  };
  const saved = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return saved.canceled || !saved.filePath ? null : saved.filePath;
}

/** "Add GGUF file…" in the desktop app: the OS file picker. Returns null when the user cancels. */
export async function chooseModelFile(): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? undefined;
  const options: Electron.OpenDialogOptions = {
    title: 'Add a GGUF model',
    buttonLabel: 'Add model',
    properties: ['openFile'],
    filters: [{ name: 'GGUF models', extensions: ['gguf'] }],
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}

/** Settings → Import in the desktop app: the OS file picker. Returns null when the user cancels. */
export async function chooseImportFile(): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? undefined;
  const options: Electron.OpenDialogOptions = {
    title: 'Import a ChatGPT, Claude or Spool export',
    buttonLabel: 'Import',
    properties: ['openFile'],
    filters: [{ name: 'Exports', extensions: ['zip', 'json'] }],
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}
