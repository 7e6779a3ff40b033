// Every segment of the scheme with its profile (employed, working age, car
// access, channels), any one editable: the area panel reaches only an area's
// largest segment, but the availability and awareness rules read the profile
// of every dominant segment. A segment without its own profile shows whose it
// reads. Each save is the same undoable moment as the area panel's form.
import { useId, useState } from 'react';
import type { SegmentProfile } from '../../../shared/contract';
import { useSchemeSegments, type SchemeSegment } from '../undo/use-moment-read';
import { SegmentProfileForm } from './SegmentProfileForm';
import '../styles/editors.css';

type Segment = SchemeSegment;

const pct = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
/** One line for the narrow panel: the shares the rules read, then the channels. */
const describeProfile = (p: SegmentProfile) =>
  `employed ${pct(p.employedShare)} · working age ${pct(p.workingAgeShare)} · car ${pct(p.carAccessShare)}` +
  (p.channels?.length ? ` · ${p.channels.join('; ')}` : '');
const hasProfile = (s: Segment | undefined): s is Segment & { profile: SegmentProfile } => !!s?.profile && Object.keys(s.profile).length > 0;

/** The segment whose profile this one reads: its own, else its nearest ancestor's (as the rules read it). */
function profileSource(byCode: Map<string, Segment>, s: Segment): Segment | null {
  for (let at: Segment | undefined = s, depth = 0; at && depth < 8; at = at.parentCode ? byCode.get(at.parentCode) : undefined, depth++) {
    if (hasProfile(at)) return at;
  }
  return null;
}

export function SegmentListEditor({ scheme }: { scheme: string }) {
  const id = useId();
  const segments = useSchemeSegments(scheme);
  const [editing, setEditing] = useState<string | null>(null);
  const byCode = new Map((segments ?? []).map((s) => [s.code, s]));

  return (
    <details className="list-editor" data-testid="segment-list-editor">
      <summary>Segment profiles</summary>
      {segments && (
        <table className="list-editor__table" aria-labelledby={`${id}-caption`}>
          <caption id={`${id}-caption`} className="list-editor__caption">{scheme}: {segments.length} segments</caption>
          <thead>
            <tr><th scope="col">Segment</th><th scope="col">Profile</th><th scope="col"><span className="visually-hidden">Edit</span></th></tr>
          </thead>
          <tbody>
            {segments.map((s) => {
              const from = profileSource(byCode, s);
              const p = from?.profile ?? {};
              const open = editing === s.code;
              return (
                <SegmentRows key={s.code} segment={s} open={open} onToggle={() => setEditing(open ? null : s.code)} scheme={scheme}>
                  <td className="list-editor__value">
                    {from ? describeProfile(p) : <span className="list-editor__missing">no profile</span>}
                    {from && from.code !== s.code && <span className="list-editor__missing"> (from {from.name})</span>}
                  </td>
                </SegmentRows>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}

interface RowsProps {
  segment: Segment;
  scheme: string;
  open: boolean;
  onToggle(): void;
  children: React.ReactNode;
}

function SegmentRows({ segment, scheme, open, onToggle, children }: RowsProps) {
  return (
    <>
      <tr data-segment-code={segment.code}>
        <th scope="row">{segment.name} <span className="list-editor__missing">({segment.code}, {segment.level})</span></th>
        {children}
        <td>
          <button type="button" className="text-button" aria-expanded={open} onClick={onToggle} aria-label={`Edit profile of ${segment.name} (${segment.code})`}>
            {open ? 'Close' : 'Edit'}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="list-editor__form-row">
          <td colSpan={3}>
            <SegmentProfileForm scheme={scheme} code={segment.code} />
          </td>
        </tr>
      )}
    </>
  );
}
