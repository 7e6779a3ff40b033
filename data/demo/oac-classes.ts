// The 2011 Output Area Classification (ONS/UCL) supergroups and groups, with
// the demo town's ILLUSTRATIVE behaviour per supergroup. Names and codes are
// the official ones; the colours are Paul Tol's colour-blind-safe "muted"
// palette, not the official OAC map colours.

export interface OacSupergroup {
  code: string;
  name: string;
  colour: string;
  description: string;
  groups: { code: string; name: string }[];
  /** Illustrative adult smoking prevalence, 0..1. Not a real statistic. */
  smokingPrevalence: number;
  /**
   * How readily smokers here come forward, before distance to a site is
   * applied. Low values plant the "awareness" and "availability" gaps.
   */
  uptakeFactor: number;
  /** Typical age of a smoker seeking help, for the synthetic extract. */
  meanAge: number;
}

export const OAC_SUPERGROUPS: readonly OacSupergroup[] = [
  {
    code: '1', name: 'Rural Residents', colour: '#117733',
    description: 'Sparsely populated areas outside the town; older, home-owning, often self-employed or in agriculture.',
    groups: [{ code: '1a', name: 'Farming Communities' }, { code: '1b', name: 'Rural Tenants' }, { code: '1c', name: 'Ageing Rural Dwellers' }],
    smokingPrevalence: 0.105, uptakeFactor: 0.8, meanAge: 54,
  },
  {
    code: '2', name: 'Cosmopolitans', colour: '#88CCEE',
    description: 'Dense town-centre areas; young adults, students and professionals in flats, often privately renting.',
    groups: [{ code: '2a', name: 'Students Around Campus' }, { code: '2b', name: 'Inner-City Students' }, { code: '2c', name: 'Comfortable Cosmopolitans' }, { code: '2d', name: 'Aspiring and Affluent' }],
    smokingPrevalence: 0.145, uptakeFactor: 0.9, meanAge: 29,
  },
  {
    code: '3', name: 'Ethnicity Central', colour: '#AA4499',
    description: 'Areas near the centre with a high share of residents from ethnic minority groups; younger families, rented housing.',
    groups: [{ code: '3a', name: 'Ethnic Family Life' }, { code: '3b', name: 'Endeavouring Ethnic Mix' }, { code: '3c', name: 'Ethnic Dynamics' }, { code: '3d', name: 'Aspirational Techies' }],
    smokingPrevalence: 0.155, uptakeFactor: 0.4, meanAge: 36,
  },
  {
    code: '4', name: 'Multicultural Metropolitans', colour: '#DDCC77',
    description: 'Inner-suburb terraces; mixed ethnicity, families with children, more renting from social landlords.',
    groups: [{ code: '4a', name: 'Rented Family Living' }, { code: '4b', name: 'Challenged Asian Terraces' }, { code: '4c', name: 'Asian Traits' }],
    smokingPrevalence: 0.165, uptakeFactor: 0.85, meanAge: 38,
  },
  {
    code: '5', name: 'Urbanites', colour: '#44AA99',
    description: 'Established residential areas; working-age professionals and families, mostly owner-occupied.',
    groups: [{ code: '5a', name: 'Urban Professionals and Families' }, { code: '5b', name: 'Ageing Urban Living' }],
    smokingPrevalence: 0.12, uptakeFactor: 0.35, meanAge: 41,
  },
  {
    code: '6', name: 'Suburbanites', colour: '#332288',
    description: 'Outer suburbs of semi-detached and detached homes; older families, high car ownership.',
    groups: [{ code: '6a', name: 'Suburban Achievers' }, { code: '6b', name: 'Semi-Detached Suburbia' }],
    smokingPrevalence: 0.09, uptakeFactor: 1.0, meanAge: 50,
  },
  {
    code: '7', name: 'Constrained City Dwellers', colour: '#CC6677',
    description: 'Social-rented estates and flats; lower qualifications, more unemployment and long-term illness.',
    groups: [{ code: '7a', name: 'Challenged Diversity' }, { code: '7b', name: 'Constrained Flat Dwellers' }, { code: '7c', name: 'White Communities' }, { code: '7d', name: 'Ageing City Dwellers' }],
    smokingPrevalence: 0.245, uptakeFactor: 1.0, meanAge: 47,
  },
  {
    code: '8', name: 'Hard-Pressed Living', colour: '#999933',
    description: 'Terraced housing of former industrial areas; working-age adults in manual and shift work.',
    groups: [{ code: '8a', name: 'Industrious Communities' }, { code: '8b', name: 'Challenged Terraced Workers' }, { code: '8c', name: 'Hard-Pressed Ageing Workers' }, { code: '8d', name: 'Migration and Churn' }],
    smokingPrevalence: 0.225, uptakeFactor: 0.9, meanAge: 43,
  },
];

export function supergroupByCode(code: string): OacSupergroup {
  const found = OAC_SUPERGROUPS.find((s) => s.code === code);
  if (!found) throw new Error(`Unknown OAC supergroup ${code}`);
  return found;
}

const GROUP_SHADES = [-0.3, 0.15, 0.4, 0.6];

/** Groups take shades of their supergroup's colour, so a map reads as families. */
export function groupColour(parent: string, groupIndex: number): string {
  return shade(parent, GROUP_SHADES[groupIndex % GROUP_SHADES.length]);
}

function shade(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(amount >= 0 ? c + (255 - c) * amount : c * (1 + amount));
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return '#' + ((r << 16) | (g << 8) | b).toString(16).padStart(6, '0').toUpperCase();
}
