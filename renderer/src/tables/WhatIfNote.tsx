// The note every table that counts what-if sites shows above itself, so a
// table with proposed sites in its figures is never mistaken for the real one.

/** "counting 2 proposed sites as open", or '' when none were counted. */
export function proposedNote(proposedSites: number | undefined): string {
  const n = proposedSites ?? 0;
  return n > 0 ? `counting ${n} proposed site${n === 1 ? '' : 's'} as open` : '';
}

export function WhatIfNote({ proposedSites, className }: { proposedSites: number | undefined; className: string }) {
  const note = proposedNote(proposedSites);
  return note ? <p className={`whatif-note ${className}`} data-proposed-sites={proposedSites}>What-if: {note}.</p> : null;
}
