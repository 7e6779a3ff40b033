// What a workbook section shows beside its text: live analysis tables and
// saved map views, stored as references (table kind or view name) so they
// always show the current data: a table is the live table, a view a live
// mini-map of the workspace's layers in the saved extent.
import { useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { WorkbookEmbed } from '../../../shared/contract';
import { EMBED_TABLES, type EmbedTable } from '../../../shared/workbook/sections';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import { TABLE_TITLES, TableView, type AnalysisSettings } from '../tables/TableView';
import { saveCurrentView, showView, useSavedViews } from './saved-views';
import { ViewMiniMap } from './ViewMiniMap';

interface Props {
  embeds: WorkbookEmbed[];
  suggested?: EmbedTable;
  project: LoadedProject;
  settings: AnalysisSettings;
  map: MapLibreMap | null;
  layers?: LayerDef[];
  dispatchLayers?: Dispatch<LayerAction>;
  onChange(embeds: WorkbookEmbed[], label: string): void;
}

const embedKey = (e: WorkbookEmbed) => (e.kind === 'table' ? `table:${e.table}` : `view:${e.name}`);

export function Embeds({ embeds, suggested, project, settings, map, layers, dispatchLayers, onChange }: Props) {
  const views = useSavedViews();
  const [choice, setChoice] = useState('');
  const [naming, setNaming] = useState<string | null>(null);
  const present = new Set(embeds.map(embedKey));
  const tables = [...EMBED_TABLES].sort((a, b) => (a === suggested ? -1 : b === suggested ? 1 : 0));

  const add = (value: string) => {
    if (!value) return;
    const [kind, name] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    const embed: WorkbookEmbed = kind === 'table' ? { kind: 'table', table: name as EmbedTable } : { kind: 'view', name };
    onChange([...embeds, embed], `embed ${kind === 'table' ? TABLE_TITLES[name as EmbedTable].toLowerCase() : `view "${name}"`}`);
    setChoice('');
  };

  const saveView = async (name: string) => {
    if (!map || !name.trim()) return;
    await saveCurrentView(map, name.trim(), Object.fromEntries((layers ?? []).map((l) => [l.id, l.visible])));
    onChange([...embeds, { kind: 'view', name: name.trim() }], `embed view "${name.trim()}"`);
    setNaming(null);
  };

  return (
    <div className="wb-embeds">
      {embeds.map((e, i) => (
        <figure key={embedKey(e)} className="wb-embed" data-embed={embedKey(e)}>
          <figcaption className="wb-embed__head">
            <span className="wb-embed__kind">{e.kind === 'table' ? 'Table' : 'Map view'}</span>
            <span className="wb-embed__title">{e.kind === 'table' ? TABLE_TITLES[e.table] : e.name}</span>
            {e.kind === 'view' && (
              <button type="button" className="dock-button dock-button--small" disabled={!views.some((v) => v.name === e.name)} onClick={() => {
                const v = views.find((x) => x.name === e.name);
                if (v) showView(v, map, dispatchLayers);
              }}>Show on map</button>
            )}
            <button type="button" className="icon-button" aria-label={`Remove ${e.kind === 'table' ? TABLE_TITLES[e.table] : e.name} from this section`} onClick={() => onChange(embeds.filter((_, j) => j !== i), 'remove embed')}>
              <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden="true"><path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" /></svg>
            </button>
          </figcaption>
          {e.kind === 'table' ? (
            <div className="wb-embed__body"><TableView kind={e.table} project={project} s={settings} compact /></div>
          ) : (
            (() => {
              const v = views.find((x) => x.name === e.name);
              return v ? <ViewMiniMap view={v} /> : <p className="wb-embed__view">This saved view no longer exists.</p>;
            })()
          )}
        </figure>
      ))}
      <div className="wb-embed-add">
        <label className="dock-field">
          <span>Embed</span>
          <select value={choice} onChange={(e) => add(e.target.value)} aria-label="Embed a table or saved map view in this section">
            <option value="">Add a table or map view…</option>
            <optgroup label="Tables">
              {tables.map((t) => <option key={t} value={`table:${t}`} disabled={present.has(`table:${t}`)}>{TABLE_TITLES[t]}{t === suggested ? ' (suggested)' : ''}</option>)}
            </optgroup>
            {views.length > 0 && (
              <optgroup label="Saved map views">
                {views.map((v) => <option key={v.name} value={`view:${v.name}`} disabled={present.has(`view:${v.name}`)}>{v.name}</option>)}
              </optgroup>
            )}
          </select>
        </label>
        {naming === null ? (
          <button type="button" className="dock-button" disabled={!map} onClick={() => setNaming('')}>Save current map view…</button>
        ) : (
          <form className="wb-view-name" onSubmit={(e) => { e.preventDefault(); void saveView(naming); }}>
            <input type="text" aria-label="Name of the map view" placeholder="View name" value={naming} onChange={(e) => setNaming(e.target.value)} autoFocus maxLength={120} />
            <button type="submit" className="dock-button dock-button--primary" disabled={!naming.trim()}>Save and embed</button>
            <button type="button" className="dock-button" onClick={() => setNaming(null)}>Cancel</button>
          </form>
        )}
      </div>
    </div>
  );
}
