// The national tables: an ONSPD-layout postcode directory, a messy service-user
// extract, OAC-style assignments and TS001-style population, all keyed to the
// OA cells of shapefile.ts so every England row lands in the study area.
import { bngToWgs84InPlace } from '../../electron/importers/bng-wgs84';
import { postcodeOf, onspdSpellings, unissuedPostcode, type Country } from './postcode-format';
import { lcg } from './random';
import { CELL, cellOrigin, gridSide, lsoaCode, oaCode } from './shapefile';
import { TextWriter } from './text-writer';

// ONSPD (February 2024) column order; the importer finds pcds, lat, long, doterm, oa21 by name.
const ONSPD_COLUMNS = ('pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,nhser,' +
  'ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,' +
  'sicbl,bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21').split(',');

const CTRY: Record<Country, string> = { E: 'E92000001', W: 'W92000004', S: 'S92000003' };

export interface DirectoryFacts {
  rows: number;
  england: number;
  englandTerminated: number;
  welsh: number;
  scottish: number;
  /** The English postcodes written (pcds), for the users file to draw on. */
  englishPostcodes: string[];
  englishTerminated: Uint8Array;
  scottishSample: string[];
}

const code = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, '0')}`;

/**
 * rows ONSPD rows: 85% England (a quarter terminated, 0.1% without a grid
 * reference, as ONSPD marks them: lat 99.999999, long 0), 5% Wales, 10%
 * Scotland, sorted by postcode as ONSPD is, neighbouring units in the same OA.
 */
export function writeOnspd(path: string, rows: number, areas: number): DirectoryFacts {
  const rand = lcg(2024);
  const side = gridSide(areas);
  const out = new TextWriter(path);
  out.write(ONSPD_COLUMNS.join(',') + '\n');
  const facts: DirectoryFacts = { rows, england: 0, englandTerminated: 0, welsh: 0, scottish: 0, englishPostcodes: [], englishTerminated: new Uint8Array(rows), scottishSample: [] };
  const xy = new Float64Array(2);
  const next: Record<Country, number> = { E: 0, W: 0, S: 0 };
  // ONSPD is sorted by postcode, and neighbouring units share an OA (~15 to an
  // OA): draw the units first, sort them, then give the English ones OAs in runs.
  const units: { pcds: string; country: Country; n: number }[] = [];
  for (let r = 0; r < rows; r++) {
    const u = rand();
    const country: Country = u < 0.85 ? 'E' : u < 0.9 ? 'W' : 'S';
    units.push({ pcds: postcodeOf(country, next[country]), country, n: next[country]++ });
  }
  units.sort((a, b) => (a.pcds < b.pcds ? -1 : a.pcds > b.pcds ? 1 : 0));
  const perArea = next.E / areas;
  let englishSeen = 0;
  for (let r = 0; r < rows; r++) {
    const { pcds, country, n } = units[r];
    const { pcd, pcd2 } = onspdSpellings(pcds);
    const terminated = rand() < 0.25;
    const doterm = terminated ? `20${10 + Math.floor(rand() * 14)}0${1 + Math.floor(rand() * 9)}` : '';
    let oa: string, lsoa: string, msoa: string, lat: string, lon: string, east: number, north: number, lad: string;
    if (country === 'E') {
      // In postcode order, one OA after another; one in ten strays to a random OA.
      const inRun = Math.min(areas - 1, Math.floor(englishSeen++ / perArea));
      const i = rand() < 0.1 ? Math.floor(rand() * areas) : inRun;
      const [x0, y0] = cellOrigin(i, side);
      // Inside the cell, clear of the boundary's 25 m inward jitter.
      east = Math.round(x0 + 50 + rand() * (CELL - 100));
      north = Math.round(y0 + 50 + rand() * (CELL - 100));
      xy[0] = east; xy[1] = north;
      bngToWgs84InPlace(xy);
      [lon, lat] = [xy[0].toFixed(6), xy[1].toFixed(6)];
      if (rand() < 0.001) [lat, lon, east, north] = ['99.999999', '0.000000', 0, 0];
      oa = oaCode(i); lsoa = lsoaCode(i); msoa = code('E02', Math.floor(i / 25) + 1); lad = code('E060', Math.floor(i / 600) % 1000);
      facts.england++;
      if (terminated) { facts.englandTerminated++; facts.englishTerminated[facts.englishPostcodes.length] = 1; }
      facts.englishPostcodes.push(pcds);
    } else {
      lat = (country === 'S' ? 55 + rand() * 3 : 51.5 + rand() * 1.5).toFixed(6);
      lon = (country === 'S' ? -5 + rand() * 3 : -4.5 + rand() * 1.5).toFixed(6);
      east = Math.round(200000 + rand() * 100000); north = Math.round(country === 'S' ? 600000 + rand() * 300000 : 200000 + rand() * 150000);
      oa = code(`${country}00`, n); lsoa = code(`${country}01`, Math.floor(n / 5)); msoa = code(`${country}02`, Math.floor(n / 25)); lad = code(`${country}060`, n % 1000);
      if (country === 'S') { facts.scottish++; if (facts.scottishSample.length < 20_000) facts.scottishSample.push(pcds); } else facts.welsh++;
    }
    const ctry = CTRY[country];
    // 2011 and 2001 codes mostly follow 2021's but from their own ranges, so only oa21 matches the 2021 boundaries fully.
    const oa11 = rand() < 0.9 ? oa : `${oa.slice(0, 3)}9${oa.slice(4)}`;
    out.write(`${pcd},${pcd2},${pcds},19800${1 + (r % 9)},${doterm},E99999999,E99999999,${lad},${code('E05', r % 9000)},${code('E43', r % 10000)},${r % 7 === 0 ? 1 : 0},` +
      `${east},${north},1,E18000007,E40000003,${ctry},${country === 'E' ? `E1200000${1 + (r % 9)}` : ctry},0,${code('E14', r % 543)},E15000001,E24000001,` +
      `${code('E30', r % 150)},${code('E16', r % 150)},TLC31,99ZZ00,${oa.slice(0, 3)}8${oa.slice(4)},99ZZ00,E65000001,${lsoa},${msoa},A,3B2,` +
      `${oa11},${lsoa},${msoa},${code('E33', r % 50000)},${code('E38', r % 106)},${code('E63', r % 8000)},A1,1A1,${lat},${lon},` +
      `${code('E37', r % 38)},,${code('E23', r % 43)},${1 + (r % 32844)},${code('E56', r % 40)},${code('E54', r % 42)},${oa},${lsoa},${msoa}\n`);
  }
  out.close();
  return facts;
}

/**
 * rows service users as a council case system exports them: lower case,
 * missing spaces, padded, blank, invalid, ZZ99 pseudo, terminated,
 * Scottish (out of area), valid but unissued, duplicated referrals and a few
 * impossible dates. The mix is stated so the bench can check the reject tally.
 */
export function writeUsers(path: string, rows: number, directory: DirectoryFacts): void {
  const rand = lcg(77);
  const out = new TextWriter(path);
  out.write('Client Ref,Full Name,Post Code,Referral Date,Notes\n');
  const en = directory.englishPostcodes;
  let previous = '';
  for (let r = 0; r < rows; r++) {
    const u = rand();
    let pc: string;
    if (u < 0.05 && previous) { out.write(previous); continue; } // the same referral exported twice
    if (u < 0.07) pc = '';
    else if (u < 0.08) pc = ['N/A', 'unknown', 'LE15', '12345', 'QQ1 1AA', 'NFA'][Math.floor(rand() * 6)];
    else if (u < 0.085) pc = 'ZZ99 3VZ';
    else if (u < 0.11) pc = directory.scottishSample[Math.floor(rand() * directory.scottishSample.length)];
    else if (u < 0.12) pc = unissuedPostcode(Math.floor(rand() * 1e6));
    else pc = en[Math.floor(rand() * en.length)];
    const v = rand();
    if (v < 0.2) pc = pc.toLowerCase();
    else if (v < 0.35) pc = pc.replace(' ', '');
    else if (v < 0.4) pc = ` ${pc} `;
    const day = 1 + Math.floor(rand() * 28), month = 1 + Math.floor(rand() * 12), year = 2023 + Math.floor(rand() * 2);
    const date = rand() < 0.002 ? '31/02/2024' : `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
    // Names and notes are quoted (one with a comma, one over two lines now and then): the parser's slow path.
    const notes = r % 50 === 0 ? '"called twice,\nno answer"' : r % 7 === 0 ? '"prefers ""morning"" visits"' : '';
    previous = `CLT-${r + 1},"Client ${r + 1}",${pc},${date},${notes}\n`;
    out.write(previous);
  }
  out.close();
}

