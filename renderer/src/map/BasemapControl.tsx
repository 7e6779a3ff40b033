// Choosing the base map: the project's own data (the default) or a local
// PMTiles/MBTiles file. A browser cannot hand us a file's path, so browser mode
// takes a typed or pasted path; Electron opens its file dialog.
import { useId, useState, type FormEvent } from 'react';
import type { BasemapTilesState } from './basemap-tiles';

/** Electron's preload adds a file dialog beside the contract's call (electron/shell/preload.ts). */
type ElectronBridge = { chooseTileFile?(): Promise<unknown> };

export function BasemapControl({ basemap }: { basemap: BasemapTilesState }) {
  const id = useId();
  const [path, setPath] = useState('');
  const { info, error, busy } = basemap;
  const bridge = window.cgm as ElectronBridge | undefined;
  const dialog = bridge?.chooseTileFile ? () => bridge.chooseTileFile!() : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (path.trim() && (await basemap.choose(path.trim()))) setPath('');
  };
  const browse = async () => {
    const chosen = dialog ? await dialog() : null;
    if (typeof chosen === 'string') await basemap.choose(chosen);
  };

  return (
    <section className="panel basemap-control" aria-labelledby={`${id}-h`} aria-busy={busy}>
      <h2 id={`${id}-h`} className="panel__heading">Base map</h2>
      <p className="basemap-control__current" data-testid="basemap-current">
        {info ? `${info.name} (${info.kind === 'pmtiles' ? 'PMTiles' : 'MBTiles'}, ${info.format === 'pbf' ? 'vector' : info.format})` : "The project's own roads and boundaries"}
      </p>
      {dialog ? (
        <button type="button" className="text-button" disabled={busy} onClick={browse}>
          Choose tile file…
        </button>
      ) : (
        <form className="field" onSubmit={submit}>
          <label htmlFor={`${id}-path`}>Offline tile file (.pmtiles or .mbtiles), full path</label>
          <div className="field__row">
            <input id={`${id}-path`} type="text" value={path} spellCheck={false} placeholder="e.g. C:\Maps\OS_Open_Zoomstack.mbtiles" onChange={(e) => setPath(e.target.value)} />
            <button type="submit" className="text-button" disabled={busy || !path.trim()}>
              Use file
            </button>
          </div>
        </form>
      )}
      {info && (
        <button type="button" className="link-button" disabled={busy} onClick={() => void basemap.clear()}>
          Use the project's own base map
        </button>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
