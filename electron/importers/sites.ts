// Service sites from CSV (lat/lon, easting/northing or postcode) or GeoJSON,
// with opening hours checked in OSM opening_hours syntax. All sites of all
// services live in one POINT table, service_sites; an import adds to a
// service's sites unless told to replace them (./sites-write).
import type * as GeoJSON from 'geojson';
import * as turf from '@turf/turf';
import { BNG, crsFromCode, toWgs84 } from './crs';
import { openCsv } from './csv-read';
import { emptyBbox, extendBbox, mapPositions } from './geometry';
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, inputName, quote } from './importer';
import { decideCrs } from './layer-crs';
import { checkOpeningHours } from './opening-hours-check';
import { checkPostcode } from './postcode';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { compileRowFilter } from './row-filter';
import { parseNumber } from './tabular';
import { SITES_TABLE, writeSites, type SiteFeature } from './sites-write';
import { propertyText, readVectorLayer } from './vector-read';

export { SITES_TABLE };

export interface SiteOptions {
  service: string;
  /** Column with the site's own code (an ODS code): a site already in the service with that code is updated. */
  codeField?: string;
  nameField?: string;
  typeField?: string;
  hoursField?: string;
  postcodeField?: string;
  latField?: string;
  lonField?: string;
  eastingField?: string;
  northingField?: string;
  /** Column whose truthy value (1, yes, true, y) marks a proposed, not existing, site. */
  proposedField?: string;
  /** Keep only the rows passing this filter, e.g. "status_code=A,prescribing_setting=4" (active GP practices); grammar in shared/import/row-filter.ts. */
  where?: string;
  /** Type when the file has no type column (default: the service name). */
  type?: string;
  crs?: string;
  /** Remove the service's other sites from files (what-if sites stay); otherwise the file's sites are added to them. */
  replace?: boolean;
}

/** A sites file from an NHS ODS list (epraccur, edispensary...) or from OpenStreetMap, told by its name or columns; null otherwise. */
export function siteOrigin(file: string, fields: readonly string[]): 'nhs-ods' | 'osm' | null {
  const lower = fields.map((f) => f.toLowerCase());
  if (/epraccur|egpcur|edispensary|epharmacy|ebranchs|(^|[^a-z])ods([^a-z]|$)/i.test(file) || lower.includes('ods_code')) return 'nhs-ods';
  if (lower.some((f) => f === 'osm_id' || f === 'osm_type' || f === '@id')) return 'osm';
  return null;
}

interface SiteRow { number: number; get(field: string): string; fields: string[]; point: [number, number] | null }

