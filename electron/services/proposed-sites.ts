// What-if sites: stored in service_sites with proposed = 1 (the importer keeps
// them on a re-import), so the routing engine sees them when asked to, and
// the analysis does not count them until the analyst confirms one.
import type * as GeoJSON from 'geojson';
import type { z } from 'zod';
import type { ProposedSiteInputSchema } from '../../shared/contract';
import { hasFeatureTable, insertFeatures } from '../store/gpkg';
import { registerGpkgFunctions } from '../store/gpkg-functions';
import { encodeGeometry } from '../store/gpkg-geometry';
import type { Project } from '../store/project';
import { serviceSites } from '../routing/project-inputs';
import { InputError } from '../../shared/errors';

type ProposedInput = z.output<typeof ProposedSiteInputSchema>;
const TABLE = 'service_sites';

function requireSitesTable(project: Project, service: string): void {
  if (!hasFeatureTable(project.db, TABLE)) throw new InputError('The project has no service sites yet: import sites first.');
  if (!project.db.prepare('SELECT 1 FROM cgm_services WHERE name = ?').get(service)) throw new InputError(`No service "${service}" in the project.`);
}

export function proposedSites(project: Project, service: string) {
  return serviceSites(project, service).filter((s) => s.proposed);
}

/** One transaction: the set of proposed sites becomes exactly `sites`. */
export function setProposedSites(project: Project, service: string, sites: ProposedInput[]) {
  requireSitesTable(project, service);
  const { db } = project;
  registerGpkgFunctions(db);
  const existing = new Set(proposedSites(project, service).map((s) => s.id));
  for (const s of sites) if (s.id !== undefined && !existing.has(s.id)) throw new InputError(`No proposed site ${s.id} for "${service}".`);
  db.transaction(() => {
    const keep = new Set(sites.flatMap((s) => (s.id === undefined ? [] : [s.id])));
    const remove = db.prepare(`DELETE FROM "${TABLE}" WHERE fid = ? AND proposed = 1`);
    for (const id of existing) if (!keep.has(id)) remove.run(id);
    const update = db.prepare(`UPDATE "${TABLE}" SET geom = ?, name = ?, opening_hours = ? WHERE fid = ? AND proposed = 1`);
    const added: { geometry: GeoJSON.Point; properties: Record<string, unknown> }[] = [];
    for (const s of sites) {
      const geometry: GeoJSON.Point = { type: 'Point', coordinates: [s.lon, s.lat] };
      if (s.id !== undefined) update.run(encodeGeometry(geometry), s.name, s.openingHours ?? null, s.id);
      else added.push({ geometry, properties: { service, name: s.name, type: 'proposed', opening_hours: s.openingHours ?? null, postcode: null, proposed: 1 } });
    }
    if (added.length) insertFeatures(db, TABLE, added);
  })();
  return proposedSites(project, service);
}

export function confirmProposedSite(project: Project, service: string, id: number) {
  setSiteStatus(project, { service, id, proposed: false });
  const site = serviceSites(project, service).find((s) => s.id === id);
  if (!site) throw new Error(`Site ${id} disappeared while confirming it.`);
  return site;
}

export interface SiteStatus {
  service: string;
  id: number;
  /** false: the analyst keeps it as a real site; true: it is only proposed again (the undo of that). */
  proposed: boolean;
  /** The type to give it; absent: a kept site loses the placeholder type "proposed", one proposed again gets it back. */
  type?: string | null;
}

/** A proposed site kept as real, or a kept one proposed again; returns the status that undoes it. */
export function setSiteStatus(project: Project, { service, id, proposed, type }: SiteStatus): SiteStatus {
  requireSitesTable(project, service);
  const row = project.db.prepare(`SELECT proposed, type FROM "${TABLE}" WHERE fid = ? AND service = ?`).get(id, service) as { proposed: number | null; type: string | null } | undefined;
  if (!row || Boolean(row.proposed) === proposed) throw new InputError(`No ${proposed ? 'real' : 'proposed'} site ${id} for "${service}".`);
  const next = type !== undefined ? type : proposed ? 'proposed' : row.type === 'proposed' ? null : row.type;
  project.db.prepare(`UPDATE "${TABLE}" SET proposed = ?, type = ? WHERE fid = ?`).run(proposed ? 1 : 0, next, id);
  return { service, id, proposed: !proposed, type: row.type };
}
