// Postcode directory: ONSPD/NSPL, Code-Point Open or any CSV with a postcode and
// lat/lon or easting/northing, optionally an area code. Streams the file and
// keeps only the study area (area code in the boundaries, else point in a boundary).
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, RejectTally, checkAborted, fmt } from './importer';
import { columnIndex, openCsv } from './csv-read';
import { suggestColumns } from './columns';
import { BNG, crsFromCode, toWgs84 } from './crs';
import { checkPostcode } from './postcode';
import { postcodeKey, postcodeOfKey, validPostcodeKeyAt } from './postcode-key';
import { STATUS_CODES } from './postcode-index';
import { type CellSpans, plainDecimalAt } from './csv-spans';
import { areaLocator } from './area-locator';
import type { ProjectHandle } from './project-tables';
import { areaCodes, geographies } from './project-tables';
import { optionalColumn, pickColumn } from './tabular';
import { STATUSES } from './postcode-index';
import { AREA_SHAPES, PostcodeColumns, areaCodeKey, areaCodeShape, directoryIndex, parseCoordinate } from './postcode-rows';
import { type AreaChoice, PostcodeOutput } from './postcode-output';

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


/**
 * A cell's coordinate: a plain decimal read in place, anything else as parseCoordinate reads it; NaN for none
 * (never a real value: both readers give finite numbers). NaN, not null: a variable that holds a number or null
 * keeps its number boxed on the heap, two allocations a row of a national directory.
 */
