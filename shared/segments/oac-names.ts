// The published names of the Output Area Classifications' supergroups, groups
// and subgroups, so a file that carries only codes (1, 2b, 2b1) still shows
// names. Codes are lower case here; lookups ignore case ("2B1" = "2b1").
//
// OAC 2011: ONS / UCL, "2011 Area Classification for Output Areas" (Gale,
// Singleton, Bates and Longley 2016, Journal of Spatial Information Science 12),
// as carried by the CDRC 2011 OAC Geodata Pack; the Leeds test file's own names
// (../shared/data/uk/leeds-hyde-park/oac2011_by_oa.csv) are checked against these.
// OAC 2021: the 2021 UK Output Area Classification (Wyszomierski, Longley,
// Singleton, Gale and O'Brien 2024, "A neighbourhood Output Area Classification
// from the 2021 and 2022 UK censuses", The Geographical Journal 190(2) e12550),
// names as in its data release (UK_OAC_Final, alexsingleton), which spells
// supergroup 5 "Ethnically Diverse Suburb-an Professionals" and group 4b
// "Established Multi- Ethnic Communities"; the paper's prose writes them
// without the stray hyphen and space, but a file from the release matches these.

export type OacVersion = 'OAC 2011' | 'OAC 2021';
export const OAC_LEVELS = ['supergroup', 'group', 'subgroup'] as const;
export type OacLevel = (typeof OAC_LEVELS)[number];

