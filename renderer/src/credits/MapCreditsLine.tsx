// The status bar's credits: the sources of the layers shown with their years,
// and the date of the data, with the Data dates dialog one click away.
import { useEffect, useState } from 'react';
import { formatDataDate } from '../../../shared/import/data-date';
import type { LayerDef } from '../layers/types';
import { onMomentApplied } from '../undo/undo-store';
import { DataDatesDialog } from './DataDatesDialog';
import { useMapCredits } from './use-map-credits';

export function MapCreditsLine({ layers, fallback }: { layers: readonly LayerDef[]; fallback: string[] }) {
  const [revision, setRevision] = useState(0);
  const [open, setOpen] = useState(false);
  // A data date set, undone or redone changes the credits' years and "Data as of".
  useEffect(() => onMomentApplied((domains) => domains.has('dataDates') && setRevision((r) => r + 1)), []);
  const credits = useMapCredits(layers, revision);
  const attributions = credits?.attributions ?? fallback;
  const date = credits?.dataDate ? `Data as of ${formatDataDate(credits.dataDate)}` : 'Data date not recorded';
  return (
    <span className="status-bar__attribution map-credits">
      <span className="map-credits__sources">{attributions.join(' · ')}</span>
      <button type="button" className="map-credits__date" onClick={() => setOpen(true)} title="The date of each dataset's data: check or correct it">
        {date}
      </button>
      {open && <DataDatesDialog onClose={() => setOpen(false)} />}
    </span>
  );
}
