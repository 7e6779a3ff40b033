// Contract handlers for area context (issue 19): the indicators held and the
// crosstab, the same runner and records `cgm indicators` and `cgm crosstab` print.
import type { Handlers } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { CROSSTAB_COLUMNS, crosstabRecords } from '../../shared/analysis/crosstab';
import { disclosureNote } from '../../shared/analysis/disclosure';
import { runCrosstab, type CrosstabRequest } from '../analysis/crosstab-run';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { listAreaIndicators, listComparators } from '../store/area-indicators';
import { imdDecileIndicator, indicatorLayerValues, methodNote, readIndicatorAtLevel } from '../analysis/area-indicator-levels';
import { EXCEL_CSV, toCsv } from '../exports/csv-writer';
import { exportFile, safeFilename } from '../exports/export-file';
import type { ProjectSession } from './project-session';

const EXACT: DisclosureRule = { kind: 'none' };

export function contextHandlers(session: ProjectSession): Pick<Handlers, 'getAreaContext' | 'getAreaIndicatorValues' | 'getAreaIndicatorLayer' | 'getCrosstab' | 'exportCrosstab'> {
  const table = (req: CrosstabRequest, rule: DisclosureRule) => {
    const result = runCrosstab(session.project.db, req);
    return { result, rows: crosstabRecords(result.table, rule) };
  };
  return {
    async getAreaContext() {
      const { db } = session.project;
      const indicators = listAreaIndicators(db);
      const schemes = db.prepare('SELECT name FROM cgm_schemes ORDER BY name').pluck().all() as string[];
      let imd: string[];
      try {
        imdDecileIndicator(db);
        imd = ['imd_decile'];
      } catch {
        imd = []; // no IMD decile, or several: the analyst picks one by name
      }
      return { indicators, comparators: listComparators(db), crosstabBy: [...imd, ...indicators.filter((i) => i.kind !== 'rank').map((i) => i.name), ...schemes] };
    },

    async getAreaIndicatorValues({ level, code }) {
      const { db } = session.project;
      const values = listAreaIndicators(db).map((i) => {
        const r = readIndicatorAtLevel(db, i.name, level);
        return { ...i, value: r.values.get(code) ?? null, method: methodNote(r) };
      });
      return { values };
    },

    async getAreaIndicatorLayer({ indicator, level }) {
      return indicatorLayerValues(session.project.db, indicator, level);
    },

    async getCrosstab({ presentation, ...req }) {
      const rule = presentation ? sharingDisclosureRule(session.project.db) : EXACT;
      const { result, rows } = table(req, rule);
      return {
        columnsAre: result.columnsAre, columns: result.table.columns, exactCounts: rule.kind === 'none', disclosureNote: disclosureNote(rule),
        leftOutAreas: result.table.leftOut.areas.length, rows,
      };
    },

    async exportCrosstab(req) {
      const { result, rows } = table(req, sharingDisclosureRule(session.project.db));
      // What the columns are rides on every row, as gap_thresholds does in the gaps CSV: the file stays one plain table.
      const csv = toCsv(rows.map((r) => ({ ...r, columns_are: result.columnsAre })), [...CROSSTAB_COLUMNS, 'columns_are'].map((key) => ({ key })), EXCEL_CSV);
      const file = exportFile(safeFilename(`crosstab_${req.scheme}_by_${req.by}`, '.csv'), csv);
      return { filename: file.filename, mimeType: file.mimeType, dataBase64: file.bytes.toString('base64'), sizeBytes: file.bytes.length };
    },
  };
}
