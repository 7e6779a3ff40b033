// "Data dates": each dataset the project holds and the date of its data, as
// recorded at import (from the file, or its modification date) or as given
// here. A copied file's modification date is not its release date, and a file
// dropped into the app has none, so the analyst sets the right one (as
// `cgm datasets --set-date` does), an undoable edit like any other. Prints' "Data as of" and credits read these.
import { useEffect, useRef, useState } from 'react';
import type { DatasetInfo } from '../../../shared/contract';
import { DATA_DATE_PATTERN } from '../../../shared/contract/datasets';
import { formatDataDate } from '../../../shared/import/data-date';
import { api } from '../api/client';
import { onMomentApplied, recordEdit } from '../undo/undo-store';
import { useFocusTrap } from '../import/use-focus-trap';
import '../import/import.css';
import './credits.css';

const SOURCE_TEXT: Record<NonNullable<DatasetInfo['dataDateSource']>, string> = {
  file: 'from the file',
  modified: 'file last modified: please check',
  analyst: 'set by you',
};

function DateRow({ dataset }: { dataset: DatasetInfo }) {
  const [text, setText] = useState(dataset.dataDate ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = `data-date-${dataset.kind}-${dataset.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const valid = DATA_DATE_PATTERN.test(text.trim());
  const save = async () => {
    setError(null);
    try {
      // An edit like any other: Ctrl+Z puts the date back (the dialog and the credits re-read on the applied moment).
      const { inverse } = await api.call('applyMoment', { moment: { dataDates: [{ kind: dataset.kind, name: dataset.name, date: text.trim() }] } });
      recordEdit(`date of the ${dataset.kind} data`, inverse);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <tr>
      <th scope="row">
        {dataset.kind}
        <span className="data-dates__name">{dataset.name !== dataset.kind ? ` · ${dataset.name}` : ''}</span>
      </th>
      <td className="data-dates__file">{dataset.sourceFile ?? '—'}</td>
      <td>
        <form
          className="data-dates__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) void save();
          }}
        >
          <label htmlFor={id} className="visually-hidden">
            Date of the {dataset.kind} data ({dataset.name})
          </label>
          <input id={id} value={text} placeholder="YYYY-MM" size={10} onChange={(e) => setText(e.target.value)} aria-invalid={text !== '' && !valid} aria-describedby={`${id}-note`} />
          <button type="submit" className="dialog-button" disabled={!valid || text.trim() === dataset.dataDate}>
            Save
          </button>
        </form>
        <span id={`${id}-note`} className="data-dates__note">
          {dataset.dataDate ? `${formatDataDate(dataset.dataDate)}, ${SOURCE_TEXT[dataset.dataDateSource ?? 'file']}` : 'Not recorded: give the date of this data'}
        </span>
        {error && (
          <span role="alert" className="data-dates__error">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

export function DataDatesDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const [datasets, setDatasets] = useState<DatasetInfo[] | null>(null);
  useFocusTrap(dialog, onClose);
  useEffect(() => {
    const read = () => api.call('listDatasets', {}).then(setDatasets, () => setDatasets([]));
    void read();
    // A date saved here, or undone and redone anywhere, is read again.
    return onMomentApplied((domains) => domains.has('dataDates') && void read());
  }, []);
  return (
    <div className="import-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="data-dates-dialog" role="dialog" aria-modal="true" aria-labelledby="data-dates-title" tabIndex={-1}>
        <header className="import-dialog__header">
          <h2 id="data-dates-title">Data dates</h2>
          <button type="button" className="dialog-button" onClick={onClose} data-autofocus>
            Close
          </button>
        </header>
        <p className="data-dates__intro">The date of each dataset's data, as YYYY, YYYY-MM or YYYY-MM-DD. Prints say “Data as of” the newest date among the layers shown, and credits carry these years.</p>
        {datasets === null ? (
          <p role="status">Reading the datasets…</p>
        ) : datasets.length === 0 ? (
          <p>Nothing imported yet.</p>
        ) : (
          <table className="data-dates">
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">File</th>
                <th scope="col">Date of the data</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <DateRow key={`${d.kind}\u0000${d.name}\u0000${d.dataDate ?? ''}`} dataset={d} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
