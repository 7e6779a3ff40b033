// Opening hours for sites already imported, from a separate file keyed by the
// site's code (e.g. ODS practice code, OSM id): NHS ODS and OSM service files
// rarely carry hours, and the availability rule needs them. Each value is
// checked as OSM opening_hours syntax; an empty one clears a site's hours.
import type * as GeoJSON from 'geojson';
import { hasFeatureTable, readFeatures } from '../store/gpkg';
import { cell, openCsv } from './csv-read';
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt, quote } from './importer';
import { checkOpeningHours, OpeningHoursError } from './opening-hours-check';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';
import { ensureSitesTable, SITES_TABLE } from './sites-write';
import { pickColumn } from './tabular';

export interface SiteHoursOptions {
  service: string;
  codeField?: string;
  hoursField?: string;
}

export async function importSiteHours(project: ProjectHandle, input: ImportInput, options: SiteHoursOptions, ctx?: ImportContext): Promise<ImportSummary> {
  const db = project.db;
  const service = options.service.trim();
  if (!service) throw new ImportError('a service name is required');
  if (!hasFeatureTable(db, SITES_TABLE)) throw new ImportError(`import the sites of ${quote(service)} before their opening hours`);
  ensureSitesTable(db);
  const sites = readFeatures(db, SITES_TABLE, { where: { column: 'service', equals: service } }).features.flatMap((f) => {
    const p = f.properties ?? {};
    const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
    return p.proposed || p.code == null ? [] : [{ fid: Number(f.id), code: String(p.code), lon, lat }];
  });
  if (sites.length === 0) throw new ImportError(`no site of ${quote(service)} has a code: re-import the sites with --code-field (e.g. ods_code) first`);
  const byCode = new Map(sites.map((s) => [s.code, s]));

  const csv = await openCsv(input);
  const { file } = csv;
  const iCode = pickColumn(csv, 'site-hours', options.codeField, 'siteCode', 'code-field');
  const iHours = pickColumn(csv, 'site-hours', options.hoursField, 'hours', 'hours-field');
  const tally = new RejectTally();
  const warnings: string[] = [];
  const updates = new Map<number, string | null>();
  let rowsRead = 0;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const code = cell(rec, iCode);
    const site = byCode.get(code);
    if (!site) { tally.add(`no site of ${service} with this code`, code || `row ${fmt(rec.row)}`); continue; }
    const hours = cell(rec, iHours) || null;
    if (hours) {
      try {
        for (const w of checkOpeningHours(hours, [site.lon, site.lat])) warnings.push(`${file} row ${fmt(rec.row)} (${code}): opening hours: ${w}`);
      } catch (error) {
        if (error instanceof OpeningHoursError) throw new ImportError(`${file} row ${fmt(rec.row)}, field "${csv.headers[iHours]}": ${error.message}`);
        throw error;
      }
    }
    updates.set(site.fid, hours);
  }
  if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);
  warnings.push(...tally.warnings('row'));
  if (updates.size === 0) throw new ImportError(`${file}: none of its codes match a site of ${quote(service)} (sites have e.g. ${sites.slice(0, 3).map((s) => s.code).join(', ')})`);
  const missing = sites.length - updates.size;
  if (missing > 0) warnings.push(`${missing} site(s) of ${service} are not in the file and keep their hours`);
  const summary: ImportSummary = {
    kind: 'site-hours', dataset: service, file, rowsRead, imported: updates.size, rejected: tally.counts, warnings,
    details: { sitesWithHours: [...updates.values()].filter(Boolean).length },
  };
  checkAborted(ctx, file);
  const write = db.prepare(`UPDATE "${SITES_TABLE}" SET opening_hours = ? WHERE fid = ?`);
  db.transaction(() => {
    for (const [fid, hours] of updates) write.run(hours, fid);
    recordDataset(db, 'site-hours', service, file, rowsRead, updates.size, summary);
  })();
  return summary;
}
