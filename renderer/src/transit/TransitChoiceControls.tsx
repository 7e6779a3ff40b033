// Public transport as a choice beside the road mode: a switch, the day (within
// the feed's dates) and the departure window. The band table adds its
// public-transport column group and the map its transit isochrones from it.
import { useEffect, useState } from 'react';
import type { LoadedProject } from '../project/types';
import { defaultTransitDate, gtfsToIso, OPENING_HOURS, setTransitChoice, useTransitChoice, WINDOW_PATTERN } from './transit-choice';

export function TransitChoiceControls({ project }: { project: LoadedProject }) {
  const feed = project.info.transit;
  const choice = useTransitChoice();
  // The window last written, kept while the opening hours are chosen so switching back restores it.
  const [written, setWritten] = useState(choice.depart === OPENING_HOURS ? '08:00-09:00' : choice.depart);
  const byHours = choice.depart === OPENING_HOURS;
  useEffect(() => {
    if (feed && !choice.date) setTransitChoice({ date: defaultTransitDate(new Date(), feed.firstDate, feed.lastDate) });
  }, [feed, choice.date]);
  if (!feed) return null;
  const windowOk = byHours || WINDOW_PATTERN.test(choice.depart);
  return (
    <fieldset className="transit-choice">
      <legend className="visually-hidden">Public transport</legend>
      <label className="dock-field" title="Adds each segment's % within each band by public transport, from the imported timetable">
        <input type="checkbox" checked={choice.on} onChange={(e) => setTransitChoice({ on: e.target.checked })} /> Public transport (band columns and map layer)
      </label>
      {choice.on && (
        <>
          <label>
            Day{' '}
            <input type="date" value={choice.date} min={feed.firstDate ? gtfsToIso(feed.firstDate) : undefined} max={feed.lastDate ? gtfsToIso(feed.lastDate) : undefined} onChange={(e) => setTransitChoice({ date: e.target.value })} />
          </label>
          <label title="Each minute any site is open that day, counting only journeys that reach a site while it is open (its recorded opening hours)">
            <input type="checkbox" checked={byHours} onChange={(e) => setTransitChoice({ depart: e.target.checked ? OPENING_HOURS : written })} /> Leaving during opening hours
          </label>
          {!byHours && (
            <label>
              Leaving between{' '}
              <input type="text" value={choice.depart} size={11} pattern="\d{1,2}:\d{2}-\d{1,2}:\d{2}" aria-invalid={!windowOk} onChange={(e) => (setWritten(e.target.value.trim()), setTransitChoice({ depart: e.target.value.trim() }))} />
            </label>
          )}
          {!windowOk && <p className="table-status" role="alert">Write the window as HH:MM-HH:MM, e.g. 08:00-09:00.</p>}
        </>
      )}
    </fieldset>
  );
}