/** OAC 2021-style: every OA in one of 8 supergroups, 21 groups, 52 subgroups (here seeded, not clustered). */
export function writeOac(path: string, areas: number): void {
  const rand = lcg(8);
  const out = new TextWriter(path);
  out.write('oa21cd,supergroup,group,subgroup\n');
  for (let i = 0; i < areas; i++) {
    const s = 1 + Math.floor(rand() * 8), g = 'abc'[Math.floor(rand() * 3)], sub = 1 + Math.floor(rand() * 3);
    out.write(`${oaCode(i)},${s},${s}${g},${s}${g}${sub}\n`);
  }
  out.close();
}

/** Census 2021 TS001 as Nomis's bulk download lays it out: usual residents, in households and communal establishments. */
export function writePopulation(path: string, areas: number): void {
  const rand = lcg(2021);
  const out = new TextWriter(path);
  out.write('date,geography,geography code,Residence type: Total; measures: Value,Residence type: Lives in a household; measures: Value,' +
    'Residence type: Lives in a communal establishment; measures: Value\n');
  for (let i = 0; i < areas; i++) {
    const total = 100 + Math.floor(rand() * 400);
    const communal = rand() < 0.05 ? Math.floor(rand() * 60) : 0;
    out.write(`2021,${oaCode(i)},${oaCode(i)},${total},${total - communal},${communal}\n`);
  }
  out.close();
}
