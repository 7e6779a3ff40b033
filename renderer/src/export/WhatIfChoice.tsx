// The what-if choice in the export dialog: with proposed sites on the map, the
// files count them as open (as the map and dock do) unless the analyst asks for
// real sites only. Each file then says so in its title, notes or a column.
import { useId } from 'react';
import { proposedNote } from '../../../shared/analysis/what-if';

interface Props {
  /** Proposed sites of the chosen service (0: no what-if, nothing to choose). */
  proposedSites: number;
  counted: boolean;
  onChange(counted: boolean): void;
  /** The map image always draws what the map shows, so it only states it. */
  imageOnly: boolean;
  disabled: boolean;
}

export function WhatIfChoice({ proposedSites, counted, onChange, imageOnly, disabled }: Props) {
  const id = useId();
  if (proposedSites <= 0) return null;
  const sites = `${proposedSites} proposed site${proposedSites === 1 ? '' : 's'}`;
  if (imageOnly) return <p className="export-hint export-whatif">What-if: the image {proposedNote(proposedSites)}, as the map shows, and says so under the map.</p>;
  return (
    <p className="export-whatif">
      <input id={id} type="checkbox" checked={counted} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />{' '}
      <label htmlFor={id}>Count the {sites} as open, as the map and dock show (gaps, travel bands, isochrones and the report)</label>
      <span className="export-hint">{counted ? 'Each file says it is a what-if.' : 'Real sites only: the figures will differ from the map.'}</span>
    </p>
  );
}
