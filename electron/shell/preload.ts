// Exposes exactly the contract's methods to the page, nothing else. Runs
// sandboxed, so it is bundled to CommonJS with only `electron` required.
import { METHOD_NAMES } from '../../shared/contract';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contextBridge, ipcRenderer } = require('electron') as {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
    removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  };
};

const allowed = new Set<string>(METHOD_NAMES);

contextBridge.exposeInMainWorld('cgm', {
  call(method: string, input: unknown, callId?: string) {
    if (!allowed.has(method)) return Promise.resolve({ ok: false, error: `unknown method "${method}"` });
    return ipcRenderer.invoke('cgm:call', method, input, typeof callId === 'string' ? callId : undefined);
  },
  /** Aborts the call made with this id (an export, an import): its handler sees ctx.signal abort. */
  cancel(callId: string) {
    if (typeof callId === 'string') void ipcRenderer.invoke('cgm:cancel', callId);
  },
  onProgress(listener: (event: unknown) => void) {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on('cgm:progress', wrapped);
    return () => ipcRenderer.removeListener('cgm:progress', wrapped);
  },
  /** Electron only: a file dialog for the base-map tile file (browser mode types the path instead). */
  chooseTileFile(): Promise<unknown> {
    return ipcRenderer.invoke('cgm:choose-tile-file');
  },
  /** Electron only: the system's dialogs for a project file to open, or where to save one (browser mode lists the project folders instead). */
  chooseProjectToOpen(): Promise<unknown> {
    return ipcRenderer.invoke('cgm:choose-project-open');
  },
  chooseProjectToSave(suggestedName: string): Promise<unknown> {
    return ipcRenderer.invoke('cgm:choose-project-save', suggestedName);
  },
});
