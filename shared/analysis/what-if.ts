// The words that mark figures counting what-if (proposed) sites as open: the
// dock's tables show them above themselves and every export writes them into
// its title, notes or a column, so a what-if is never mistaken for the real map.

/** "counting 2 proposed sites as open", or '' when none were counted. */
export function proposedNote(proposedSites: number | undefined): string {
  const n = proposedSites ?? 0;
  return n > 0 ? `counting ${n} proposed site${n === 1 ? '' : 's'} as open` : '';
}

/** "What-if: counting 1 proposed site as open (not real sites until confirmed).", or null when none were counted. */
export function whatIfSentence(proposedSites: number | undefined): string | null {
  const note = proposedNote(proposedSites);
  return note ? `What-if: ${note} (not real sites until confirmed).` : null;
}
