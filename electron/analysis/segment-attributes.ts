// Segment attributes the gap rules read (e.g. working-age/employed for the
// availability rule). Analysts edit them; the demo sets them at build time.
import type Database from 'better-sqlite3';
import type { SegmentAttributes } from '../../shared/analysis/gaps';

export function setSegmentAttributes(db: Database.Database, scheme: string, attributes: Record<string, SegmentAttributes>): void {
  const read = db.prepare('SELECT attributes FROM cgm_segments WHERE scheme = ? AND code = ?');
  const write = db.prepare('UPDATE cgm_segments SET attributes = ? WHERE scheme = ? AND code = ?');
  db.transaction(() => {
    for (const [code, attrs] of Object.entries(attributes)) {
      const row = read.get(scheme, code) as { attributes: string } | undefined;
      if (!row) throw new Error(`scheme "${scheme}" has no segment "${code}"`);
      write.run(JSON.stringify({ ...JSON.parse(row.attributes || '{}'), ...attrs }), scheme, code);
    }
  })();
}
