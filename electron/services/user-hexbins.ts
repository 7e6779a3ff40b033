// Service users per hexagon for the density layer. Users are stored per area
// (aggregated on import, never per person), so each area's count is placed at
// its postcode-weighted point and binned here, in the main process, where the
// disclosure rule is applied before anything reaches a screen.
import { suppressCount, SUPPRESSED } from '../../shared/analysis/disclosure';
import { EARTH_RADIUS_M } from '../../shared/travel/geo';
import { areaParents, excludedAreas, excludedWithMembers, userCounts } from '../analysis/inputs';
import { exclusionTest } from '../../shared/analysis/exclusions';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { areaPoints } from '../routing/project-inputs';
import type { Project } from '../store/project';

export interface HexCell {
  id: string;
  polygon: [number, number][];
  users: number | null;
  suppressed: boolean;
}


/** Pointy-top hexagons `hexMetres` across the flats, on a local equirectangular plane. */
export function hexGrid(lat0: number, hexMetres: number) {
  const size = hexMetres / Math.sqrt(3);
  const my = (EARTH_RADIUS_M * Math.PI) / 180;
  const mx = my * Math.cos((lat0 * Math.PI) / 180);
  const cellOf = (lon: number, lat: number): [number, number] => {
    const x = lon * mx, y = lat * my;
    const qf = ((Math.sqrt(3) / 3) * x - y / 3) / size;
    const rf = ((2 / 3) * y) / size;
    // Cube rounding: round all three, then fix the one that moved most.
    let q = Math.round(qf), r = Math.round(rf);
    const s = Math.round(-qf - rf);
    const dq = Math.abs(q - qf), dr = Math.abs(r - rf), ds = Math.abs(s - (-qf - rf));
    if (dq > dr && dq > ds) q = -r - s;
    else if (dr > ds) r = -q - s;
    return [q, r];
  };
  const ringOf = (q: number, r: number): [number, number][] => {
    const cx = size * Math.sqrt(3) * (q + r / 2), cy = size * 1.5 * r;
    const ring: [number, number][] = [];
    for (let i = 0; i <= 6; i++) {
      const a = ((60 * (i % 6) - 30) * Math.PI) / 180;
      ring.push([Math.round(((cx + size * Math.cos(a)) / mx) * 1e7) / 1e7, Math.round(((cy + size * Math.sin(a)) / my) * 1e7) / 1e7]);
    }
    return ring;
  };
  return { cellOf, ringOf };
}

export function userHexbins(project: Project, service: string, hexMetres: number) {
  // The map is shared on screen, so an exact-counts project rule still gets protection here.
  const rule = sharingDisclosureRule(project.db);
  const { points } = areaPoints(project);
  const pointOf = new Map(points.map((p) => [p.code, p]));
  const counts = new Map<string, number>();
  // Users of excluded areas are left out here as in every analysis.
  const excluded = exclusionTest(excludedWithMembers(project.db, excludedAreas(project.db)), areaParents(project.db));
  for (const u of userCounts(project.db, service)) if (!excluded(u.areaCode)) counts.set(u.areaCode, (counts.get(u.areaCode) ?? 0) + u.count);
  const lat0 = points.length ? points.reduce((s, p) => s + p.lat, 0) / points.length : 52;
  const grid = hexGrid(lat0, hexMetres);
  const byCell = new Map<string, { q: number; r: number; users: number }>();
  for (const [code, n] of counts) {
    const p = pointOf.get(code);
    if (!p || n <= 0) continue;
    const [q, r] = grid.cellOf(p.lon, p.lat);
    const key = `${q},${r}`;
    const cell = byCell.get(key) ?? { q, r, users: 0 };
    cell.users += n;
    byCell.set(key, cell);
  }
  const cells: HexCell[] = [];
  let suppressedCells = 0;
  let maxUsers = 0;
  for (const [id, c] of [...byCell].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const shown = suppressCount(c.users, rule);
    const suppressed = shown === SUPPRESSED;
    if (suppressed) suppressedCells++;
    else maxUsers = Math.max(maxUsers, shown);
    cells.push({ id, polygon: grid.ringOf(c.q, c.r), users: suppressed ? null : shown, suppressed });
  }
  return { rule, cells, suppressedCells, maxUsers };
}
