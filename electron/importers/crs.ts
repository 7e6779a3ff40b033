// Coordinate reference systems for imported layers: recognise what a file
// declares (.prj WKT, GeoJSON crs, GeoPackage srs), sanity-check it against the
// numbers, and reproject to WGS84 lon/lat for the project.
//
// Accuracy: proj4js has no OSTN15 grid, so BNG uses the OSGB36->WGS84 7-parameter
// Helmert (EPSG transformation 1314), good to about 2-5 m across Great Britain —
// fine for small-area analysis, the same transform GDAL uses without proj-data grids.
import proj4 from 'proj4';
import { bngToWgs84ByTiles } from './bng-wgs84-tiles';

export const BNG_DEF =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const IRISH_GRID_DEF =
  '+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=1.000035 +x_0=200000 +y_0=250000 +ellps=mod_airy ' +
  '+towgs84=482.5,-130.6,564.6,-1.042,-0.214,-0.631,8.15 +units=m +no_defs';
const ITM_DEF = '+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=0.99982 +x_0=600000 +y_0=750000 +ellps=GRS80 +units=m +no_defs';
const WEB_MERCATOR_DEF =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';

export interface Crs {
  /** e.g. "EPSG:27700"; "custom" for a WKT we could only hand to proj4. */
  id: string;
  label: string;
  /** proj4 definition; null means already WGS84 lon/lat. */
  def: string | null;
}

export const WGS84: Crs = { id: 'EPSG:4326', label: 'WGS 84 (lon/lat)', def: null };
export const BNG: Crs = { id: 'EPSG:27700', label: 'OSGB 1936 / British National Grid', def: BNG_DEF };

const KNOWN: Record<string, Crs> = {
  '4326': WGS84,
  '4258': { id: 'EPSG:4258', label: 'ETRS89 (lon/lat, treated as WGS 84)', def: null },
  '27700': BNG,
  '29902': { id: 'EPSG:29902', label: 'TM65 / Irish Grid', def: IRISH_GRID_DEF },
  '29903': { id: 'EPSG:29903', label: 'TM75 / Irish Grid', def: IRISH_GRID_DEF },
  '2157': { id: 'EPSG:2157', label: 'IRENET95 / Irish Transverse Mercator', def: ITM_DEF },
  '3857': { id: 'EPSG:3857', label: 'WGS 84 / Pseudo-Mercator', def: WEB_MERCATOR_DEF },
};

/** "EPSG:27700", "27700", "BNG", "OGC:CRS84", "urn:ogc:def:crs:EPSG::27700"; null if unknown. */
export function crsFromCode(code: string): Crs | null {
  const c = code.trim().toUpperCase();
  if (/CRS84$/.test(c) || c === 'WGS84' || c === 'WGS 84') return WGS84;
  if (c === 'BNG' || c === 'OSGB' || c === 'OSGB36') return BNG;
  const m = /(\d{4,5})$/.exec(c);
  return m ? (KNOWN[m[1]] ?? null) : null;
}

/**
 * A CRS from OGC/ESRI WKT (.prj, gpkg_spatial_ref_sys). British grids are
 * matched by name first, because ESRI .prj files omit TOWGS84 and proj4 would
 * then be ~100 m off.
 */
export function crsFromWkt(wkt: string): Crs | null {
  const w = wkt.replace(/\s+/g, ' ');
  const authority = /AUTHORITY\["EPSG","(\d+)"\]\]\s*$/i.exec(w) ?? /ID\["EPSG",(\d+)\]\]\s*$/i.exec(w);
  if (authority && KNOWN[authority[1]]) return KNOWN[authority[1]];
  if (/British_National_Grid|OSGB[ _]?1936|OSGB36/i.test(w) && /PROJCS|PROJCRS/i.test(w)) return BNG;
  if (/Irish_Transverse_Mercator|IRENET95/i.test(w)) return KNOWN['2157'];
  if (/Irish_Grid|TM65|TM75/i.test(w) && /PROJCS/i.test(w)) return KNOWN['29903'];
  if (/Pseudo[_ -]Mercator|Web_Mercator/i.test(w)) return KNOWN['3857'];
  if (/^\s*GEOG(CS|CRS)\[/i.test(w) && /WGS[_ ]?(19)?84|ETRS[_ ]?(19)?89/i.test(w)) return WGS84;
  try {
    proj4(wkt, 'WGS84', [0, 0]);
    return { id: 'custom', label: (/^\w+\["([^"]+)"/.exec(w)?.[1] ?? 'custom WKT').replace(/_/g, ' '), def: wkt };
  } catch {
    return null;
  }
}

export type Bbox = [number, number, number, number];

export type CoordinateShape = 'lonlat' | 'latlon-swapped' | 'degrees-out-of-range' | 'bng-metres' | 'other';

/** What the raw numbers look like, whatever the file claims. */
export function coordinateShape([minX, minY, maxX, maxY]: Bbox): CoordinateShape {
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) {
    // Latitude in the lon slot and vice versa, for anywhere in the British Isles.
    if (minX >= 49 && maxX <= 61.5 && minY >= -11 && maxY <= 2.5) return 'latlon-swapped';
    return 'lonlat';
  }
  // Numbers this small are degrees gone wrong, not metres: the grid's 540 m by 180 m
  // corner around its false origin lies in the sea south-west of Scilly.
  if (minX >= -540 && maxX <= 540 && minY >= -180 && maxY <= 180) return 'degrees-out-of-range';
  if (minX >= -10000 && maxX <= 800000 && minY >= -10000 && maxY <= 1300000) return 'bng-metres';
  return 'other';
}

export type Position = number[];
export type Transform = (p: Position) => Position;

export function toWgs84(crs: Crs): Transform {
  if (crs.def === null) return (p) => [p[0], p[1]];
  const converter = proj4(crs.def, 'WGS84');
  return (p) => {
    const [x, y] = converter.forward([p[0], p[1]]);
    return [x, y];
  };
}

/**
 * toWgs84 over a flat x, y array, in place: British National Grid takes the
 * typed-array fast path (proj4's maths in bng-wgs84.ts, by the tile polynomials
 * of bng-wgs84-tiles.ts: within ~1e-8 m of it), anything else proj4 point by
 * point. Non-finite pairs become NaN for the checks to report.
 */
export function reprojectToWgs84InPlace(crs: Crs, xy: Float64Array): void {
  if (crs.def === null) return;
  if (crs.def === BNG_DEF) return bngToWgs84ByTiles(xy);
  const converter = proj4(crs.def, 'WGS84');
  const p = [0, 0];
  for (let i = 0; i < xy.length; i += 2) {
    p[0] = xy[i];
    p[1] = xy[i + 1];
    const [x, y] = Number.isFinite(p[0]) && Number.isFinite(p[1]) ? converter.forward(p) : [NaN, NaN];
    xy[i] = x;
    xy[i + 1] = y;
  }
}

export function fromWgs84(crs: Crs): Transform {
  if (crs.def === null) return (p) => [p[0], p[1]];
  const converter = proj4(crs.def, 'WGS84');
  return (p) => {
    const [x, y] = converter.inverse([p[0], p[1]]);
    return [x, y];
  };
}
