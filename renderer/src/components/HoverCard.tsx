// What is under the pointer: a site's name, type and opening hours, or an
// area's segment and, while an analysis layer is on, its uptake ratio (95% CI)
// and gap type from the analysis the map already holds.
import type { PickingInfo } from '@deck.gl/core';
import { siteLabelText } from '../layers/site-labels';
import type { Feature } from 'geojson';
import type { LayerDef } from '../layers/types';
import type { Site } from '../project/types';
import { formatOpeningHours } from './opening-hours';
import type { AreaRow } from '../layers/analysis-values';
import { layerDetail, segmentText, siteMeta } from './hover-text';
import { fmtRatio } from '../tables/format';

function isSite(o: unknown): o is Site {
  return typeof o === 'object' && o !== null && 'lon' in o && 'service' in o;
}

/** "0.62 (95% CI 0.50–0.77)"; a suppressed ratio or interval shows as the disclosure rule's asterisk. */
function uptakeText(row: AreaRow): string {
  const ci = row.ci95 === '*' ? '*' : row.ci95 ? `${fmtRatio(row.ci95.lower)}–${fmtRatio(row.ci95.upper)}` : null;
  return ci ? `${fmtRatio(row.ratio)} (95% CI ${ci})` : fmtRatio(row.ratio);
}

function AnalysisLines({ row }: { row: AreaRow }) {
  return (
    // The opening-hours list's layout: label left, figure right.
    <dl className="hover-card__hours hover-card__analysis">
      <div>
        <dt>Uptake ratio</dt>
        <dd data-field="uptake">{uptakeText(row)}</dd>
      </div>
      <div>
        <dt>Gap type</dt>
        <dd data-field="gap">{row.gapTypes.length ? row.gapTypes.join(', ') : 'No gap found'}</dd>
      </div>
    </dl>
  );
}

/** `mode`: the travel mode the coverage layer was computed for. */
export function HoverCard({ info, layers, rows, mode }: { info: PickingInfo | null; layers: LayerDef[]; rows: Map<string, AreaRow>; mode?: 'walk' | 'drive' }) {
  if (!info?.object) return null;
  const style = { left: info.x + 14, top: info.y + 14 };
  if (isSite(info.object)) {
    const s = info.object;
    const hours = formatOpeningHours(s.openingHours);
    return (
      <div className="hover-card" style={style} role="status">
        <p className="hover-card__title">{siteLabelText(s) || 'Site without a name'}</p>
        <p className="hover-card__meta">{siteMeta(s)}</p>
        <p className="hover-card__section">Opening hours</p>
        {hours.length ? (
          <dl className="hover-card__hours">
            {hours.map((h) => (
              <div key={h.days}>
                <dt>{h.days}</dt>
                <dd>{h.times}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="hover-card__meta">Not recorded</p>
        )}
      </div>
    );
  }
  const f = info.object as Feature;
  const layer = layers.find((l) => l.id === info.layer?.id);
  const p = f.properties ?? {};
  // The segment is the area's, whichever layer is hovered; the detail is what that layer shows.
  const segment = segmentText(layers, p);
  const detail = layerDetail(layer, p, mode);
  // Only while an analysis layer is on: with the base layers alone the figures would be unexplained.
  const analysisOn = layers.some((l) => l.visible && l.source.method === 'getScenarioAnalysis');
  const row = analysisOn ? rows.get(String(p.code)) : undefined;
  return (
    <div className="hover-card" style={style} role="status">
      <p className="hover-card__title">{p.name ?? p.code}</p>
      {p.name && <p className="hover-card__meta">{p.code}</p>}
      {segment && <p className="hover-card__detail" data-field="segment">{segment}</p>}
      {detail && <p className="hover-card__detail" data-field="layer">{detail}</p>}
      {row && <AnalysisLines row={row} />}
      <p className="hover-card__hint">Click for details</p>
    </div>
  );
}
