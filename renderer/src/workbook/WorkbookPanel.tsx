// The toolkit as a guided workbook, stored in the project: a list of the
// sections (marked when started) and the chosen section's editor.
import { useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { WORKBOOK_SECTIONS, type WorkbookSectionId } from '../../../shared/workbook/sections';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import type { AnalysisSettings } from '../tables/TableView';
import { SectionEditor } from './SectionEditor';
import { EMPTY_CONTENT, useWorkbook } from './use-workbook';
import './workbook.css';

interface Props {
  project: LoadedProject;
  settings: AnalysisSettings;
  map: MapLibreMap | null;
  layers?: LayerDef[];
  dispatchLayers?: Dispatch<LayerAction>;
}

export function WorkbookPanel({ project, settings, map, layers, dispatchLayers }: Props) {
  const workbook = useWorkbook();
  const [current, setCurrent] = useState<WorkbookSectionId>('reason');
  const def = WORKBOOK_SECTIONS.find((s) => s.id === current)!;
  const stored = workbook.sections?.[current];
  const started = (id: WorkbookSectionId) => {
    const c = workbook.sections?.[id]?.content;
    return Boolean(c && (Object.values(c.fields).some((v) => v.trim()) || c.actions.length || c.embeds.length));
  };

  return (
    <div className="workbook">
      <nav className="workbook__nav" aria-label="Workbook sections">
        <ol>
          {WORKBOOK_SECTIONS.map((s) => (
            <li key={s.id}>
              <button type="button" className={`workbook__link${s.id === current ? ' is-current' : ''}`} aria-current={s.id === current ? 'step' : undefined} onClick={() => setCurrent(s.id)}>
                <span className={`workbook__dot${started(s.id) ? ' is-started' : ''}`} aria-hidden="true" />
                <span className="workbook__num">{s.number}</span>
                <span className="workbook__title">{s.title}</span>
                {started(s.id) && <span className="visually-hidden"> (started)</span>}
              </button>
            </li>
          ))}
        </ol>
        {workbook.saving && <p className="workbook__status" role="status">Saving…</p>}
        {workbook.error && <p className="field__error" role="alert">{workbook.error}</p>}
      </nav>
      <div className="workbook__body">
        {workbook.sections === null ? (
          <p className="table-status" role="status">Opening the workbook…</p>
        ) : (
          <SectionEditor
            key={current}
            def={def}
            content={stored?.content ?? EMPTY_CONTENT}
            updatedAt={stored?.updatedAt ?? null}
            project={project}
            settings={settings}
            map={map}
            layers={layers}
            dispatchLayers={dispatchLayers}
            onSave={(content, label) => void workbook.save(current, content, label)}
          />
        )}
      </div>
    </div>
  );
}
