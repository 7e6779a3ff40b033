// getAreaLayer's segment per area when an area has several assignment rows
// (counts, as Mosaic and Acorn are sold): the heaviest segment, a tie to the
// lowest code. Worked by hand below.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importAssignments, importBoundaries, importSegments } from '../../electron/importers/index';
import { areaLayer } from '../../electron/services/area-layer';
import { createProject, type Project } from '../../electron/store/project';

const dir = mkdtempSync(join(tmpdir(), 'cgm-dominant-'));
let project: Project;
const square = (x: number) => [[[x, 50], [x + 0.01, 50], [x + 0.01, 50.01], [x, 50.01], [x, 50]]];
const bytes = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
  project = createProject(join(dir, 'p.gpkg'));
  const features = ['A', 'B', 'C', 'D', 'E'].map((code, i) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: square(i * 0.02) } }));
  await importBoundaries(project, { name: 'oa.geojson', data: bytes(JSON.stringify({ type: 'FeatureCollection', features })) }, { level: 'OA', codeField: 'code' });
  await importSegments(project, { name: 's.csv', data: bytes('code,name,parent_code,level,colour,description\nX,Ex,,group,#ff0000,\nY,Why,,group,#00ff00,\n') }, { scheme: 'S' });
  // A: X only. B: X 3 < Y 5 → Y. C: X 4 = Y 4 → X (lowest code). D: X 2 < Y 3, Y second → Y. E: none.
  const rows = 'area,segment,households\nA,X,7\nB,X,3\nB,Y,5\nC,Y,4\nC,X,4\nD,X,2\nD,Y,3\n';
  await importAssignments(project, { name: 'a.csv', data: bytes(rows) }, { scheme: 'S', areaField: 'area', segmentField: 'segment', countField: 'households' });
}, 60_000);

afterAll(() => {
  project?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('gives each area its heaviest segment, ties to the lowest code', () => {
  const fc = areaLayer(project.db, 'OA', 'S', undefined, false);
  const segment = Object.fromEntries(fc.features.map((f) => [f.properties!.code, f.properties!.segment]));
  expect(segment).toEqual({ A: 'X', B: 'Y', C: 'X', D: 'Y', E: null });
});
