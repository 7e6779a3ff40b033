// The Data dates dialog's calls (shared/contract/datasets.ts).
import type { Handlers } from '../../shared/contract';
import { datasetInfos, setDatasetDate } from './dataset-dates';
import type { ProjectSession } from './project-session';

export function datasetHandlers(session: ProjectSession): Pick<Handlers, 'listDatasets' | 'setDatasetDate'> {
  return {
    async listDatasets() {
      return datasetInfos(session.project.db);
    },
    async setDatasetDate({ kind, name, date }) {
      return setDatasetDate(session.project.db, kind, date, name);
    },
  };
}
