// What a printed map must say about its data: the attributions of the layers
// shown (not of everything imported), the newest of their data's own dates,
// and the disclosure rule exports apply. Each layer is named by the contract
// call that feeds it, so the renderer never needs to know dataset kinds.
import type Database from 'better-sqlite3';
import type { MethodOutput } from '../../../shared/contract';
import { disclosureNote } from '../../../shared/analysis/disclosure';
import { getMeta } from '../../store/meta';
import { datasetUses, exportAttributions } from '../attributions';
import { sharingDisclosureRule } from '../../analysis/disclosure-rule';

export interface LayerSourceCall {
  method: string;
  input: Record<string, unknown>;
}

const ANALYSIS_KINDS = ['boundaries', 'segments', 'assignments', 'population', 'rates', 'users', 'sites', 'roads'];

/** Dataset kinds (cgm_datasets.kind) behind one layer. */
export function kindsOfSource(source: LayerSourceCall): string[] {
  switch (source.method) {
    case 'getAreaLayer':
      // Areas carry their population (density); a scheme adds segments and their assignment.
      return ['boundaries', 'population', ...(source.input.scheme ? ['segments', 'assignments'] : [])];
    case 'getLayerFeatures': {
      const table = String(source.input.table ?? '');
      return table === 'roads' ? ['roads'] : table === 'service_sites' ? ['sites'] : table.startsWith('area_') ? ['boundaries'] : [];
    }
    case 'getSites':
      return ['sites'];
    case 'getIsochrones':
    case 'getAccessCoverage':
      return ['roads', 'sites'];
    case 'getUserHexbins':
      return ['users', 'boundaries'];
    case 'getAreaIndicatorLayer':
      // Apportioning weights by population; the indicator file itself carries no fixed licence here.
      return ['boundaries', 'indicators', 'population'];
    case 'getScenarioAnalysis':
    case 'getAreaAnalysis':
      return ANALYSIS_KINDS;
    default:
      return [];
  }
}

export function mapCredits(db: Database.Database, sources: LayerSourceCall[]): MethodOutput<'getMapCredits'> {
  const kinds = [...new Set(sources.flatMap(kindsOfSource))];
  // The newest of the data's own dates (recorded at import, editable), never the day of the import or the export.
  const dates = datasetUses(db, kinds).flatMap((d) => (d.dataDate ? [d.dataDate] : []));
  return {
    projectName: getMeta(db, 'name') ?? 'Catchment Gap Mapper project',
    attributions: exportAttributions(db, kinds),
    dataDate: dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null,
    disclosureNote: disclosureNote(sharingDisclosureRule(db)),
  };
}
