// The header's "Import…": opens the one file picker (see import-request.ts).
import { requestImport } from './import-request';

export function ImportButton() {
  return (
    <button type="button" className="header-button" onClick={() => requestImport()} title="Import boundaries, segments, population, postcodes, users, sites or roads (or drop files on the window)">
      Import…
    </button>
  );
}
