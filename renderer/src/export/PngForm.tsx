// The "Map image" section: a saved view or one layer, a print size, and the
// title lines. The print page draws only saved views (their camera and
// switches) or single layers, so the map as it is now is saved as a view first.
import { useState } from 'react';
import type { SavedViewRow } from '../../../shared/contract';
import { PNG_MAX_EDGE, PNG_MIN_EDGE, PNG_SIZES, type ExportForm, type PngSizeChoice } from './export-request';

export interface LayerOption {
  id: string;
  title: string;
}

interface Props {
  png: ExportForm['png'];
  onChange(next: ExportForm['png']): void;
  views: SavedViewRow[];
  layers: LayerOption[];
  /** Saves the map as it is now; null when there is no map to save. */
  onSaveView: ((name: string) => Promise<void>) | null;
  disabled: boolean;
}

function defaultViewName(): string {
  const now = new Date();
  const time = now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `Export ${now.toLocaleDateString('en-GB')} ${time}`;
}

export function PngForm({ png, onChange, views, layers, onSaveView, disabled }: Props) {
  const set = (patch: Partial<ExportForm['png']>) => onChange({ ...png, ...patch });
  const [naming, setNaming] = useState(defaultViewName);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  async function saveView() {
    if (!onSaveView || !naming.trim()) return;
    setSaving(true);
    setSaveError(null);
    try {
      await onSaveView(naming.trim());
      set({ source: 'view', view: naming.trim() });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="export-form">
      <fieldset className="export-group">
        <legend>What to draw</legend>
        <label className="export-radio">
          <input type="radio" name="png-source" checked={png.source === 'layer'} onChange={() => set({ source: 'layer' })} disabled={disabled} />
          One layer over the whole project
        </label>
        {png.source === 'layer' && (
          <div className="export-indent">
            <label className="export-field">
              <span>Layer</span>
              <select value={png.layer} onChange={(e) => set({ layer: e.target.value })} disabled={disabled}>
                {layers.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.title}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        <label className="export-radio">
          <input type="radio" name="png-source" checked={png.source === 'view'} onChange={() => set({ source: 'view', view: png.view || views[0]?.name || '' })} disabled={disabled} />
          A saved view (its extent, layers and analysis choice)
        </label>
        {png.source === 'view' && (
          <div className="export-indent">
            {views.length > 0 ? (
              <label className="export-field">
                <span>Saved view</span>
                <select value={png.view} onChange={(e) => set({ view: e.target.value })} disabled={disabled}>
                  {views.map((v) => (
                    <option key={v.name} value={v.name}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <p className="export-hint">The project has no saved views yet.</p>
            )}
            {onSaveView && (
              <form
                className="export-save-view"
                onSubmit={(e) => {
                  e.preventDefault();
                  void saveView();
                }}
              >
                <label className="export-field">
                  <span>Save this map view first, as</span>
                  <input value={naming} maxLength={120} onChange={(e) => setNaming(e.target.value)} disabled={disabled || saving} />
                </label>
                <button type="submit" className="dialog-button" disabled={disabled || saving || !naming.trim()}>
                  {saving ? 'Saving…' : 'Save this view'}
                </button>
              </form>
            )}
            {saveError && (
              <p className="export-error" role="alert">
                {saveError}
              </p>
            )}
          </div>
        )}
      </fieldset>

      <fieldset className="export-group">
        <legend>Size</legend>
        <div className="export-sizes">
          {(Object.keys(PNG_SIZES) as PngSizeChoice[]).map((key) => (
            <label key={key} className="export-radio">
              <input type="radio" name="png-size" checked={png.size === key} onChange={() => set({ size: key })} disabled={disabled} />
              {PNG_SIZES[key]}
            </label>
          ))}
        </div>
        {png.size === 'custom' && (
          <div className="export-indent export-custom">
            <label className="export-field">
              <span>Width (pixels)</span>
              <input inputMode="numeric" value={png.width} onChange={(e) => set({ width: e.target.value })} disabled={disabled} aria-describedby="png-size-hint" />
            </label>
            <span aria-hidden="true">×</span>
            <label className="export-field">
              <span>Height (pixels)</span>
              <input inputMode="numeric" value={png.height} onChange={(e) => set({ height: e.target.value })} disabled={disabled} aria-describedby="png-size-hint" />
            </label>
            <p id="png-size-hint" className="export-hint">
              {PNG_MIN_EDGE} to {PNG_MAX_EDGE} pixels a side.
            </p>
          </div>
        )}
      </fieldset>

      <div className="export-grid">
        <label className="export-field">
          <span>Title (optional)</span>
          <input value={png.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} disabled={disabled} placeholder="The layer or view name" />
        </label>
        <label className="export-field">
          <span>Subtitle (optional)</span>
          <input value={png.subtitle} maxLength={300} onChange={(e) => set({ subtitle: e.target.value })} disabled={disabled} />
        </label>
      </div>
      <p className="export-hint">Large maps are drawn in tiles and can take a minute or more.</p>
    </div>
  );
}
