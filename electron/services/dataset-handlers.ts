// The Data dates dialog's calls (shared/contract/datasets.ts); its edits are moments (moments.ts).
import type { Handlers } from '../../shared/contract';
import { datasetInfos } from './dataset-dates';
import type { ProjectSession } from './project-session';

export function datasetHandlers(session: ProjectSession): Pick<Handlers, 'listDatasets'> {
  return {
    async listDatasets() {
      return datasetInfos(session.project.db);
    },
  };
}
