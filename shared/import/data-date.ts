// The date of a dataset read from its file's name, where publishers put it:
// ONSPD_FEB_2024_UK.csv, NSPL_MAY_2023, epraccur_201912.csv, a Census 2021
// table, the 2021 Output Area Classification, 2011 OA boundaries (oa11_...).
// Pure: the importers add the file's header and modification time (data-date.ts).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const YEAR = '((?:19|20)\\d{2})';
const SEP = '[-_ .]?';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY, YYYY-MM (or null) from a file name, the most specific pattern first. */
export function dateFromFileName(fileName: string): string | null {
  const name = fileName.toLowerCase().replace(/\.[a-z0-9]+$/, '');
  // A month by name, then the year: ONSPD_FEB_2024_UK, codepo_gb_aug2014.
  const named = new RegExp(`(?:^|[^a-z])(${MONTHS.join('|')})[a-z]*${SEP}${YEAR}(?!\\d)`).exec(name);
  if (named) return `${named[2]}-${pad(MONTHS.indexOf(named[1]) + 1)}`;
  // Year and month as digits: epraccur_201912, roads-2018-02.
  const digits = new RegExp(`(?:^|\\D)${YEAR}${SEP}(0[1-9]|1[0-2])(?!\\d)`).exec(name);
  if (digits) return `${digits[1]}-${digits[2]}`;
  // A Census table: the census was taken in March of its year.
  const census = /census[-_ ]?(2001|2011|2021)(?!\d)/.exec(name);
  if (census) return `${census[1]}-03`;
  // A classification or geography of a census year: oac2021, oa11_boundaries, lsoa21.
  const classification = /(?:^|[^a-z])oac[-_ ]?(2011|2021)(?!\d)/.exec(name);
  if (classification) return classification[1];
  const geography = /(?:^|[^a-z])(?:oa|lsoa|msoa)(11|21)(?!\d)/.exec(name);
  if (geography) return `20${geography[1]}`;
  return null;
}

/** "February 2018", "27 February 2018" or "2018": a data date as a reader says it. */
export function formatDataDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (m === undefined) return String(y);
  const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
  return d === undefined ? `${month} ${y}` : `${d} ${month} ${y}`;
}
