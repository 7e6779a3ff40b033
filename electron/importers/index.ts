// Every importer behind the one contract; the CLI, the Electron main process and
// browser mode call these same functions.
export { importBoundaries, type BoundaryOptions } from './boundaries';
export { importSegments, type SegmentOptions } from './segments';
export { importAssignments, type AssignmentOptions } from './assignments';
export { importPopulation, type PopulationOptions } from './population';
export { importPostcodes, type PostcodeOptions } from './postcodes';
export { importRates, type RateOptions } from './rates';
export { importUsers, type UserOptions } from './users';
export { importSites, type SiteOptions, SITES_TABLE } from './sites';
export { importSiteHours, type SiteHoursOptions } from './site-hours';
export { importSegmentProfile, type SegmentProfileOptions } from './segment-profile';
export { importLookup, type LookupOptions } from './lookup';
export { importIndicators, type IndicatorOptions } from './area-indicators';
export { importComparator, type ComparatorOptions } from './comparator';
export { suggestColumns, type ColumnRole } from './columns';
export { openCsv } from './csv-read';
export { normalisePostcode, checkPostcode, isPseudoPostcode } from './postcode';
export { ImportError, ImportCancelled, type ImportContext, type ImportInput, type ImportSummary, type InMemoryFile } from './importer';
export { importers, type Importer } from './registry';
