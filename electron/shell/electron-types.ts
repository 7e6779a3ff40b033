// The small part of Electron's API the shell uses. Declared here so the main
// process type-checks on machines where the Electron binary (and so its
// package) could not be installed.
import type { GuardedContents, GuardedSession } from './guards';

export interface IpcMainInvokeEvent {
  senderFrame: { url: string } | null;
  /** The window's WebContents; its id tells windows apart. */
  sender: { id: number };
}

export interface WebContents extends GuardedContents {
  send(channel: string, ...args: unknown[]): void;
  /** Used by the export printers' hidden windows (export-printers.ts). */
  executeJavaScript(code: string): Promise<unknown>;
  capturePage(): Promise<{ toPNG(): Buffer }>;
  printToPDF(options: { preferCSSPageSize?: boolean; printBackground?: boolean; generateDocumentOutline?: boolean }): Promise<Buffer>;
}

export interface BrowserWindowInstance {
  webContents: WebContents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): void;
  show(): void;
  destroy(): void;
}

export type ElectronSession = GuardedSession;

export interface ElectronModule {
  app: {
    whenReady(): Promise<void>;
    on(event: 'window-all-closed', listener: () => void): void;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): void;
    quit(): void;
    getPath(name: 'userData'): string;
    /** True in an installed build, false when run from the repository. */
    readonly isPackaged: boolean;
  };
  BrowserWindow: new (options: Record<string, unknown>) => BrowserWindowInstance;
  dialog: {
    showOpenDialog(options: { title?: string; defaultPath?: string; properties: string[]; filters?: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
    showSaveDialog(options: { title?: string; defaultPath?: string; properties?: string[]; filters?: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  };
  ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
    handle(scheme: string, handler: (request: { url: string }) => Promise<Response> | Response): void;
  };
  session: {
    defaultSession: ElectronSession;
    fromPartition(partition: string): ElectronSession;
  };
}
