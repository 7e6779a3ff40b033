// Shapefile reader (.shp + .dbf, .prj for the CRS, .cpg for the text encoding).
// The header length check catches truncated copies before the parser does.
import { crsFromWkt, type Crs } from './crs';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, checkAborted, fmt, inputName, readFileBytes, readInputBytes } from './importer';
import type { VectorFeature, VectorLayer } from './vector-read';

async function sibling(input: ImportInput, ext: string): Promise<Uint8Array | null> {
  if (typeof input !== 'string') return input.siblings?.[ext] ?? null;
  for (const e of [ext, ext.toUpperCase()]) {
    try {
      return await readFileBytes(input.replace(/\.shp$/i, `.${e}`));
    } catch {
      // try the other case; a missing sidecar is handled by the caller
    }
  }
  return null;
}

/** Check the 100-byte main header: magic 9994 and the declared length in 16-bit words. */
function checkShpHeader(file: string, shp: Uint8Array): void {
  if (shp.length < 100) throw new ImportError(`${file}: truncated shapefile (${shp.length} bytes, the header alone is 100)`);
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== 9994) throw new ImportError(`${file}: not a shapefile (bad file code in the header)`);
  const declared = view.getInt32(24, false) * 2;
  if (shp.length < declared) {
    throw new ImportError(`${file}: truncated shapefile (${fmt(shp.length)} bytes of the ${fmt(declared)} its header declares)`);
  }
}

/** The .shp bytes (header checked) and what its sidecar files say. */
export interface ShapefileParts {
  file: string;
  shp: Uint8Array;
  dbf: Uint8Array;
  encoding: string;
  declaredCrs: Crs | null;
  crsSource: string;
}

export async function readShapefileParts(input: ImportInput): Promise<ShapefileParts> {
  const file = inputName(input);
  const shp = await readInputBytes(input);
  checkShpHeader(file, shp);
  const dbf = await sibling(input, 'dbf');
  if (!dbf) throw new ImportError(`${file}: the .dbf file that holds the attributes is missing beside the .shp`);
  const prj = await sibling(input, 'prj');
  const cpg = await sibling(input, 'cpg');
  const encoding = cpg ? cpgEncoding(new TextDecoder().decode(cpg)) : 'windows-1252';

  let declaredCrs = null;
  let crsSource = 'none (no .prj file)';
  if (prj) {
    const wkt = new TextDecoder().decode(prj).trim();
    declaredCrs = crsFromWkt(wkt);
    if (!declaredCrs) throw new ImportError(`${file}: the .prj file describes a coordinate system this app cannot read`);
    crsSource = '.prj';
  }
  return { file, shp, dbf, encoding, declaredCrs, crsSource };
}

export async function readShapefile(input: ImportInput, ctx?: ImportContext): Promise<VectorLayer> {
  const { file, shp, dbf, encoding, declaredCrs, crsSource } = await readShapefileParts(input);
  const features: VectorFeature[] = [];
  const fields = new Set<string>();
  try {
    // Loaded here, not at the top: with its text-encoding polyfill it is ~0.7 MB of
    // script that every `cgm` start would otherwise evaluate.
    const shapefile = await import('shapefile');
    const source = await shapefile.open(shp, dbf, { encoding });
    for (;;) {
      const { done, value } = await source.read();
      if (done) break;
      const number = features.length + 1;
      if ((number & 1023) === 0) {
        checkAborted(ctx, file);
        ctx?.progress?.(`Reading ${file}: record ${fmt(number)}`, null);
      }
      const properties = (value.properties ?? {}) as Record<string, unknown>;
      if (number === 1) for (const k of Object.keys(properties)) fields.add(k);
      features.push({ number, geometry: value.geometry ?? null, properties });
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(
      `${file} record ${fmt(features.length + 1)}: cannot read the shapefile, it may be damaged or truncated (${(error as Error).message})`,
    );
  }
  return { file, format: 'Shapefile', unit: 'record', features, fields: [...fields], declaredCrs, crsSource };
}

/** .cpg holds e.g. "UTF-8", "1252" or "ANSI 1252". */
function cpgEncoding(text: string): string {
  const t = text.trim().toLowerCase();
  if (t.includes('utf')) return 'utf-8';
  if (/1252|ansi|latin/.test(t)) return 'windows-1252';
  return t || 'windows-1252';
}
