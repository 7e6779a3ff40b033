// Postcodes from an index, in Royal Mail's pattern and ONSPD's three
// spellings, so 2.7M distinct valid units come out without a lookup table.

// Outward area letters per country: disjoint, so a Scottish unit never shares a
// district with an English one (the users importer tells "not in directory"
// from "outside study area" by district).
const AREAS = {
  E: ('AL BA BB BD BH BL BN BR BS CB CH CM CO CR CT CV CW DA DE DH DL DN DT DY EN EX FY GL GU HA HD HG HP HR HU HX IG IP ' +
    'KT LA LE LN LS LU ME MK NE NG NN NR OL OX PE PL PO PR RG RH RM SE SG SK SL SM SN SO SP SR SS ST TA TF TN TQ TR TS TW ' +
    'UB WA WD WF WN WR WS WV YO').split(' '),
  W: 'CF LD LL NP SA'.split(' '),
  S: 'AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE'.split(' '),
} as const;
export type Country = keyof typeof AREAS;

// The inward code's last two letters ([ABD-HJLNP-UW-Z]).
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * Unit n of a country: districts 1..99 cycle fastest after the unit letters so
 * both 3- and 4-character outward codes occur; sectors 0..8 (sector 9 is never
 * issued here, which gives the users file valid postcodes missing from the directory).
 */
export function postcodeOf(country: Country, n: number): string {
  const areas = AREAS[country];
  const area = areas[n % areas.length];
  const rest = Math.floor(n / areas.length);
  const unit = UNIT[rest % 20] + UNIT[Math.floor(rest / 20) % 20];
  const district = 1 + (Math.floor(rest / 400) % 99);
  const sector = Math.floor(rest / 39_600) % 9;
  return `${area}${district} ${sector}${unit}`;
}

/** A valid English postcode in sector 9, which postcodeOf never issues. */
export function unissuedPostcode(n: number): string {
  return postcodeOf('E', n).replace(/ \d/, ' 9');
}

/** ONSPD's pcd (7 characters: outward padded to 4, so no space after a 4-character one) and pcd2 (8: padded to 4, then a space). */
export function onspdSpellings(pcds: string): { pcd: string; pcd2: string } {
  const [out, inw] = pcds.split(' ');
  return { pcd: out.padEnd(4, ' ') + inw, pcd2: `${out.padEnd(4, ' ')} ${inw}` };
}