const OAC_2011: Record<string, string> = {
  '1': 'Rural Residents',
  '1a': 'Farming Communities', '1a1': 'Rural Workers and Families', '1a2': 'Established Farming Communities', '1a3': 'Agricultural Communities', '1a4': 'Older Farming Communities',
  '1b': 'Rural Tenants', '1b1': 'Rural Life', '1b2': 'Rural White-Collar Workers', '1b3': 'Ageing Rural Flat Tenants',
  '1c': 'Ageing Rural Dwellers', '1c1': 'Rural Employment and Retirees', '1c2': 'Renting Rural Retirement', '1c3': 'Detached Rural Retirement',
  '2': 'Cosmopolitans',
  '2a': 'Students Around Campus', '2a1': 'Student Communal Living', '2a2': 'Student Digs', '2a3': 'Students and Professionals',
  '2b': 'Inner-City Students', '2b1': 'Students and Commuters', '2b2': 'Multicultural Student Neighbourhoods',
  '2c': 'Comfortable Cosmopolitans', '2c1': 'Migrant Families', '2c2': 'Migrant Commuters', '2c3': 'Professional Service Cosmopolitans',
  '2d': 'Aspiring and Affluent', '2d1': 'Urban Cultural Mix', '2d2': 'Highly-Qualified Quaternary Workers', '2d3': 'EU White-Collar Workers',
  '3': 'Ethnicity Central',
  '3a': 'Ethnic Family Life', '3a1': 'Established Renting Families', '3a2': 'Young Families and Students',
  '3b': 'Endeavouring Ethnic Mix', '3b1': 'Striving Service Workers', '3b2': 'Bangladeshi Mixed Employment', '3b3': 'Multi-Ethnic Professional Service Workers',
  '3c': 'Ethnic Dynamics', '3c1': 'Constrained Neighbourhoods', '3c2': 'Constrained Commuters',
  '3d': 'Aspirational Techies', '3d1': 'New EU Tech Workers', '3d2': 'Established Tech Workers', '3d3': 'Old EU Tech Workers',
  '4': 'Multicultural Metropolitans',
  '4a': 'Rented Family Living', '4a1': 'Social Renting Young Families', '4a2': 'Private Renting New Arrivals', '4a3': 'Commuters with Young Families',
  '4b': 'Challenged Asian Terraces', '4b1': 'Asian Terraces and Flats', '4b2': 'Pakistani Communities',
  '4c': 'Asian Traits', '4c1': 'Achieving Minorities', '4c2': 'Multicultural New Arrivals', '4c3': 'Inner City Ethnic Mix',
  '5': 'Urbanites',
  '5a': 'Urban Professionals and Families', '5a1': 'White Professionals', '5a2': 'Multi-Ethnic Professionals with Families', '5a3': 'Families in Terraces and Flats',
  '5b': 'Ageing Urban Living', '5b1': 'Delayed Retirement', '5b2': 'Communal Retirement', '5b3': 'Self-Sufficient Retirement',
  '6': 'Suburbanites',
  '6a': 'Suburban Achievers', '6a1': 'Indian Tech Achievers', '6a2': 'Comfortable Suburbia', '6a3': 'Detached Retirement Living', '6a4': 'Ageing in Suburbia',
  '6b': 'Semi-Detached Suburbia', '6b1': 'Multi-Ethnic Suburbia', '6b2': 'White Suburban Communities', '6b3': 'Semi-Detached Ageing', '6b4': 'Older Workers and Retirement',
  '7': 'Constrained City Dwellers',
  '7a': 'Challenged Diversity', '7a1': 'Transitional Eastern European Neighbourhoods', '7a2': 'Hampered Aspiration', '7a3': 'Multi-Ethnic Hardship',
  '7b': 'Constrained Flat Dwellers', '7b1': 'Eastern European Communities', '7b2': 'Deprived Neighbourhoods', '7b3': 'Endeavouring Flat Dwellers',
  '7c': 'White Communities', '7c1': 'Challenged Transitionaries', '7c2': 'Constrained Young Families', '7c3': 'Outer City Hardship',
  '7d': 'Ageing City Dwellers', '7d1': 'Ageing Communities and Families', '7d2': 'Retired Independent City Dwellers', '7d3': 'Retired Communal City Dwellers', '7d4': 'Retired City Hardship',
  '8': 'Hard-Pressed Living',
  '8a': 'Industrious Communities', '8a1': 'Industrious Transitions', '8a2': 'Industrious Hardship',
  '8b': 'Challenged Terraced Workers', '8b1': 'Deprived Blue-Collar Terraces', '8b2': 'Hard-Pressed Rented Terraces',
  '8c': 'Hard-Pressed Ageing Workers', '8c1': 'Ageing Industrious Workers', '8c2': 'Ageing Rural Industry Workers', '8c3': 'Renting Hard-Pressed Workers',
  '8d': 'Migration and Churn', '8d1': 'Young Hard-Pressed Families', '8d2': 'Hard-Pressed Ethnic Mix', '8d3': 'Hard-Pressed European Settlers',
};