export async function importSites(project: ProjectHandle, input: ImportInput, options: SiteOptions, ctx?: ImportContext): Promise<ImportSummary> {
  const service = options.service.trim();
  if (!service) throw new ImportError('a service name is required');
  const file = inputName(input);
  const { rows, unit, warnings } = /\.(geo)?json$/i.test(file) ? await geoJsonRows(input, options, ctx) : await csvRows(input, options, ctx);
  if (rows.length === 0) throw new ImportError(`${file}: has no sites`);
  const fields = rows[0].fields;
  const field = (given: string | undefined, guesses: string[], option: string): string | null => {
    const found = given ? fields.find((f) => f.toLowerCase() === given.toLowerCase()) : fields.find((f) => guesses.includes(f.toLowerCase()));
    if (given && !found) throw new ImportError(`${file}: no field ${quote(given)} (--${option}); it has ${fields.map((f) => quote(f)).join(', ')}`);
    return found ?? null;
  };
  const fCode = field(options.codeField, ['code', 'ods_code', 'site_code', 'org_code', 'organisation_code', 'practice_code'], 'code-field');
  const fName = field(options.nameField, ['name', 'site_name', 'practice_name'], 'name-field');
  const fType = field(options.typeField, ['type', 'category', 'amenity', 'site_type'], 'type-field');
  const fHours = field(options.hoursField, ['opening_hours', 'openinghours', 'hours'], 'hours-field');
  const fPc = field(options.postcodeField, ['postcode', 'addr_postcode', 'addr:postcode', 'post_code'], 'postcode-field');
  const fProposed = options.proposedField ? field(options.proposedField, [], 'proposed-field') : null;
  const keep = compileRowFilter(options.where, fields, file);
  const directory = project.db.prepare('SELECT lon, lat FROM cgm_postcodes WHERE postcode = ?');
  const tally = new RejectTally();
  const sites: SiteFeature[] = [];
  let filtered = 0;
  for (const r of rows) {
    if (!keep(r.get)) { filtered++; continue; }
    const name = fName ? r.get(fName) || null : null;
    const label = `${unit} ${fmt(r.number)}${name ? ` (${name})` : ''}`;
    const pcRaw = fPc ? r.get(fPc) : '';
    const pc = pcRaw ? checkPostcode(pcRaw) : null;
    let point = r.point;
    if (!point && pc?.ok) {
      const hit = directory.get(pc.postcode) as { lon: number | null; lat: number | null } | undefined;
      if (hit && hit.lon !== null && hit.lat !== null) point = [hit.lon, hit.lat];
    }
    if (!point) { tally.add(pc && !pc.ok ? 'invalid postcode and no coordinates' : 'no location', label); continue; }
    const hours = fHours ? r.get(fHours) || null : null;
    if (hours) {
      try {
        for (const w of checkOpeningHours(hours, point)) warnings.push(`${file} ${label}: opening hours: ${w}`);
      } catch (error) {
        throw new ImportError(`${file} ${label}, field "${fHours}": ${(error as Error).message}`);
      }
    }
    sites.push({
      geometry: { type: 'Point', coordinates: point },
      properties: {
        service, code: fCode ? r.get(fCode) || null : null, name, type: (fType ? r.get(fType) : '') || options.type || service, opening_hours: hours,
        postcode: pc?.ok ? pc.postcode : null, proposed: fProposed && /^(1|y|yes|true)$/i.test(r.get(fProposed)) ? 1 : 0,
      },
    });
  }
  warnings.push(...tally.warnings(unit));
  if (sites.length === 0) throw new ImportError(`${file}: no site could be placed (${Object.keys(tally.counts).join(', ') || 'all filtered out'})`);
  const summary: ImportSummary = {
    kind: 'sites', dataset: service, file, rowsRead: rows.length, imported: sites.length, rejected: tally.counts, warnings,
    // Where the list came from, so prints credit NHS ODS or OpenStreetMap for it (exports/attributions.ts).
    details: { table: SITES_TABLE, filteredOut: filtered, origin: siteOrigin(file, fields) },
  };
  checkAborted(ctx, file);
  const db = project.db;
  db.transaction(() => {
    const changes = writeSites(db, service, sites, options.replace === true);
    const { updatedNames, ...counts } = changes;
    summary.details = { ...summary.details, ...counts, replaced: options.replace === true, change: changeLine(service, changes) };
    if (updatedNames.length > 0) {
      const shown = updatedNames.slice(0, 10).join(', ') + (updatedNames.length > 10 ? `, and ${fmt(updatedNames.length - 10)} more` : '');
      warnings.push(`${fmt(updatedNames.length)} of these sites were already in "${service}" (same code, or same name and place without one) and were updated, not added again: ${shown}`);
    }
    db.prepare('INSERT OR IGNORE INTO cgm_services (name) VALUES (?)').run(service);
    recordDataset(db, 'sites', service, inputName(input), rows.length, sites.length, summary);
  })();
  return summary;
}

/** "GP: 2 sites added, 0 updated, 4 kept, 0 removed; 6 sites now": what the import did to the service. */
function changeLine(service: string, c: { added: number; updated: number; kept: number; removed: number; total: number }): string {
  const sites = (n: number) => `${fmt(n)} site${n === 1 ? '' : 's'}`;
  return `${service}: ${sites(c.added)} added, ${fmt(c.updated)} updated, ${fmt(c.kept)} kept, ${fmt(c.removed)} removed; ${sites(c.total)} now`;
}

