// Decide a layer's CRS from what it declares, what the user passed (--crs) and
// what its numbers look like; refuse contradictions rather than guess silently.
import type { Bbox, Crs } from './crs';
import { BNG, WGS84, coordinateShape, crsFromCode } from './crs';
import { ImportError } from './importer';

export interface CrsDecision {
  crs: Crs;
  warning: string | null;
}

export function decideCrs(
  file: string,
  format: string,
  declared: Crs | null,
  crsSource: string,
  override: string | undefined,
  rawBbox: Bbox,
): CrsDecision {
  // JSON's 1e999 parses as Infinity: no coordinate system makes that a place.
  if (!rawBbox.every(Number.isFinite)) throw new ImportError(`${file}: a coordinate is not a finite number (${rawBbox.find((v) => !Number.isFinite(v))})`);
  const shape = coordinateShape(rawBbox);
  const range = `x ${rawBbox[0].toFixed(1)}..${rawBbox[2].toFixed(1)}, y ${rawBbox[1].toFixed(1)}..${rawBbox[3].toFixed(1)}`;
  if (shape === 'latlon-swapped') {
    throw new ImportError(
      `${file}: coordinates look like latitude, longitude in the wrong order (${range}); GeoJSON and shapefiles store longitude first`,
    );
  }
  let crs = declared;
  let source = crsSource;
  if (override) {
    crs = crsFromCode(override);
    if (!crs) throw new ImportError(`--crs ${override}: unknown coordinate system (use EPSG:27700, EPSG:4326, EPSG:3857, EPSG:29903 or EPSG:2157)`);
    source = `--crs ${override}`;
  }
  let warning: string | null = null;
  if (shape === 'degrees-out-of-range' && (!crs || crs.def === null)) {
    throw new ImportError(`${file}: coordinates (${range}) look like degrees but fall outside longitude -180..180, latitude -90..90`);
  }
  if (!crs) {
    if (format === 'GeoJSON' && shape === 'lonlat') return { crs: WGS84, warning: null };
    if (format === 'GeoJSON' && shape === 'bng-metres') {
      return { crs: BNG, warning: `${file} declares no CRS and its coordinates are metres in British National Grid range; read as EPSG:27700` };
    }
    const hint = shape === 'bng-metres' ? ' (the coordinates look like British National Grid metres: --crs EPSG:27700)' : shape === 'lonlat' ? ' (the coordinates look like longitude/latitude: --crs EPSG:4326)' : '';
    throw new ImportError(`${file}: no coordinate system (${crsSource}); give one with --crs${hint}`);
  }
  const geographic = crs.def === null;
  if (geographic && shape !== 'lonlat') {
    throw new ImportError(
      `${file}: ${source} says ${crs.label} but the coordinates (${range}) are not longitude/latitude` +
        (shape === 'bng-metres' ? '; they look like British National Grid metres (try --crs EPSG:27700)' : ''),
    );
  }
  if (!geographic && shape === 'lonlat') {
    throw new ImportError(
      `${file}: ${source} says ${crs.label} (metres) but the coordinates (${range}) look like longitude/latitude degrees (try --crs EPSG:4326)`,
    );
  }
  if (crs.id === 'custom') warning = `${file}: coordinate system "${crs.label}" read from WKT by proj4; check the result on the map`;
  return { crs, warning };
}
