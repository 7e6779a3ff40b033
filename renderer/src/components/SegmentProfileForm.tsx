// The area's largest segment's profile: the working-age and employed shares the
// availability rule reads, car access, the channels the awareness finding
// names, and key facts. A segment without its own profile shows its parent's
// (which the rules then use); saving gives it its own. An undoable moment.
import { useEffect, useId, useState } from 'react';
import type { SegmentProfile } from '../../../shared/contract';
import { api } from '../api/client';
import { recordEdit } from '../undo/undo-store';
import { useSchemeSegments, type SchemeSegment } from '../undo/use-moment-read';

type Segment = SchemeSegment;
const NONE: Segment[] = [];

interface Props {
  scheme: string;
  code: string;
}

const pct = (v: number | undefined) => (v === undefined ? '' : String(Math.round(v * 1000) / 10));
const share = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text) / 100);

/** The segment's own profile, else the nearest ancestor's, with whose it is. */
function effectiveProfile(segments: Segment[], code: string): { profile: SegmentProfile; from: Segment | null } {
  const byCode = new Map(segments.map((s) => [s.code, s]));
  for (let s = byCode.get(code), depth = 0; s && depth < 8; s = s.parentCode ? byCode.get(s.parentCode) : undefined, depth++) {
    if (s.profile && Object.keys(s.profile).length) return { profile: s.profile, from: s };
  }
  return { profile: {}, from: null };
}

export function SegmentProfileForm({ scheme, code }: Props) {
  const id = useId();
  const segments = useSchemeSegments(scheme) ?? NONE;
  const [fields, setFields] = useState({ workingAge: '', employed: '', car: '', channels: '', keyFacts: '' });
  const [error, setError] = useState<string | null>(null);
  const segment = segments.find((s) => s.code === code);
  const { profile, from } = effectiveProfile(segments, code);
  useEffect(() => {
    setFields({
      workingAge: pct(profile.workingAgeShare), employed: pct(profile.employedShare), car: pct(profile.carAccessShare),
      channels: (profile.channels ?? []).join('; '), keyFacts: profile.keyFacts ?? '',
    });
    setError(null);
  }, [segments, code]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!segment) return null;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const next: SegmentProfile = {
      workingAgeShare: share(fields.workingAge), employedShare: share(fields.employed), carAccessShare: share(fields.car),
      channels: fields.channels.split(/[;,]/).map((c) => c.trim()).filter(Boolean),
      keyFacts: fields.keyFacts.trim() || undefined,
    };
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as SegmentProfile;
    try {
      const { inverse } = await api.call('applyMoment', { moment: { segmentProfiles: { scheme, segments: [{ code, profile: clean }] } } });
      recordEdit(`profile of ${segment.name}`, inverse);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setFields({ ...fields, [k]: e.target.value });

  return (
    <form className="segment-profile" onSubmit={save} data-testid="segment-profile-form">
      <p className="area-panel__muted">
        {segment.name} ({segment.code})
        {from === null ? ': no profile yet — availability cannot be judged where it dominates' : from.code !== code ? `: from ${from.name}` : ''}
      </p>
      <label htmlFor={`${id}-emp`}>Employed %</label>
      <input id={`${id}-emp`} inputMode="decimal" value={fields.employed} onChange={set('employed')} />
      <label htmlFor={`${id}-work`}>Working age (16–64) %</label>
      <input id={`${id}-work`} inputMode="decimal" value={fields.workingAge} onChange={set('workingAge')} />
      <label htmlFor={`${id}-car`}>Households with a car %</label>
      <input id={`${id}-car`} inputMode="decimal" value={fields.car} onChange={set('car')} />
      <label htmlFor={`${id}-chan`}>Preferred channels (most effective first)</label>
      <input id={`${id}-chan`} value={fields.channels} placeholder="e.g. text; face to face; community venues" onChange={set('channels')} />
      <label htmlFor={`${id}-facts`}>Key facts</label>
      <textarea id={`${id}-facts`} rows={2} value={fields.keyFacts} onChange={set('keyFacts')} />
      <button type="submit" className="text-button text-button--primary">Save profile</button>
      {error && <p className="field__error" role="alert">{error}</p>}
    </form>
  );
}