const OAC_2021: Record<string, string> = {
  '1': 'Retired Professionals',
  '1a': 'Spacious Rural Living', '1a1': 'Pre-Retirement Spacious Living', '1a2': 'Retirement Spacious Living',
  '1b': 'Small Town Suburbia', '1b1': 'Younger Established Suburban Communities', '1b2': 'Older Established Suburban Communities',
  '1c': 'Established Mature Families', '1c1': 'Affluent Mature Families', '1c2': 'Burgeoning Mature Families',
  '2': 'Suburbanites and Peri-Urbanites',
  '2a': 'Inner Suburbs and Small Town Living', '2a1': 'Younger Suburban Family Renters', '2a2': 'Settled Owner-Occupied Suburbs', '2a3': 'Terraced Communities',
  '2b': 'Rural Amenity', '2b1': 'Ageing Rural Communities', '2b2': 'Rural Mix',
  '2c': 'Ageing Communities', '2c1': 'Communal Retirement Living', '2c2': 'Ageing Independent Living',
  '3': 'Multicultural and Educated Urbanites',
  '3a': 'Student Living and Professional Footholds', '3a1': 'University Centric', '3a2': 'Professional Progression', '3a3': 'Urbanite Mix', '3a4': 'Affluent Graduate Living',
  '3b': 'Ethnically Diverse Young Families', '3b1': 'Private Rental Ethnic Minority Families', '3b2': 'Young Ethnic Minority Families',
  '3c': 'Diverse Educated Urban Singles', '3c1': 'Centrally Located Professionals', '3c2': 'Career Progression',
  '4': 'Low-Skilled Migrant and Student Communities',
  '4a': 'Ethnically Diverse Families in Less Connected Locations', '4a1': 'Semi-Detached, Service Workers and Students', '4a2': 'City Service Workers', '4a3': 'Multi-Child Young Families',
  '4b': 'Established Multi- Ethnic Communities', '4b1': 'Migrant Families', '4b2': 'European Skilled Workforce', '4b3': 'Inner Suburb Ethnic Group Mix', '4b4': 'Ethnic Minority Routine Service Workers',
  '4c': 'Challenged Multicultural Communities and Students', '4c1': 'African and Asian Influences', '4c2': 'European and Asian Heritage',
  '5': 'Ethnically Diverse Suburb-an Professionals',
  '5a': 'Outer Suburbs', '5a1': 'Outer Suburb Asian Mix', '5a2': 'Suburban Empty Nesters', '5a3': 'Young Suburban Families',
  '5b': 'Suburban Professionals', '5b1': 'Families in Multi-Ethnic Terraces', '5b2': 'Established Multi-Ethnic Suburbs',
  '6': 'Baseline UK',
  '6a': 'Challenged Communities', '6a1': 'Suburban Housing Starters', '6a2': 'Semi Detached Strivers', '6a3': 'Younger Ethnic Minority Families in Flats',
  '6b': 'Legacy Industrial and Coastal Communities', '6b1': 'Retired Seniors', '6b2': 'Traditional Terraces', '6b3': 'EU Singles',
  '6c': 'Multicultural Inner Suburbs', '6c1': 'Transient Communities', '6c2': 'Semi-Detached Family Renters',
  '7': 'Semi- and Un-Skilled Workforce',
  '7a': 'Established but Challenged', '7a1': 'Ageing Established Urban Communities', '7a2': 'Industry Associations',
  '7b': 'Young Families in Industrial Towns', '7b1': 'Terraces in Transitional Towns', '7b2': 'Families and Later Life',
  '8': 'Legacy Communities',
  '8a': 'Routine Occupations or Retirement', '8a1': 'Retirement Residences', '8a2': 'Flats and Routine Occupations',
  '8b': 'Legacy and Demographically Mixed Communities', '8b1': 'Challenged Families', '8b2': 'Retirement Pockets', '8b3': 'Young Family Flat Renters',
};

const NAMES: Record<OacVersion, Record<string, string>> = { 'OAC 2011': OAC_2011, 'OAC 2021': OAC_2021 };

/**
 * Which OAC a scheme name declares: "OAC 2021", "2021 OAC", "oac21", "OAC2011"
 * (the year must be there: the two share codes but not names), else null.
 */
export function oacVersionOf(scheme: string): OacVersion | null {
  const s = scheme.toLowerCase().replace(/[\s_-]+/g, '');
  if (!s.includes('oac')) return null;
  if (/(^|\D)(2011|11)(\D|$)/.test(s.replace('oac', ' '))) return 'OAC 2011';
  if (/(^|\D)(2021|21)(\D|$)/.test(s.replace('oac', ' '))) return 'OAC 2021';
  return null;
}

/** The published name of an OAC code ("2b1", "2B1"), or null when the code is not one of that version's. */
export function oacName(version: OacVersion, code: string): string | null {
  return NAMES[version][code.trim().toLowerCase()] ?? null;
}

/** Every code of a version at a level, in code order: for tests and for naming a whole hierarchy. */
export function oacCodes(version: OacVersion, level: OacLevel): string[] {
  const length = OAC_LEVELS.indexOf(level) + 1;
  return Object.keys(NAMES[version]).filter((c) => c.length === length);
}
