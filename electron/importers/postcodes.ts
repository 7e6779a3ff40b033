// Postcode directory: ONSPD/NSPL, Code-Point Open or any CSV with a postcode and
// lat/lon or easting/northing, optionally an area code. Streams the file and
// keeps only the study area (area code in the boundaries, else point in a boundary).
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt } from './importer';
import { cell, columnIndex, openCsv } from './csv-read';
import { suggestColumns } from './columns';
import { BNG, crsFromCode, toWgs84 } from './crs';
import { postcodeStatus, checkPostcode } from './postcode';
import type { PostcodeStatus } from './postcode';
import { areaLocator } from './area-locator';
import type { ProjectHandle } from './project-tables';
import { areaCodes, geographies, recordDataset } from './project-tables';
import { optionalColumn, parseNumber, pickColumn } from './tabular';

export interface PostcodeOptions {
  postcodeField?: string;
  latField?: string;
  lonField?: string;
  eastingField?: string;
  northingField?: string;
  /** Area code column (oa11, oa21cd...). Omitted: ONSPD-style columns are tried and the best match kept. */
  areaField?: string;
  /** Column with the termination date (ONSPD doterm); empty = live. */
  terminatedField?: string;
  /** CRS of easting/northing (default EPSG:27700). */
  crs?: string;
}

interface Entry { postcode: string; lon: number | null; lat: number | null; areas: string[]; status: PostcodeStatus }

const AREA_COLUMN = /^(oa|lsoa|msoa|ward|wd|lad|oslaua|dz|sa)\d{0,2}(cd|code)?$/i;

