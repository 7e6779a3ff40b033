// The toolkit workbook, saved map views and undo. Every edit is a moment
// applied in one transaction (./moments), and each method hands back the
// inverse moment, which the renderer keeps on its undo stack.
import type { Handlers } from '../../shared/contract';
import { WORKBOOK_SECTIONS } from '../../shared/workbook/sections';
import { applyMoment, viewRowFrom, workbookRowFrom } from './moments';
import type { ProjectSession } from './project-session';
import { tableHandlers } from './table-handlers';

type Methods = 'getBandTable' | 'getFunnelPlot' | 'getWorkbook' | 'saveWorkbookSection' | 'listViews' | 'saveView' | 'deleteView' | 'applyMoment';

const sectionOrder = new Map(WORKBOOK_SECTIONS.map((s, i) => [s.id as string, i]));

export function workbookHandlers(session: ProjectSession): Pick<Handlers, Methods> {
  return {
    ...tableHandlers(session),

    async getWorkbook() {
      const rows = session.project.db.prepare('SELECT section, content, updated_at FROM cgm_workbook').all() as { section: string; content: string; updated_at: string }[];
      const sections = rows
        .filter((r) => sectionOrder.has(r.section))
        .map(workbookRowFrom)
        .filter((r) => r !== null)
        .sort((a, b) => sectionOrder.get(a.section)! - sectionOrder.get(b.section)!);
      return { sections };
    },

    async saveWorkbookSection({ section, content }) {
      const updatedAt = new Date().toISOString();
      const inverse = applyMoment(session.project, { workbook: { put: [{ section, content, updatedAt }], delete: [] } });
      return { section, updatedAt, inverse };
    },

    async listViews() {
      const rows = session.project.db.prepare('SELECT name, payload, position FROM cgm_views ORDER BY position, name').all() as { name: string; payload: string; position: number }[];
      return rows.map(viewRowFrom);
    },

    async saveView({ name, payload }) {
      const inverse = applyMoment(session.project, { views: { put: [{ name, payload }], delete: [] } });
      const row = session.project.db.prepare('SELECT name, payload, position FROM cgm_views WHERE name = ?').get(name) as { name: string; payload: string; position: number };
      return { view: viewRowFrom(row), inverse };
    },

    async deleteView({ name }) {
      const inverse = applyMoment(session.project, { views: { put: [], delete: [name] } });
      return { deleted: (inverse.views?.put.length ?? 0) > 0, inverse };
    },

    async applyMoment({ moment }) {
      return { inverse: applyMoment(session.project, moment) };
    },
  };
}
