// What the mapping step asks for, per kind of input, as data: the column
// roles (pre-filled from the service's suggestions) and the extra options.
// Option names are the importers' own, so the dialog builds the runImport
// request without translation.
import type { ImportKindName, MethodInput, ProjectInfo, StagedFile } from '../../../shared/contract';
import { guessLevelColumns, LEVELS_NEEDED, levelRequest, withLevels } from './levels';
import { proposedRowFilter } from '../../../shared/import/proposed-filter';
import { formatRowFilter } from '../../../shared/import/row-filter';

export const KIND_LABELS: Record<ImportKindName, string> = {
  boundaries: 'Area boundaries',
  segments: 'Segment definitions',
  assignments: 'Area segment assignments',
  population: 'Population base',
  postcodes: 'Postcode directory',
  rates: 'Risk rates by segment',
  users: 'Service users',
  sites: 'Service sites',
  'site-hours': 'Opening hours of sites',
  'segment-profile': 'Segment profile (behaviour, channels)',
  lookup: 'Area lookup (dissolved into a new level)',
  roads: 'Road network (OpenStreetMap)',
  indicators: 'Area indicators (IMD, Census tables)',
  comparator: 'Comparator base (England, a region)',
  gtfs: 'Public-transport timetable (GTFS)',
};

export const KIND_ORDER: ImportKindName[] = ['boundaries', 'segments', 'assignments', 'population', 'postcodes', 'rates', 'users', 'sites', 'site-hours', 'segment-profile', 'lookup', 'indicators', 'comparator', 'roads', 'gtfs'];

export interface ColumnField {
  role: string;
  option: string;
  label: string;
  required?: boolean;
}

const f = (role: string, option: string, label: string, required = false): ColumnField => ({ role, option, label, required });

export const COLUMN_FIELDS: Record<ImportKindName, ColumnField[]> = {
  boundaries: [f('areaCode', 'codeField', 'Area code', true), f('areaName', 'nameField', 'Area name'), f('parentCode', 'parentField', 'Parent area code')],
  segments: [
    f('code', 'codeField', 'Segment code', true), f('name', 'nameField', 'Segment name', true), f('parentCode', 'parentField', 'Parent segment code'),
    f('level', 'levelField', 'Level'), f('colour', 'colourField', 'Colour'), f('description', 'descriptionField', 'Description'),
  ],
  assignments: [
    f('areaCode', 'areaField', 'Area code'), f('segment', 'segmentField', 'Segment code', true), f('count', 'countField', 'Count (when an area is split)'),
    f('postcode', 'postcodeField', 'Postcode (a postcode lookup, instead of areas)'),
  ],
  population: [f('areaCode', 'areaField', 'Area code', true), f('count', 'countField', 'Count', true), f('communal', 'communalField', 'Residents in communal establishments')],
  postcodes: [
    f('postcode', 'postcodeField', 'Postcode', true), f('lat', 'latField', 'Latitude'), f('lon', 'lonField', 'Longitude'),
    f('easting', 'eastingField', 'Easting'), f('northing', 'northingField', 'Northing'), f('areaCode', 'areaField', 'Area code'),
    f('terminated', 'terminatedField', 'Date terminated'),
  ],
  rates: [f('segment', 'segmentField', 'Segment code', true), f('rate', 'rateField', 'Rate'), f('index', 'indexField', 'Index')],
  users: [f('postcode', 'postcodeField', 'Postcode', true), f('date', 'dateField', 'Date of contact'), f('segment', 'segmentField', 'Segment (already coded)')],
  sites: [
    f('code', 'codeField', 'Site code'), f('name', 'nameField', 'Site name'), f('type', 'typeField', 'Site type'), f('hours', 'hoursField', 'Opening hours'),
    f('postcode', 'postcodeField', 'Postcode'), f('lat', 'latField', 'Latitude'), f('lon', 'lonField', 'Longitude'),
    f('easting', 'eastingField', 'Easting'), f('northing', 'northingField', 'Northing'),
  ],
  'site-hours': [f('siteCode', 'codeField', 'Site code', true), f('hours', 'hoursField', 'Opening hours', true)],
  'segment-profile': [
    f('segment', 'segmentField', 'Segment code', true), f('workingAge', 'workingAgeField', 'Working-age share'), f('employed', 'employedField', 'Employed share'),
    f('carAccess', 'carAccessField', 'Car access share'), f('channels', 'channelsField', 'Preferred channels (; separated)'), f('keyFacts', 'keyFactsField', 'Key facts'),
  ],
  // Left empty, the codes and names of the new level come from the column named after it (LSOA21CD, WD22NM).
  lookup: [f('areaCode', 'childField', 'Small area code'), f('parentCode', 'parentField', 'Code of the new level'), f('areaName', 'nameField', 'Area names at the new level')],
  roads: [],
  indicators: [f('areaCode', 'areaField', 'Area code', true)],
  comparator: [f('segment', 'segmentField', 'Segment code', true), f('count', 'countField', 'Count', true)],
  gtfs: [],
};

