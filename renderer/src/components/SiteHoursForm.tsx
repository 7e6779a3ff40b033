// The nearest site's opening hours, editable from the area: ODS and OSM site
// files seldom carry them, and without them availability cannot be judged.
// Saved as an undoable moment; the main process checks the OSM syntax.
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client';
import { onMomentApplied, recordEdit } from '../undo/undo-store';

interface Props {
  service: string;
  siteId: number;
  siteName: string;
}

export function SiteHoursForm({ service, siteId, siteName }: Props) {
  const id = useId();
  const [stored, setStored] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  // Until the stored hours arrive the field stays disabled: typed text would be overwritten by them.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => onMomentApplied((d) => d.has('siteHours') && setRevision((r) => r + 1)), []);
  useEffect(() => setLoaded(false), [service, siteId]);
  useEffect(() => {
    let cancelled = false;
    api.call('getSites', { service }).then((sites) => {
      if (cancelled) return;
      const hours = sites.find((s) => s.id === siteId)?.openingHours ?? null;
      setStored(hours);
      setValue(hours ?? '');
      setError(null);
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [service, siteId, revision]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const openingHours = value.trim() || null;
      const { inverse } = await api.call('applyMoment', { moment: { siteHours: { service, sites: [{ id: siteId, openingHours }] } } });
      recordEdit(`opening hours of ${siteName}`, inverse);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form className="site-hours" onSubmit={save} data-testid="site-hours-form">
      <label htmlFor={`${id}-hours`}>Opening hours of {siteName} (OpenStreetMap syntax)</label>
      <div className="site-hours__line">
        <input id={`${id}-hours`} value={value} disabled={!loaded} placeholder="e.g. Mo-Fr 08:00-18:30; Sa 09:00-12:00" onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="text-button text-button--primary" disabled={!loaded || (value.trim() || null) === stored}>Save</button>
      </div>
      {loaded && stored === null && <p className="area-panel__muted">Not recorded: availability cannot be judged for areas nearest this site.</p>}
      {error && <p className="field__error" role="alert">{error}</p>}
    </form>
  );
}
