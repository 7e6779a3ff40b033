// What is under the pointer: a site's name, type and opening hours, or an area's segment.
import type { PickingInfo } from '@deck.gl/core';
import type { Feature } from 'geojson';
import type { LayerDef } from '../layers/types';
import type { Site } from '../project/types';
import { formatOpeningHours } from './opening-hours';
import { siteTypeLabel } from '../layers/catalogue';

function isSite(o: unknown): o is Site {
  return typeof o === 'object' && o !== null && 'lon' in o && 'service' in o;
}

export function HoverCard({ info, layers }: { info: PickingInfo | null; layers: LayerDef[] }) {
  if (!info?.object) return null;
  const style = { left: info.x + 14, top: info.y + 14 };
  if (isSite(info.object)) {
    const s = info.object;
    const hours = formatOpeningHours(s.openingHours);
    return (
      <div className="hover-card" style={style} role="status">
        <p className="hover-card__title">{s.name}</p>
        <p className="hover-card__meta">
          {[s.type && siteTypeLabel(s.type), s.service].filter(Boolean).join(' · ')}
          {s.proposed ? ' · proposed' : ''}
        </p>
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
  let detail = '';
  if (layer?.style.type === 'categorical-fill') {
    detail = layer.style.categories.find((c) => c.value === String(p[layer.style.type === 'categorical-fill' ? layer.style.field : '']))?.label ?? 'No segment assigned';
  } else if (layer?.style.type === 'graduated-fill') {
    const v = p[layer.style.measure];
    detail = typeof v === 'number' ? `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(v)} ${layer.style.unit}` : 'No value';
  }
  return (
    <div className="hover-card" style={style} role="status">
      <p className="hover-card__title">{p.name ?? p.code}</p>
      {p.name && <p className="hover-card__meta">{p.code}</p>}
      {detail && <p className="hover-card__detail">{detail}</p>}
      <p className="hover-card__hint">Click for details</p>
    </div>
  );
}
