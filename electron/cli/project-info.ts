// What `cgm info` and `cgm demo` print: a stable JSON summary of a project.
import type { Project } from '../store/project';
import { listFeatureTables } from '../store/gpkg';
import { transitProblems, transitSummary } from '../store/transit';

/** The timetable's size, the dates it covers and what was left out at import; null without one. */
function transitInfo(project: Project) {
  const summary = transitSummary(project.db);
  return summary && { ...summary, firstProblems: transitProblems(project.db).slice(0, 10) };
}

function count(project: Project, sql: string): number {
  return (project.db.prepare(sql).get() as { n: number }).n;
}

export function projectInfo(project: Project) {
  const meta = (key: string) =>
    (project.db.prepare('SELECT value FROM cgm_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  return {
    project: project.path,
    name: meta('name'),
    schemaVersion: Number(meta('schema_version')),
    layers: listFeatureTables(project.db).map((t) => ({ table: t.table, geometryType: t.geometryType, features: t.featureCount })),
    geographies: project.db.prepare('SELECT level, table_name AS "table", parent_level AS parentLevel FROM cgm_geographies ORDER BY rank, level').all(),
    schemes: project.db.prepare('SELECT scheme, COUNT(*) AS segments FROM cgm_segments GROUP BY scheme ORDER BY scheme').all(),
    services: project.db
      .prepare('SELECT s.name AS service, COALESCE(SUM(u.count), 0) AS users FROM cgm_services s LEFT JOIN cgm_user_counts u ON u.service = s.name GROUP BY s.name ORDER BY s.name')
      .all(),
    indicators: project.db.prepare('SELECT indicator, COUNT(*) AS rates FROM cgm_rates GROUP BY indicator ORDER BY indicator').all(),
    // Every population base imported (persons, households), with its total and the areas it covers.
    bases: project.db
      .prepare('SELECT base_kind AS base, SUM(count) AS total, COUNT(*) AS areas FROM cgm_population GROUP BY base_kind ORDER BY base_kind DESC')
      .all(),
    counts: {
      /** The persons base (kept as it was; `bases` lists every base). */
      population: count(project, "SELECT COALESCE(SUM(count), 0) AS n FROM cgm_population WHERE base_kind = 'persons'"),
      postcodes: count(project, 'SELECT COUNT(*) AS n FROM cgm_postcodes'),
      osmNodes: count(project, 'SELECT COUNT(*) AS n FROM cgm_osm_nodes'),
      osmWays: count(project, 'SELECT COUNT(*) AS n FROM cgm_osm_ways'),
    },
    transit: transitInfo(project),
  };
}
