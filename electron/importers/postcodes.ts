// Postcode directory: ONSPD/NSPL, Code-Point Open or any CSV with a postcode and
// lat/lon or easting/northing, optionally an area code. Streams the file and
// keeps only the study area (area code in the boundaries, else point in a boundary).
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt } from './importer';
import { cell, columnIndex, openCsv } from './csv-read';
import { suggestColumns } from './columns';
import { BNG, crsFromCode, toWgs84 } from './crs';
import { postcodeStatus, checkPostcode } from './postcode';
import { areaLocator } from './area-locator';
import type { ProjectHandle } from './project-tables';
import { areaCodes, geographies, recordDataset } from './project-tables';
import { optionalColumn, pickColumn } from './tabular';
import { PostcodeColumns, STATUSES, parseCoordinate, writePostcodes } from './postcode-rows';

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


/** A code's length and first three characters as one number (a prefilter: equal codes have equal shapes). */
function codeShape(code: string): number {
  return code.length * 0x200000 + (code.charCodeAt(0) & 0x7f) * 0x4000 + (code.charCodeAt(1) & 0x7f) * 0x80 + (code.charCodeAt(2) & 0x7f);
}

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
  // Columnar, not an object per row: a national directory is 2.7M rows and
  // per-row objects cost most of the import in garbage collection (bench/README.md).
  // Area codes are held as indexes into the known codes; -1 is "not a boundary code".
  const knownCodes = [...known.keys()];
  const knownIndex = new Map(knownCodes.map((c, i) => [c, i]));
  // Length and first three characters of every boundary code: a cell that matches none (an
  // LSOA or Scottish code against English OAs, most of a directory's candidate columns) is
  // no boundary code, found without hashing the string.
  const knownShapes = new Set(knownCodes.map(codeShape));
  const kept = new PostcodeColumns(areaCols.length + (locator ? 1 : 0));
  // Duplicates: while the kept postcodes come in increasing order (a directory sorted by postcode)
  // a repeat can only be the last one kept; once the order breaks, a Set of all kept so far.
  let seen: Set<string> | null = null;
  let lastKept = '';
  const hits = new Array(areaCols.length).fill(0);
  // The first boundary code seen in each column: its level ranks the column on a tie.
  const firstKnown: (string | null)[] = new Array(areaCols.length).fill(null);
  // With no boundaries nothing is filtered and the first area column is kept as text.
  const firstColumnText: string[] = [];
  const rowAreas = new Int32Array(areaCols.length + 1);
  const lastCode: string[] = new Array(areaCols.length).fill('\u0000');
  const lastAt: (number | undefined)[] = new Array(areaCols.length).fill(undefined);
  const wanted = [iPc, iLat, iLon, iE, iN, iTerm, ...areaCols].filter((i): i is number => i !== null);
  let rowsRead = 0;
  for await (const batch of csv.batches(ctx, wanted)) {
    for (const rec of batch) {
      rowsRead++;
      const pc = checkPostcode(cell(rec, iPc));
      if (!pc.ok) { tally.add(pc.reason === 'missing' ? 'missing postcode' : 'invalid postcode', `row ${fmt(rec.row)}`); continue; }
      // Cheap study-area test first: most rows of a national file stop here.
      let any = false;
      for (let k = 0; k < areaCols.length; k++) {
        const code = cell(rec, areaCols[k]);
        // A directory sorted by postcode repeats each OA's code over ~15 rows: compare before hashing.
        const at = code === lastCode[k] ? lastAt[k] : knownShapes.has(codeShape(code)) ? knownIndex.get(code) : undefined;
        lastCode[k] = code;
        lastAt[k] = at;
        if (at === undefined) { rowAreas[k] = -1; continue; }
        rowAreas[k] = at;
        any = true;
        hits[k]++;
        firstKnown[k] ??= code;
      }
      if (known.size && areaCols.length && !any) { tally.add('outside study area'); continue; }
      let lon: number | null = null;
      let lat: number | null = null;
      if (iLat !== null && iLon !== null) {
        const la = parseCoordinate(cell(rec, iLat));
        const lo = parseCoordinate(cell(rec, iLon));
        // ONSPD marks "no grid reference" as lat 99.999999, long 0.
        if (la !== null && lo !== null && la !== 99.999999) {
          if (la >= -11 && la <= 2.5 && lo >= 49 && lo <= 61.5) {
            throw new ImportError(`${file} row ${fmt(rec.row)}, field "${h(iLat)}": ${la} is a longitude and "${h(iLon)}" ${lo} a latitude; the lat/lon columns look swapped`);
          }
          lat = la; lon = lo;
        }
      } else if (iE !== null && iN !== null) {
        const e = parseCoordinate(cell(rec, iE));
        const n = parseCoordinate(cell(rec, iN));
        if (e !== null && n !== null && !(e === 0 && n === 0)) [lon, lat] = fromEN([e, n]);
      }
      if (lat !== null && lon !== null && !(lat >= 49 && lat <= 61.5 && lon >= -11 && lon <= 2.5)) {
        if (lat >= -11 && lat <= 2.5 && lon >= 49 && lon <= 61.5) throw new ImportError(`${file} row ${fmt(rec.row)}: latitude ${lat} and longitude ${lon} look swapped`);
        tally.add('location outside the UK', `row ${fmt(rec.row)}`);
        continue;
      }
      if (locator) {
        const area = lon !== null && lat !== null ? locator.locate(lon, lat) : null;
        if (!area) { tally.add(lon === null ? 'no location' : 'outside study area'); continue; }
        rowAreas[areaCols.length] = knownIndex.get(area) ?? -1;
      }
      if (seen === null && pc.postcode <= lastKept && kept.length > 0) {
        if (pc.postcode === lastKept) { tally.add('duplicate postcode', `row ${fmt(rec.row)}`); continue; }
        seen = new Set(kept.postcodes);
      }
      if (seen !== null) {
        if (seen.has(pc.postcode)) { tally.add('duplicate postcode', `row ${fmt(rec.row)}`); continue; }
        seen.add(pc.postcode);
      }
      lastKept = pc.postcode;
      kept.push(pc.postcode, lon, lat, postcodeStatus(pc.postcode, iTerm === null ? undefined : cell(rec, iTerm)), rowAreas);
      if (!known.size && areaCols.length) firstColumnText.push(cell(rec, areaCols[0]));
    }
  }
  seen = null;
  if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);

  // With several candidate area columns (ONSPD's oa11, oa21, lsoa11...) keep the one matching most boundaries.
  // Ties (oa11 and lsoa11 both match every row) go to the finer level.
  const rank = new Map(geographies(project.db).map((g) => [g.level, g.rank]));
  const colRank = firstKnown.map((code) => (code === null ? 99 : rank.get(known.get(code)!) ?? 99));
  let best = locator ? areaCols.length : -1;
  if (!locator) areaCols.forEach((_, k) => { if (best < 0 || hits[k] > hits[best] || (hits[k] === hits[best] && colRank[k] < colRank[best])) best = k; });
  const areaOf = (r: number): string | null => {
    if (best < 0) return null;
    if (!known.size) return firstColumnText[r] || null;
    const at = kept.areas[best][r];
    return at < 0 ? null : knownCodes[at];
  };
  const keep: number[] = [];
  for (let r = 0; r < kept.length; r++) {
    if (known.size && best >= 0 && areaOf(r) === null) tally.add('outside study area');
    else keep.push(r);
  }
  if (keep.length === 0) throw new ImportError(`${file}: no postcode of its ${fmt(rowsRead)} rows lies in the study area`);
  const areaSource = locator ? `point in ${locator.level} boundary` : best >= 0 ? `column "${h(areaCols[best])}"` : 'none';
  const byStatus = { live: 0, terminated: 0, pseudo: 0 };
  for (const r of keep) byStatus[STATUSES[kept.status[r]]]++;
  for (const w of tally.warnings('row')) if (!w.includes('outside study area')) warnings.push(w);
  const summary: ImportSummary = {
    kind: 'postcodes', dataset: 'postcodes', file, rowsRead, imported: keep.length, rejected: tally.counts, warnings,
    details: { areaSource, location: iLat !== null ? 'lat/lon' : iE !== null ? `easting/northing (${enCrs.id})` : 'none', ...byStatus },
  };
  checkAborted(ctx, file);
  ctx?.progress?.(`Writing ${fmt(keep.length)} postcodes`, null);
  writePostcodes(project.db, keep.length, (i) => {
    const r = keep[i];
    return [kept.postcodes[r], kept.lon(r), kept.lat(r), areaOf(r), STATUSES[kept.status[r]]];
  }, () => recordDataset(project.db, 'postcodes', 'postcodes', file, rowsRead, keep.length, summary));
  return summary;
}