function coordinateAt(spans: CellSpans, r: number, k: number): number {
  const at = r * spans.width + k;
  const a = spans.start[at];
  const b = spans.end[at];
  if (a === b) return NaN;
  const v = plainDecimalAt(spans.text, a, b);
  return v === v ? v : parseCoordinate(spans.text.slice(a, b)) ?? NaN;
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
  // Codes read as numbers straight from the text (GSS codes all pack), so no string is made per cell.
  const knownPacked = new Map<number, number>();
  // Length and first three characters of every boundary code: a cell that matches none (an
  // LSOA or Scottish code against English OAs, most of a directory's candidate columns) is
  // no boundary code, found without reading the rest of it.
  const knownShapes = new Uint8Array(AREA_SHAPES);
  // A code that does not pack (a lower-case letter, '_' or '-' after its third character) keeps its
  // shape marked all the same and is found as text.
  knownCodes.forEach((c, i) => {
    const shape = areaCodeShape(c, 0, c.length);
    if (shape >= 0) knownShapes[shape] = 1;
    const k = areaCodeKey(c, 0, c.length);
    if (k >= 0) knownPacked.set(k, i);
  });
  const kept = new PostcodeColumns(areaCols.length + (locator ? 1 : 0));
  // Duplicates: while the kept postcodes come in increasing order (a directory sorted by postcode)
  // a repeat can only be the last one kept; once the order breaks, a Set of all kept so far.
  let seen: Set<number> | null = null;
  let lastKept = -1;
  const hits = new Array(areaCols.length).fill(0);
  // The first boundary code seen in each column: its level ranks the column on a tie.
  const firstKnown: (string | null)[] = new Array(areaCols.length).fill(null);
  const rank = new Map(geographies(project.db).map((g) => [g.level, g.rank]));
  // With several candidate area columns (ONSPD's oa11, oa21, lsoa11...) keep the one matching most boundaries.
  // Ties (oa11 and lsoa11 both match every row) go to the finer level. Asked as the rows come, for the writer's guess.
  const leading = (): AreaChoice => {
    let best = locator ? areaCols.length : -1;
    if (!locator) {
      const colRank = firstKnown.map((code) => (code === null ? 99 : rank.get(known.get(code)!) ?? 99));
      areaCols.forEach((_, k) => { if (best < 0 || hits[k] > hits[best] || (hits[k] === hits[best] && colRank[k] < colRank[best])) best = k; });
    }
    return { column: best, filter: known.size > 0 && best >= 0 };
  };
  // With no boundaries nothing is filtered and the first area column is kept as text: its distinct
  // values, in first-seen order, are the area codes, and the column holds indexes into them.
  const textCodes: string[] = [];
  const textIndex = new Map<string, number>();
  const codes = known.size ? knownCodes : textCodes;
  const rowAreas = new Int32Array(areaCols.length + 1);
  const lastCode = new Float64Array(areaCols.length).fill(-2);
  const lastAt = new Int32Array(areaCols.length).fill(-1);
  const columns = [...new Set([iPc, iLat, iLon, iE, iN, iTerm, ...areaCols].filter((i): i is number => i !== null))];
  const slotOf = (i: number | null) => (i === null ? -1 : columns.indexOf(i));
  const [sPc, sLat, sLon, sE, sN, sTerm] = [iPc, iLat, iLon, iE, iN, iTerm].map(slotOf);
  const sArea = areaCols.map(slotOf);
  let rowsRead = 0;
  const output = PostcodeOutput.open(project.db, csv.size);
  try {
    for await (const spans of csv.spans(ctx, columns)) {
      const { text, start, end, width, rows } = spans;
      for (let r = 0; r < spans.count; r++) {
        rowsRead++;
        const at = r * width;
        const row = rows[r];
        // Already normal (a directory's pcds column): read as a key, no string; anything else the exact way.
        let key = validPostcodeKeyAt(text, start[at + sPc], end[at + sPc]);
        let pseudo = false;
        if (key < 0) {
          const pc = checkPostcode(spans.cell(r, sPc));
          if (!pc.ok) { tally.add(pc.reason === 'missing' ? 'missing postcode' : 'invalid postcode', `row ${fmt(row)}`); continue; }
          key = postcodeKey(pc.postcode);
          pseudo = pc.pseudo;
        }
        // Cheap study-area test first: most rows of a national file stop here.
        let any = false;
        for (let k = 0; k < areaCols.length; k++) {
          const a = start[at + sArea[k]];
          const b = end[at + sArea[k]];
          const shape = areaCodeShape(text, a, b);
          let found: number;
          if (shape >= 0 && knownShapes[shape] === 0) found = -1;
          else if (shape >= 0) {
            // A directory sorted by postcode repeats each OA's code over ~15 rows: compare before looking up.
            const code = areaCodeKey(text, a, b);
            found = code < 0 ? knownIndex.get(text.slice(a, b)) ?? -1 : code === lastCode[k] ? lastAt[k] : knownPacked.get(code) ?? -1;
            lastCode[k] = code;
            lastAt[k] = found;
          } else found = knownIndex.get(text.slice(a, b)) ?? -1;
          rowAreas[k] = found;
          if (found < 0) continue;
          any = true;
          hits[k]++;
          firstKnown[k] ??= knownCodes[found];
        }
        if (known.size && areaCols.length && !any) { tally.add('outside study area'); continue; }
        // NaN while the row has no location (see coordinateAt); `located` says whether it has one.
        let lon = NaN;
        let lat = NaN;
        let located = false;
        if (iLat !== null && iLon !== null) {
          const la = coordinateAt(spans, r, sLat);
          const lo = coordinateAt(spans, r, sLon);
          // ONSPD marks "no grid reference" as lat 99.999999, long 0.
          if (la === la && lo === lo && la !== 99.999999) {
            if (la >= -11 && la <= 2.5 && lo >= 49 && lo <= 61.5) {
              throw new ImportError(`${file} row ${fmt(row)}, field "${h(iLat)}": ${la} is a longitude and "${h(iLon)}" ${lo} a latitude; the lat/lon columns look swapped`);
            }
            lat = la; lon = lo; located = true;
          }
        } else if (iE !== null && iN !== null) {
          const e = coordinateAt(spans, r, sE);
          const n = coordinateAt(spans, r, sN);
          if (e === e && n === n && !(e === 0 && n === 0)) { [lon, lat] = fromEN([e, n]); located = true; }
        }
        if (located && !(lat >= 49 && lat <= 61.5 && lon >= -11 && lon <= 2.5)) {
          if (lat >= -11 && lat <= 2.5 && lon >= 49 && lon <= 61.5) throw new ImportError(`${file} row ${fmt(row)}: latitude ${lat} and longitude ${lon} look swapped`);
          tally.add('location outside the UK', `row ${fmt(row)}`);
          continue;
        }
        if (locator) {
          const area = located ? locator.locate(lon, lat) : null;
          if (!area) { tally.add(located ? 'outside study area' : 'no location'); continue; }
          rowAreas[areaCols.length] = knownIndex.get(area) ?? -1;
        }
        if (seen === null && key <= lastKept && kept.length > 0) {
          if (key === lastKept) { tally.add('duplicate postcode', `row ${fmt(row)}`); continue; }
          seen = new Set(kept.keys.subarray(0, kept.length));
        }
        if (seen !== null) {
          if (seen.has(key)) { tally.add('duplicate postcode', `row ${fmt(row)}`); continue; }
          seen.add(key);
        }
        lastKept = key;
        // ONSPD's doterm: empty while the postcode is live.
        const status = pseudo ? STATUS_CODES.pseudo : sTerm >= 0 && end[at + sTerm] > start[at + sTerm] ? STATUS_CODES.terminated : STATUS_CODES.live;
        if (!known.size && areaCols.length) {
          const text = spans.cell(r, sArea[0]);
          let code = text === '' ? -1 : textIndex.get(text) ?? -2;
          if (code === -2) {
            code = textCodes.push(text) - 1;
            textIndex.set(text, code);
          }
          rowAreas[0] = code;
        }
        kept.push(key, lon, lat, status, rowAreas);
      }
      output.offer(kept, leading(), codes, seen === null);
    }
    if (rowsRead === 0) throw new ImportError(`${file}: has a header row but no data rows`);

    const choice = leading();
    const best = choice.column;
    const keep: number[] = [];
    for (let r = 0; r < kept.length; r++) {
      if (choice.filter && kept.areas[best][r] < 0) tally.add('outside study area');
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
    const index = directoryIndex(kept, keep, (r) => (best < 0 ? -1 : kept.areas[best][r]), codes, seen === null);
    await output.finish(kept, choice, codes, seen === null, index, { sourceFile: file, rowsRead, rowsImported: keep.length, summary });
    return summary;
  } catch (error) {
    await output.abandon();
    throw error;
  }
}
