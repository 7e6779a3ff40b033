// The contract methods the app calls, through the real dispatch (input and
// output validated), and the attribution rules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAttributions, exportAttributions } from '../../electron/exports/attributions';
import { formatDataDate } from '../../shared/import/data-date';
import { createHandlers } from '../../electron/services/handlers';
import { dispatch } from '../../electron/services/dispatch';
import { ProjectSession } from '../../electron/services/project-session';
import { setMeta } from '../../electron/store/meta';
import { cgm } from './demo-exports';
import { quietContext } from '../support/handler-call';

let session: ProjectSession;
const ctx = quietContext();
const call = (method: string, input: unknown) => dispatch(createHandlers(session), method, input, ctx) as Promise<Record<string, unknown>>;

beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'cgm-export-handlers-')), 'demo.gpkg');
  expect((await cgm('demo', '--project', path, '--force')).code).toBe(0);
  session = new ProjectSession(path);
}, 120_000);
afterAll(() => session?.close());

describe('export contract methods', () => {
  it('exportTable returns the CSV bytes and a file name for the download', async () => {
    const out = await call('exportTable', { table: 'profile' });
    expect(out.filename).toBe('profile.csv');
    expect(out.mimeType).toMatch(/^text\/csv/);
    const text = Buffer.from(String(out.dataBase64), 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFsegment_code,')).toBe(true);
    expect(out.sizeBytes).toBe(Buffer.byteLength(text));
  });

  it('exportTable records the gap thresholds in force, as the app sets them, on every row of the gaps table', async () => {
    const gaps = async () => parse(Buffer.from(String((await call('exportTable', { table: 'gaps' })).dataBase64), 'base64'), { bom: true, columns: true }) as Record<string, string>[];
    // The defaults: 15 minutes each way (shared/analysis/gaps.ts DEFAULT_GAP_SETTINGS).
    expect(new Set((await gaps()).map((r) => r.gap_thresholds))).toEqual(new Set([expect.stringContaining('over 15 min walking / 15 min driving')]));
    const { inverse } = (await call('applyMoment', { moment: { gapSettings: { settings: { travelMinutes: { walk: 7 } } } } })) as { inverse: unknown };
    const changed = await gaps();
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed.map((r) => r.gap_thresholds))).toEqual(new Set([expect.stringContaining('over 7 min walking / 15 min driving')]));
    await call('applyMoment', { moment: inverse });
    expect((await gaps())[0].gap_thresholds).toContain('over 15 min walking');
  });

  it('lists and exports analysis layers; refuses unknown tables at the boundary', async () => {
    const layers = (await dispatch(createHandlers(session), 'listExportLayers', {}, ctx)) as unknown as { name: string }[];
    expect(layers.map((l) => l.name)).toEqual(expect.arrayContaining(['area_oa', 'roads', 'gaps', 'gaps_lsoa', 'strata']));
    const gj = await call('exportLayer', { layer: 'gaps_lsoa' });
    expect(JSON.parse(Buffer.from(String(gj.dataBase64), 'base64').toString('utf8')).features).toHaveLength(54);
    await expect(call('exportTable', { table: 'people' })).rejects.toThrow(/invalid input/);
  });

  it('exportReport as HTML and exportGeoPackage', async () => {
    const html = await call('exportReport', { format: 'html' });
    const text = Buffer.from(String(html.dataBase64), 'base64').toString('utf8');
    expect(text).toContain('<h2>Contents</h2>');
    // The demo's data is made when the demo is built: its datasets are dated that day, and the report says so.
    const dates = session.project.db.prepare('SELECT DISTINCT data_date FROM cgm_datasets').pluck().all() as string[];
    expect(dates).toHaveLength(1);
    expect(text).toContain(`<dt>Data as of</dt><dd>${formatDataDate(dates[0])}</dd>`);
    const gpkg = await call('exportGeoPackage', { layers: ['area_lsoa', 'gaps'] });
    expect(Buffer.from(String(gpkg.dataBase64), 'base64').subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });
});

describe('attributions', () => {
  it('derives only the licences of the data imported', () => {
    expect(deriveAttributions([{ kind: 'roads', importedAt: '2026-01-02' }])).toEqual(['© OpenStreetMap contributors (ODbL)']);
    expect(deriveAttributions([{ kind: 'users', importedAt: '2026-01-02' }, { kind: 'sites', importedAt: '2026-01-02' }])).toEqual([]);
    expect(deriveAttributions([{ kind: 'boundaries', importedAt: '2025-05-01' }, { kind: 'population', importedAt: '2026-03-01' }])).toEqual([
      'Contains National Statistics data © Crown copyright and database right 2026',
      'Contains OS data © Crown copyright and database right 2025',
    ]);
    // The data's own date wins over the import's: 2011 boundaries imported in 2026 are credited 2011.
    expect(deriveAttributions([{ kind: 'boundaries', importedAt: '2026-05-01', dataDate: '2011' }])).toEqual([
      'Contains National Statistics data © Crown copyright and database right 2011',
      'Contains OS data © Crown copyright and database right 2011',
    ]);
    // Postcodes carry Royal Mail data too; sites only when they came from NHS ODS or OpenStreetMap.
    expect(deriveAttributions([{ kind: 'postcodes', importedAt: '2026-01-02', dataDate: '2014-08' }, { kind: 'sites', importedAt: '2026-01-02', dataDate: '2019-12', origin: 'nhs-ods' }])).toEqual([
      'Contains National Statistics data © Crown copyright and database right 2014',
      'Contains OS data © Crown copyright and database right 2014',
      'Contains Royal Mail data © Royal Mail copyright and database right 2014',
      'Contains NHS Organisation Data Service data © NHS England 2019, Open Government Licence v3.0',
    ]);
  });

  it('uses the project’s declared list when it has one (the demo says it is synthetic)', () => {
    const db = session.project.db;
    expect(exportAttributions(db)).toEqual([expect.stringContaining('synthetic')]);
    db.prepare("DELETE FROM cgm_meta WHERE key = 'attributions'").run();
    expect(exportAttributions(db, ['roads'])).toEqual(['© OpenStreetMap contributors (ODbL)']);
    // ONS, OS, Royal Mail (the demo's postcodes) and OpenStreetMap.
    expect(exportAttributions(db)).toHaveLength(4);
    expect(exportAttributions(db)[2]).toMatch(/^Contains Royal Mail data © Royal Mail copyright and database right \d{4}$/);
    setMeta(db, 'attributions', JSON.stringify(['Synthetic data']));
  });
});
