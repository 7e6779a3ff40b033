// Issue 19 item 5: the "realistic access" band view on real Rutland data:
// households without a car (Census 2021 TS045) at their walking time to the
// nearest GP, the rest at their driving time (real OSM roads, the four GPs).
//
// Hand check on two real OAs (times from the routing engine, asserted below):
//   E00069587: 117 residents; TS045 2 of 57 households without a car (3.509%);
//              walk 5,194.6 s = 86.6 min (over 25), drive 654.1 s = 10.9 min (10-15).
//   E00172622: 144 residents; 11 of 58 without a car (18.966%);
//              walk 1,082.5 s = 18.0 min (15-20), drive 147.7 s = 2.5 min (<5).
// Realistic, the two areas alone (261 residents):
//   <5:  144 × 47/58 = 116.690                          → 116.690 / 261 = 44.709%
//   <10: nothing more                                   → 44.709%
//   <15: + 117 × 55/57 = 112.895                        → 229.585 / 261 = 87.963%
//   <20: + 144 × 11/58 = 27.310                         → 256.895 / 261 = 98.427%
//   <25: nothing more (117 × 2/57 = 4.105 walk 86.6 min) → 98.427%; >25 100%.
// Walk-only would give 0, 0, 0, 55.17, 55.17 and drive-only 55.17, 55.17, 100.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgm, parseCsv } from './fixture';
import { buildRealisticRutland } from '../support/realistic-rutland';
import { buildRutland, GP, readRutlandCsv } from '../support/rutland-project';
import { tempDir } from '../importers/helpers';
import { bandTable } from '../../shared/travel/bands';
import { carAccessModes, mixTravelModes } from '../../shared/travel/mode-mix';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { quietContext } from '../support/handler-call';

const tmp = tempDir('cgm-realistic-');
afterAll(() => tmp.cleanup());
let path: string;
const seconds = { walk: new Map<string, number | null>(), drive: new Map<string, number | null>() };

beforeAll(async () => {
  const r = await buildRealisticRutland(tmp.dir, ['walk', 'drive']);
  path = r.path;
  for (const mode of ['walk', 'drive'] as const) for (const x of r.access[mode]!.areas) seconds[mode].set(x.code, x.seconds);
}, 120_000);

describe('cgm bands --mode realistic', () => {
  it('the two hand-checked areas: engine times as written above, and the mix of them as computed by hand', () => {
    expect(seconds.walk.get('E00069587')).toBeCloseTo(5194.6, 0);
    expect(seconds.drive.get('E00069587')).toBeCloseTo(654.1, 0);
    expect(seconds.walk.get('E00172622')).toBeCloseTo(1082.5, 0);
    expect(seconds.drive.get('E00172622')).toBeCloseTo(147.7, 0);
    const times = (mode: 'walk' | 'drive') => ['E00069587', 'E00172622'].map((a) => ({ areaCode: a, minutes: seconds[mode].get(a)! / 60 }));
    const noCar = new Map([['E00069587', 2 / 57], ['E00172622', 11 / 58]]);
    const bases = [{ areaCode: 'E00069587', segmentCode: 'x', base: 117 }, { areaCode: 'E00172622', segmentCode: 'x', base: 144 }];
    const t = bandTable(mixTravelModes({ modes: carAccessModes(times('walk'), times('drive'), (a) => noCar.get(a)!), bases }));
    const all = t.rows.at(-1)!.cumulativePct.map((v) => Number(v!.toFixed(3)));
    expect(all).toEqual([44.709, 44.709, 87.963, 98.427, 98.427, 100]);
  });

  it('every area counted the same way: the all-population row equals Σ residents × (no-car share at walk time + the rest at drive time)', async () => {
    const r = await cgm('bands', '--project', path, '--service', GP, '--mode', 'realistic', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { mode: string; rows: { segmentCode: string | null; cumulativePct: number[] }[]; carAccess: { areasWithoutValue: string[] } };
    expect(got.mode).toBe('realistic');
    const car = new Map(readRutlandCsv('car_availability_census2021_ts045_by_oa.csv').map((x) => [x.oa_code, Number(x.no_car) / Number(x.households)]));
    const residents = readRutlandCsv('population_census2021_ts001_by_oa.csv').map((x) => ({ oa: x.oa_code, n: Number(x.usual_residents) }));
    // Rows of TS001 and TS045 are the same OAs (README): no area falls back to the study area's share.
    expect(got.carAccess.areasWithoutValue).toEqual([]);
    const total = residents.reduce((s, x) => s + x.n, 0);
    const within = (limit: number) => {
      let n = 0;
      for (const { oa, n: people } of residents) {
        const w = seconds.walk.get(oa);
        const d = seconds.drive.get(oa);
        const s = car.get(oa)!;
        if (w != null && w / 60 <= limit) n += people * s;
        if (d != null && d / 60 <= limit) n += people * (1 - s);
      }
      return (100 * n) / total;
    };
    const all = got.rows.find((x) => x.segmentCode === null)!;
    [5, 10, 15, 20, 25].forEach((limit, i) => expect(all.cumulativePct[i]).toBeCloseTo(within(limit), 9));
  });

  it('lies between walk-only and drive-only, and says how it counted in CSV', async () => {
    const row = async (mode: string) => {
      const r = await cgm('bands', '--project', path, '--service', GP, '--mode', mode, '--format', 'csv');
      expect(r.code, r.stderr).toBe(0);
      return { note: r.stderr, all: parseCsv(r.stdout).find((x) => x.segment === 'All population')! };
    };
    const [walk, drive, real] = [await row('walk'), await row('drive'), await row('realistic')];
    for (const band of ['Within 5 min', 'Within 10 min', 'Within 15 min']) {
      expect(Number(real.all[band])).toBeGreaterThanOrEqual(Number(walk.all[band]));
      expect(Number(real.all[band])).toBeLessThanOrEqual(Number(drive.all[band]));
    }
    expect(real.note).toBe('note: households without a car counted at their walking time, the rest at their driving time (as imported at OA)\n');
    expect(walk.note).toBe('');
  });

  it('the app\'s band table (getBandTable realistic) gives the rows the CLI prints', async () => {
    const cli = JSON.parse((await cgm('bands', '--project', path, '--service', GP, '--mode', 'realistic', '--format', 'json')).stdout) as { rows: { cumulativePct: number[] }[] };
    const session = new ProjectSession(path);
    try {
      const ctx = quietContext();
      const app = (await dispatch(createHandlers(session), 'getBandTable', { service: GP, realistic: true }, ctx)) as { rows: { cumulativePct: number[] }[]; carAccess?: { method: string } };
      expect(app.rows.map((r) => r.cumulativePct)).toEqual(cli.rows.map((r) => r.cumulativePct));
      expect(app.carAccess?.method).toBe('as imported at OA');
      const plain = (await dispatch(createHandlers(session), 'getBandTable', { service: GP }, ctx)) as Record<string, unknown>;
      expect('carAccess' in plain).toBe(false);
    } finally {
      session.close();
    }
  });

  it('refuses without TS045, saying what to import', async () => {
    const b = await buildRutland({ dir: tmp.dir, file: 'no-ts045.gpkg', postcodes: false });
    b.project.close();
    const r = await cgm('bands', '--project', b.path, '--service', GP, '--mode', 'realistic');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cgm bands: the realistic view needs car availability per area: import Census TS045 with cgm import indicators (columns households and no_car)\n');
  });
});

