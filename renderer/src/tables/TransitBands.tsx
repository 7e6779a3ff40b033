// The band table by public transport, beside the road one, when the project
// has a timetable: the analyst picks the day and the departure window, and
// each area's time is its median journey over the window (walks included).
import { useState } from 'react';
import type { MethodInput } from '../../../shared/contract';
import type { LoadedProject } from '../project/types';
import { BandTable } from './BandTable';
import { useRequest } from './use-request';

const WINDOW = /^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/;
const iso = (gtfs: string) => `${gtfs.slice(0, 4)}-${gtfs.slice(4, 6)}-${gtfs.slice(6, 8)}`;

/** The next Tuesday (a typical weekday) from today, kept within the dates the timetable covers. */
export function defaultTransitDate(today: Date, first: string | null, last: string | null): string {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  d.setUTCDate(d.getUTCDate() + ((2 - d.getUTCDay() + 7) % 7));
  let date = d.toISOString().slice(0, 10);
  if (last && date > iso(last)) date = iso(last);
  if (first && date < iso(first)) date = iso(first);
  return date;
}

type BandRequest = Omit<MethodInput<'getBandTable'>, 'transit'>;

export function TransitBands({ project, request, tag, compact }: { project: LoadedProject; request: BandRequest; tag?: string; compact?: boolean }) {
  const feed = project.info.transit;
  const [date, setDate] = useState(() => defaultTransitDate(new Date(), feed?.firstDate ?? null, feed?.lastDate ?? null));
  const [depart, setDepart] = useState('08:00-09:00');
  // Closed until asked for: a window of departures takes seconds to route, and the road table comes first.
  const [open, setOpen] = useState(false);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && WINDOW.test(depart);
  // Realistic access is its own mix of walking and driving: public transport is asked for on its own.
  const r = useRequest('getBandTable', feed && open && valid ? { ...request, realistic: false, transit: { date, depart } } : null, true, tag);
  if (!feed) return null;
  return (
    <details className="transit-bands" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="transit-bands__title">By public transport</summary>
      <div className="transit-bands__controls">
        <label>
          Day{' '}
          <input type="date" value={date} min={feed.firstDate ? iso(feed.firstDate) : undefined} max={feed.lastDate ? iso(feed.lastDate) : undefined} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          Leaving between{' '}
          <input type="text" value={depart} size={11} pattern="\d{1,2}:\d{2}-\d{1,2}:\d{2}" aria-invalid={!WINDOW.test(depart)} onChange={(e) => setDepart(e.target.value.trim())} />
        </label>
      </div>
      {!valid && <p className="table-status" role="alert">Write the window as HH:MM-HH:MM, e.g. 08:00-09:00.</p>}
      {r.error && <p className="table-status table-status--error" role="alert">Public-transport times could not be computed: {r.error}</p>}
      {r.loading && !r.data && <p className="table-status" role="status"><span className="spinner spinner--small" aria-hidden="true" /> Computing journeys by public transport…</p>}
      {r.data && !r.error && (
        <>
          <BandTable project={project} table={r.data} compact={compact} />
          <p className="table-note">{r.data.transit?.assumptions}</p>
        </>
      )}
    </details>
  );
}