export interface OptionField {
  key: string;
  label: string;
  required?: boolean;
  /** A fixed list shows a select; otherwise a text box, with suggestions from the project. */
  choices?: [value: string, label: string][];
  suggestions?: (info: ProjectInfo | null) => string[];
  placeholder?: string;
  hint?: string;
}

const CRS_CHOICES: [string, string][] = [
  ['', 'Choose…'],
  ['EPSG:27700', 'British National Grid (EPSG:27700)'],
  ['EPSG:4326', 'Longitude/latitude, WGS 84 (EPSG:4326)'],
  ['EPSG:3857', 'Web Mercator (EPSG:3857)'],
  ['EPSG:29903', 'Irish Grid (EPSG:29903)'],
  ['EPSG:2157', 'Irish Transverse Mercator (EPSG:2157)'],
];

const services = (info: ProjectInfo | null) => info?.services ?? [];
const schemes = (info: ProjectInfo | null) => info?.schemes.map((s) => s.name) ?? [];
const levels = (info: ProjectInfo | null) => info?.levels.map((l) => l.level) ?? [];

/** Extra options per kind; `crs` and `layer` are added by optionFields only when the file needs them. */
const OPTIONS: Record<ImportKindName, OptionField[]> = {
  boundaries: [
    { key: 'level', label: 'Geography level name', required: true, placeholder: 'e.g. OA, LSOA, ward', suggestions: levels },
    { key: 'parentLevel', label: 'Level of the parent codes', placeholder: 'e.g. LSOA', suggestions: levels, hint: 'Needed when a parent area code column is chosen.' },
  ],
  segments: [
    { key: 'scheme', label: 'Scheme name', required: true, placeholder: 'e.g. OAC 2021', suggestions: schemes },
    { key: 'level', label: 'Level name when the file has no level column', placeholder: 'segment' },
  ],
  assignments: [
    { key: 'scheme', label: 'Scheme name', required: true, placeholder: 'e.g. OAC 2021', suggestions: schemes },
    {
      key: 'base', label: 'The base is', choices: [['', 'Households for counts; as before otherwise'], ['persons', 'Persons'], ['households', 'Households']],
      hint: 'What the counts count, or the base this scheme’s analyses default to.',
    },
  ],
  population: [{ key: 'base', label: 'The counts are', choices: [['persons', 'Persons'], ['households', 'Households']] }],
  postcodes: [],
  rates: [
    { key: 'indicator', label: 'Indicator name', required: true, placeholder: 'e.g. Smoking', suggestions: (info) => info?.indicators ?? [] },
    { key: 'scheme', label: 'Scheme the segment codes belong to', suggestions: schemes, hint: 'May be left empty when the project has one scheme.' },
    { key: 'rateUnit', label: 'Rates are', choices: [['auto', 'Worked out from the values'], ['proportion', 'Proportions (0–1)'], ['percent', 'Percentages'], ['per1000', 'Per 1,000']] },
    { key: 'referenceRate', label: 'Prevalence an index of 100 stands for', placeholder: 'e.g. 14%', hint: 'Needed with an index column.' },
  ],
  users: [
    { key: 'service', label: 'Service', required: true, placeholder: 'e.g. Falls clinic', suggestions: services },
    { key: 'segmentScheme', label: 'Scheme of the segment column', suggestions: schemes, hint: 'Needed with a segment column when the project has several schemes.' },
    { key: 'period', label: 'Count contacts by', choices: [['month', 'Month'], ['quarter', 'Quarter'], ['year', 'Calendar year'], ['financial-year', 'Financial year (April to March)']] },
  ],
  sites: [
    { key: 'service', label: 'Service', required: true, placeholder: 'e.g. Pharmacies', suggestions: services },
    { key: 'type', label: 'Site type when the file has none', placeholder: 'the service name' },
  ],
  'site-hours': [{ key: 'service', label: 'Service', required: true, suggestions: services, hint: 'Sites are matched by the code imported with them.' }],
  'segment-profile': [{ key: 'scheme', label: 'Scheme the segment codes belong to', suggestions: schemes, hint: 'May be left empty when the project has one scheme.' }],
  lookup: [
    { key: 'parentLevel', label: 'Name of the new level', required: true, placeholder: 'e.g. LSOA, ward, MSOA', suggestions: levels, hint: 'Its boundaries are dissolved from the small areas.' },
    { key: 'childLevel', label: 'Level of the small area codes', suggestions: levels, hint: 'May be left empty for the finest level (e.g. OA).' },
  ],
  roads: [],
  indicators: [
    { key: 'level', label: 'Geography level of the file', required: true, placeholder: 'e.g. LSOA for IMD, OA for Census', suggestions: levels },
    { key: 'fields', label: 'Indicator columns (comma-separated)', placeholder: 'every numeric column', hint: 'Ranks and deciles are never averaged; a coarser level gets the score instead.' },
  ],
  comparator: [
    { key: 'name', label: 'Comparator name', required: true, placeholder: 'e.g. England' },
    { key: 'scheme', label: 'Scheme the segment codes belong to', required: true, suggestions: schemes },
  ],
  gtfs: [],
};

