// One toolkit section: its guidance, its text boxes (or the actions table),
// and its embedded tables and map views.
import { useRef, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { WorkbookContent } from '../../../shared/contract';
import type { WorkbookSectionDef } from '../../../shared/workbook/sections';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import type { AnalysisSettings } from '../tables/TableView';
import { ActionsEditor } from './ActionsEditor';
import { Embeds } from './Embeds';
import { TextBox } from './TextBox';
import { ReviewBaselines } from './ReviewBaselines';

interface Props {
  def: WorkbookSectionDef;
  content: WorkbookContent;
  updatedAt: string | null;
  project: LoadedProject;
  settings: AnalysisSettings;
  map: MapLibreMap | null;
  layers?: LayerDef[];
  dispatchLayers?: Dispatch<LayerAction>;
  onSave(content: WorkbookContent, label: string): void;
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function SectionEditor({ def, content, updatedAt, project, settings, map, layers, dispatchLayers, onSave }: Props) {
  // Saves build on the latest stored content, so a late save of one box cannot undo another's.
  const latest = useRef(content);
  latest.current = content;
  return (
    <article className="wb-section" aria-labelledby={`wb-${def.id}-title`} data-section={def.id}>
      <header className="wb-section__head">
        <h2 id={`wb-${def.id}-title`}>
          <span className="wb-section__number">{def.number}</span>
          {def.title}
        </h2>
        <span className="wb-section__saved" aria-live="polite">{updatedAt ? `Saved ${when.format(new Date(updatedAt))}` : 'Not started'}</span>
      </header>
      <p className="wb-section__guidance">{def.guidance}</p>
      {def.fields.map((f) => (
        <TextBox
          key={f.key}
          id={`wb-${def.id}-${f.key}`}
          label={f.label}
          guidance={f.guidance}
          short={f.short}
          value={content.fields[f.key] ?? ''}
          onSave={(v) => onSave({ ...latest.current, fields: { ...latest.current.fields, [f.key]: v } }, `edit of "${def.title}"`)}
        />
      ))}
      {def.id === 'review' && <ReviewBaselines project={project} settings={settings} />}
      {def.actions && <ActionsEditor actions={content.actions} onSave={(actions, label) => onSave({ ...latest.current, actions }, label)} />}
      <Embeds
        embeds={content.embeds}
        suggested={def.suggestedEmbed}
        project={project}
        settings={settings}
        map={map}
        layers={layers}
        dispatchLayers={dispatchLayers}
        onChange={(embeds, label) => onSave({ ...latest.current, embeds }, label)}
      />
    </article>
  );
}