async function geoJsonRows(input: ImportInput, options: SiteOptions, ctx?: ImportContext) {
  const layer = await readVectorLayer(input, {}, ctx);
  const raw = emptyBbox();
  for (const f of layer.features) if (f.geometry) extendBbox(raw, f.geometry);
  const warnings: string[] = [];
  let transform = (p: number[]) => p;
  if (Number.isFinite(raw[0])) {
    const decided = decideCrs(layer.file, layer.format, layer.declaredCrs, layer.crsSource, options.crs, raw);
    if (decided.warning) warnings.push(decided.warning);
    transform = toWgs84(decided.crs);
  }
  const rows: SiteRow[] = layer.features.map((f) => {
    let point: [number, number] | null = null;
    if (f.geometry) {
      // Buildings mapped as areas become their centroid.
      const g = mapPositions(f.geometry, transform);
      const c = g.type === 'Point' ? g.coordinates : turf.centroid(g as GeoJSON.Geometry).geometry.coordinates;
      point = [c[0], c[1]];
    }
    return { number: f.number, fields: layer.fields, point, get: (k: string) => propertyText(f.properties[k], () => `${layer.file} ${layer.unit} ${fmt(f.number)}, field "${k}"`) };
  });
  return { rows, unit: layer.unit, warnings };
}

async function csvRows(input: ImportInput, options: SiteOptions, ctx?: ImportContext) {
  const csv = await openCsv(input);
  const lower = csv.headers.map((h) => h.toLowerCase());
  const col = (given: string | undefined, guesses: string[]) => {
    if (given) {
      const i = lower.indexOf(given.toLowerCase());
      if (i < 0) throw new ImportError(`${csv.file} row 1: no column ${quote(given)}; it has ${csv.headers.map((h) => quote(h)).join(', ')}`);
      return i;
    }
    const i = lower.findIndex((h) => guesses.includes(h));
    return i < 0 ? null : i;
  };
  const useEN = !!(options.eastingField || options.northingField);
  const iLat = useEN ? null : col(options.latField, ['lat', 'latitude']);
  const iLon = useEN ? null : col(options.lonField, ['lon', 'long', 'lng', 'longitude']);
  const iE = col(options.eastingField, ['easting', 'oseast1m', 'x']);
  const iN = col(options.northingField, ['northing', 'osnrth1m', 'y']);
  const enCrs = (options.crs && crsFromCode(options.crs)) || BNG;
  const fromEN = toWgs84(enCrs);
  const rows: SiteRow[] = [];
  for await (const rec of csv.records(ctx)) {
    const get = (k: string) => (rec.values[lower.indexOf(k.toLowerCase())] ?? '').trim();
    let point: [number, number] | null = null;
    if (iLat !== null && iLon !== null && rec.values[iLat]?.trim() && rec.values[iLon]?.trim()) {
      const la = parseNumber(rec.values[iLat]);
      const lo = parseNumber(rec.values[iLon]);
      if (!la || !lo) throw new ImportError(`${csv.file} row ${fmt(rec.row)}, field "${csv.headers[la ? iLon : iLat]}": ${quote(la ? rec.values[iLon] : rec.values[iLat])} is not a coordinate`);
      if (la.value >= -11 && la.value <= 2.5 && lo.value >= 49 && lo.value <= 61.5) {
        throw new ImportError(`${csv.file} row ${fmt(rec.row)}, field "${csv.headers[iLat]}": ${la.value} is a longitude and "${csv.headers[iLon]}" ${lo.value} a latitude; the lat/lon columns look swapped`);
      }
      if (!(la.value >= 49 && la.value <= 61.5 && lo.value >= -11 && lo.value <= 2.5)) {
        throw new ImportError(`${csv.file} row ${fmt(rec.row)}, field "${csv.headers[iLat]}": ${la.value}, ${lo.value} is not a latitude/longitude in the UK`);
      }
      point = [lo.value, la.value];
    } else if (iE !== null && iN !== null && rec.values[iE]?.trim()) {
      const e = parseNumber(rec.values[iE]);
      const n = parseNumber(rec.values[iN] ?? '');
      if (!e || !n || e.value < -10000 || e.value > 800000 || n.value < -10000 || n.value > 1300000) {
        throw new ImportError(`${csv.file} row ${fmt(rec.row)}, field "${csv.headers[iE]}": ${quote(rec.values[iE])}, ${quote(rec.values[iN])} is not a British National Grid easting/northing`);
      }
      const [x, y] = fromEN([e.value, n.value]);
      point = [x, y];
    }
    rows.push({ number: rec.row, fields: csv.headers, get, point });
  }
  return { rows, unit: 'row', warnings: [] as string[] };
}
