// Builds zips for the zip import tests at run time with Python's zipfile (the
// real data is read in place, never copied into the repository). Python can
// also write the hostile entries a zip tool would not: names with "../",
// headers that lie about sizes, flags and methods.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ZipEntrySpec {
  /** The name stored in the zip, taken as it is ("../../evil.shp" included). */
  name: string;
  /** Contents: a file on disk, some text, or this many zero bytes. */
  from?: string;
  text?: string;
  /** With `text`: the text this many times over (a big entry without a big command line). */
  repeat?: number;
  zeros?: number;
  /** Stored without compression (deflated otherwise). */
  stored?: boolean;
}

/** Header fields to overwrite after writing, in both the local and the central header. */
export interface ZipPatch {
  name: string;
  /** General purpose bit flag (bit 0: encrypted). */
  flag?: number;
  /** Compression method (9: Deflate64). */
  method?: number;
  /** Declared uncompressed size. */
  size?: number;
}

const SCRIPT = `
import json, struct, sys, zipfile
spec = json.loads(sys.argv[1])
out = sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for e in spec['entries']:
        if 'from' in e:
            data = open(e['from'], 'rb').read()
        elif 'text' in e:
            data = e['text'].encode('utf-8') * e.get('repeat', 1)
        else:
            data = b'\\0' * e['zeros']
        z.writestr(e['name'], data, zipfile.ZIP_STORED if e.get('stored') else zipfile.ZIP_DEFLATED)
if spec['patches']:
    b = bytearray(open(out, 'rb').read())
    infos = {i.filename: i for i in zipfile.ZipFile(out).infolist()}
    for p in spec['patches']:
        local = infos[p['name']].header_offset
        central = b.find(b'PK\\x01\\x02')
        while b[central + 46:central + 46 + struct.unpack_from('<H', b, central + 28)[0]].decode() != p['name']:
            central = b.find(b'PK\\x01\\x02', central + 46)
        for key, fmt, lo, co in (('flag', '<H', 6, 8), ('method', '<H', 8, 10), ('size', '<I', 22, 24)):
            if key in p:
                struct.pack_into(fmt, b, local + lo, p[key])
                struct.pack_into(fmt, b, central + co, p[key])
    open(out, 'wb').write(bytes(b))
`;

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Writes the zip to `out` and returns `out`. */
export function makeZip(out: string, entries: ZipEntrySpec[], patches: ZipPatch[] = []): string {
  execFileSync(PYTHON, ['-c', SCRIPT, JSON.stringify({ entries, patches }), out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}

/** The parts of a shapefile written by ogr2ogr at `stem` (no extension), stored under `folder` in the zip. */
export function shapefileEntries(stem: string, folder: string, name: string, exts = ['shp', 'shx', 'dbf', 'prj']): ZipEntrySpec[] {
  return exts.filter((ext) => existsSync(`${stem}.${ext}`)).map((ext) => ({ name: `${folder}${name}.${ext}`, from: `${stem}.${ext}` }));
}
