// The accessibility rule's access view (gap setting accessView) on real Rutland
// roads and Census TS045: E00069620, an OA the gap scenario gives no users (so
// its uptake is significantly low), is 3.3 minutes' drive from its nearest GP
// and 19.1 minutes' walk, and 32 of its 145 households have no car (TS045:
// 22.07%). Judged by driving (the analysis mode) it is reachable; judged
// realistically, 22.07% of its households are too far for how they travel,
// over the default 20%, so it is an accessibility gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgm } from './fixture';
import { buildRutland, gapScenario, GP, INDICATOR, rutlandFile, zeroUseAreas } from '../support/rutland-project';
import { tempDir } from '../importers/helpers';

const tmp = tempDir('cgm-access-view-');
afterAll(() => tmp.cleanup());
const AREA = 'E00069620';
let path: string;

type Row = { area_code: string; gap_type: string | null; rule: string | null; access: string; gap_state: string | null };
const gaps = async (...extra: string[]) => {
  const r = await cgm('gaps', '--project', path, '--service', GP, '--indicator', INDICATOR, '--mode', 'drive', '--format', 'json', ...extra);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { rows: Row[]; settings: { accessView: string } };
};
const row = (t: { rows: Row[] }) => t.rows.find((r) => r.area_code === AREA)!;
/** The gap types found ('' when none: the area's site hours are unknown, so nothing else is concluded). */
const types = (t: { rows: Row[] }) => row(t).gap_type ?? '';

beforeAll(async () => {
  const b = await buildRutland({ ...gapScenario(), dir: tmp.dir, file: 'gaps.gpkg' });
  path = b.path;
  b.project.close();
  expect(zeroUseAreas()).toContain(AREA);
  const r = await cgm('import', 'indicators', '--project', path, '--file', rutlandFile('car_availability_census2021_ts045_by_oa.csv'), '--area-field', 'oa_code', '--level', 'OA', '--quiet');
  expect(r.code, r.stderr).toBe(0);
}, 240_000);

describe('which access the accessibility rule judges', () => {
  it('leaves the rule as it was by default: by the analysis mode', async () => {
    const plain = await gaps();
    expect(plain.settings.accessView).toBe('mode');
    expect(types(plain)).not.toContain('accessibility');
    expect(row(plain).gap_state).toContain('reachable (nearest site 3.3 min by drive <= threshold 15.0 min)');
    expect((await gaps('--access', 'mode')).rows).toEqual(plain.rows);
  });

  it('flips the area with a fifth of its households without a car, 19 minutes’ walk away, to an accessibility gap under realistic access', async () => {
    const realistic = await gaps('--access', 'realistic');
    const r = row(realistic);
    expect(types(realistic)).toContain('accessibility');
    expect(r.access).toBe('19.06 min walk (households without a car)');
    expect(r.rule).toContain('22.1% of households without a car: nearest site 19.1 min walking (threshold 15.0 min); the rest: nearest site 3.3 min driving (threshold 15.0 min); 22.1% of households too far > 20.0%');
    // With the bar raised above its 22.07%, it is reachable again.
    expect(types(await gaps('--access', 'realistic', '--realistic-share', '25%'))).not.toContain('accessibility');
    // Walking for everyone fires too, as the walk time alone is over 15 minutes.
    expect(types(await gaps('--access', 'walk'))).toContain('accessibility');
  });

  it('is a project setting the analysis reads, and an unknown view is refused by name', async () => {
    const set = await cgm('settings', '--project', path, '--access', 'realistic');
    expect(set.code, set.stderr).toBe(0);
    expect(types(await gaps())).toContain('accessibility');
    await cgm('settings', '--project', path, '--access', 'mode');
    expect(types(await gaps())).not.toContain('accessibility');
    const bad = await cgm('gaps', '--project', path, '--service', GP, '--indicator', INDICATOR, '--access', 'bus');
    expect(bad.stderr).toContain('--access must be mode, walk, drive or realistic');
  });
});