export async function importPostcodes(
  project: ProjectHandle,
  input: ImportInput,
  options: PostcodeOptions = {},
  ctx?: ImportContext,
): Promise<ImportSummary> {
  const csv = await openCsv(input);
  const { file } = csv;
  const h = (i: number) => csv.headers[i];
  const iPc = pickColumn(csv, 'postcodes', options.postcodeField, 'postcode', 'postcode-field');
  const useEN = !!(options.eastingField || options.northingField) && !(options.latField || options.lonField);
  const iLat = useEN ? null : optionalColumn(csv, 'postcodes', options.latField, 'lat', 'lat-field');
  const iLon = useEN ? null : optionalColumn(csv, 'postcodes', options.lonField, 'lon', 'lon-field');
  if ((iLat === null) !== (iLon === null)) throw new ImportError(`${file}: give both --lat-field and --lon-field`);
  let iE: number | null = null;
  let iN: number | null = null;
  if (iLat === null) {
    iE = optionalColumn(csv, 'postcodes', options.eastingField, 'easting', 'easting-field');
    iN = optionalColumn(csv, 'postcodes', options.northingField, 'northing', 'northing-field');
    if ((iE === null) !== (iN === null)) throw new ImportError(`${file}: give both --easting-field and --northing-field`);
  }
  const areaCols = options.areaField
    ? [columnIndex(csv, options.areaField, 'area-field')]
    : csv.headers.map((name, i) => (AREA_COLUMN.test(name.replace(/[_\s]/g, '')) && !/^(lad|oslaua)/i.test(name) ? i : -1)).filter((i) => i >= 0).slice(0, 12);
  if (iLat === null && iE === null && areaCols.length === 0) {
    throw new ImportError(`${file}: no location columns; give --lat-field/--lon-field, --easting-field/--northing-field or --area-field`);
  }
  const termSuggest = options.terminatedField ?? suggestColumns('postcodes', csv.headers).terminated;
  const iTerm = termSuggest ? columnIndex(csv, termSuggest, 'terminated-field') : null;
  const enCrs = options.crs ? crsFromCode(options.crs) : BNG;
  if (!enCrs) throw new ImportError(`--crs ${options.crs}: unknown coordinate system`);
  const fromEN = toWgs84(enCrs);

  const known = areaCodes(project.db);
  const locator = areaCols.length === 0 && known.size ? areaLocator(project) : null;
  const warnings: string[] = [];
  if (known.size === 0) warnings.push('no boundaries imported yet, so every postcode was kept (import boundaries first to keep only the study area)');

  const tally = new RejectTally();
  const entries = new Map<string, Entry>();
  const hits = new Array(areaCols.length).fill(0);
  let rowsRead = 0;
  for await (const rec of csv.records(ctx)) {
    rowsRead++;
    const pc = checkPostcode(cell(rec, iPc));
    if (!pc.ok) { tally.add(pc.reason === 'missing' ? 'missing postcode' : 'invalid postcode', `row ${fmt(rec.row)}`); continue; }
    const areas = areaCols.map((i) => cell(rec, i));
    // Cheap study-area test first: most rows of a national file stop here.
    if (known.size && areaCols.length) {
      let any = false;
      areas.forEach((a, k) => { if (known.has(a)) { any = true; hits[k]++; } });
      if (!any) { tally.add('outside study area'); continue; }
    }
    let lon: number | null = null;
    let lat: number | null = null;
    if (iLat !== null && iLon !== null) {
      const la = parseNumber(cell(rec, iLat));
      const lo = parseNumber(cell(rec, iLon));
      // ONSPD marks "no grid reference" as lat 99.999999, long 0.
      if (la && lo && la.value !== 99.999999) {
        if (la.value >= -11 && la.value <= 2.5 && lo.value >= 49 && lo.value <= 61.5) {
          throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iLat)}": ${la.value} is a longitude and "${h(iLon)}" ${lo.value} a latitude; the lat/lon columns look swapped`);
        }
        lat = la.value; lon = lo.value;
      }
    } else if (iE !== null && iN !== null) {
      const e = parseNumber(cell(rec, iE));
      const n = parseNumber(cell(rec, iN));
      if (e && n && !(e.value === 0 && n.value === 0)) [lon, lat] = fromEN([e.value, n.value]);
    }
    if (lat !== null && lon !== null && !(lat >= 49 && lat <= 61.5 && lon >= -11 && lon <= 2.5)) {
      if (lat >= -11 && lat <= 2.5 && lon >= 49 && lon <= 61.5) throw new ImportError(`${file} row ${fmt(rec.row)}: latitude ${lat} and longitude ${lon} look swapped`);
      tally.add('location outside the UK', `row ${fmt(rec.row)}`);
      continue;
    }
    if (locator) {
      const area = lon !== null && lat !== null ? locator.locate(lon, lat) : null;
      if (!area) { tally.add(lon === null ? 'no location' : 'outside study area'); continue; }
      areas.push(area);
    }
    if (entries.has(pc.postcode)) { tally.add('duplicate postcode', `row ${fmt(rec.row)}`); continue; }
    entries.set(pc.postcode, { postcode: pc.postcode, lon, lat, areas, status: postcodeStatus(pc.postcode, iTerm === null ? undefined : cell(rec, iTerm)) });
  }
  if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  // With several candidate area columns (ONSPD's oa11, oa21, lsoa11...) keep the one matching most boundaries.
  // Ties (oa11 and lsoa11 both match every row) go to the finer level.
  const rank = new Map(geographies(project.db).map((g) => [g.level, g.rank]));
  const colRank = areaCols.map((i) => { const sample = [...entries.values()].find((e) => known.has(e.areas[areaCols.indexOf(i)])); return sample ? rank.get(known.get(sample.areas[areaCols.indexOf(i)])!) ?? 99 : 99; });
  let best = locator ? areaCols.length : -1;
  if (!locator) areaCols.forEach((_, k) => { if (best < 0 || hits[k] > hits[best] || (hits[k] === hits[best] && colRank[k] < colRank[best])) best = k; });
  const rows = [...entries.values()].map((e) => ({ ...e, area: best >= 0 ? e.areas[best] || null : null }));
  const keep = known.size && best >= 0 ? rows.filter((r) => (r.area && known.has(r.area)) || (tally.add('outside study area'), false)) : rows;
  if (keep.length === 0) throw new ImportError(`${file}: no postcode of its ${fmt(rowsRead)} rows lies in the study area`);
  const areaSource = locator ? `point in ${locator.level} boundary` : best >= 0 ? `column "${h(areaCols[best])}"` : 'none';
  const byStatus = { live: 0, terminated: 0, pseudo: 0 };
  for (const r of keep) byStatus[r.status]++;
  for (const w of tally.warnings('row')) if (!w.includes('outside study area')) warnings.push(w);
  const summary: ImportSummary = {
    kind: 'postcodes', dataset: 'postcodes', file, rowsRead, imported: keep.length, rejected: tally.counts, warnings,
    details: { areaSource, location: iLat !== null ? 'lat/lon' : iE !== null ? `easting/northing (${enCrs.id})` : 'none', ...byStatus },
  };
  checkAborted(ctx, file);
  ctx?.progress?.(`Writing ${fmt(keep.length)} postcodes`, null);
  const db = project.db;
  db.transaction(() => {
    db.prepare('DELETE FROM cgm_postcodes').run();
    const insert = db.prepare('INSERT INTO cgm_postcodes (postcode, lon, lat, area_code, status) VALUES (?, ?, ?, ?, ?)');
    for (const r of keep) insert.run(r.postcode, r.lon, r.lat, r.area, r.status);
    recordDataset(db, 'postcodes', 'postcodes', file, rowsRead, keep.length, summary);
  })();
  return summary;
}
