// The note every table that counts what-if sites shows above itself, so a
// table with proposed sites in its figures is never mistaken for the real one.
import { proposedNote } from '../../../shared/analysis/what-if';

export { proposedNote };

export function WhatIfNote({ proposedSites, className }: { proposedSites: number | undefined; className: string }) {
  const note = proposedNote(proposedSites);
  return note ? <p className={`whatif-note ${className}`} data-proposed-sites={proposedSites}>What-if: {note}.</p> : null;
}