export function optionFields(kind: ImportKindName, staged: StagedFile): OptionField[] {
  const out = [...OPTIONS[kind]];
  const vector = staged.format !== 'csv' && staged.format !== 'osm' && staged.format !== 'gtfs';
  if (vector && (kind === 'boundaries' || kind === 'sites') && !staged.declaresCrs) {
    out.push({ key: 'crs', label: 'Coordinate system', required: true, choices: CRS_CHOICES, hint: 'The shapefile came without a .prj file, so say what its coordinates are.' });
  }
  if (staged.layers.length > 1 && kind === 'boundaries') {
    out.push({ key: 'layer', label: 'GeoPackage layer', required: true, choices: staged.layers.map((l) => [l, l]) });
  }
  return out;
}

/** "OA11CD" → "OA", "lsoa21cd" → "LSOA", "WD22CD" → "ward": what an analyst calls the level. */
export function levelFromHeader(header: string | undefined): string {
  const m = /^(oa|lsoa|msoa|ward|wd|lad|dz|sa)\d{0,2}(cd|code)$/i.exec(header ?? '');
  if (!m) return '';
  const prefix = m[1].toLowerCase();
  return prefix === 'ward' || prefix === 'wd' ? 'ward' : prefix.toUpperCase();
}

/** First values of the options for a kind: choices start at their first entry, levels come from the code columns. */
export function defaultOptions(kind: ImportKindName, staged: StagedFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of optionFields(kind, staged)) if (o.choices) out[o.key] = o.choices[0][0];
  // An NHS ODS list proposes its active GP practices (shared/import/proposed-filter.ts).
  const proposal = kind === 'sites' ? proposedRowFilter(staged.headers) : null;
  if (proposal) out.where = formatRowFilter(proposal.conditions);
  if (kind === 'boundaries') {
    out.level = levelFromHeader(staged.suggested.boundaries?.areaCode);
    out.parentLevel = levelFromHeader(staged.suggested.boundaries?.parentCode);
  }
  // A file with a column per level (OAC's supergroup, group, subgroup) is offered as all levels at once.
  const levels = kind === 'assignments' ? guessLevelColumns(staged.headers) : null;
  if (levels?.codes.length) return { ...withLevels(out, levels), allLevels: 'yes' };
  return out;
}

export function defaultMapping(kind: ImportKindName, staged: StagedFile): Record<string, string> {
  return { ...(staged.suggested[kind] ?? {}) };
}

/** What the dialog asks before an import removes a service's sites (SitesChoice). */
export const CONFIRM_REPLACE = 'Confirm replacing the existing sites';

/** Labels of required boxes still empty, in the order the dialog shows them. */
export function missingRequired(kind: ImportKindName, staged: StagedFile, mapping: Record<string, string>, options: Record<string, string>): string[] {
  const levels = kind === 'assignments' ? levelRequest(options) : null;
  // All levels at once: the level columns stand in for the one segment column.
  const missing = COLUMN_FIELDS[kind].filter((c) => c.required && !mapping[c.role] && !(levels && c.option === 'segmentField')).map((c) => c.label);
  if (levels && levels.levelFields.length < 2) missing.push(LEVELS_NEEDED);
  for (const o of optionFields(kind, staged)) if (o.required && !(options[o.key] ?? '').trim()) missing.push(o.label);
  if (kind === 'sites' && options.replace === 'replace' && options.confirmReplace !== 'yes') missing.push(CONFIRM_REPLACE);
  return missing;
}

/** The runImport request: mapped columns and filled-in options, empty ones left out. */
export function buildRequest(kind: ImportKindName, staged: StagedFile, mapping: Record<string, string>, options: Record<string, string>): MethodInput<'runImport'> {
  const out: Record<string, string | boolean | string[]> = {};
  for (const c of COLUMN_FIELDS[kind]) if (mapping[c.role]) out[c.option] = mapping[c.role];
  for (const o of optionFields(kind, staged)) {
    const value = (options[o.key] ?? '').trim();
    if (value) out[o.key] = value;
  }
  const levels = kind === 'assignments' ? levelRequest(options) : null;
  if (levels) {
    for (const key of ['segmentField', 'countField', 'postcodeField']) delete out[key];
    return { fileId: staged.fileId, kind, options: { ...out, ...levels } } as MethodInput<'runImport'>;
  }
  // A parent level without a parent column would make the importer ask for the column.
  if (kind === 'boundaries' && !out.parentField) delete out.parentLevel;
  // Sites are added to a service's own unless the analyst chose, and confirmed, to replace them.
  if (kind === 'sites' && options.replace === 'replace' && options.confirmReplace === 'yes') out.replace = true;
  if (kind === 'sites' && options.where) out.where = options.where;
  return { fileId: staged.fileId, kind, options: out } as MethodInput<'runImport'>;
}

/** Columns shown in the preview: for service users only the mapped ones, never names or notes. */
export function previewColumns(kind: ImportKindName, staged: StagedFile, mapping: Record<string, string>): number[] {
  const all = staged.headers.map((_, i) => i);
  if (kind !== 'users') return all;
  const mapped = new Set(COLUMN_FIELDS.users.map((c) => mapping[c.role]).filter(Boolean));
  return all.filter((i) => mapped.has(staged.headers[i]));
}
