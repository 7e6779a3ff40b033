// One legend symbol, drawn as inline SVG so it matches the map at any zoom of the page.
import type { Swatch } from './legend-model';

export function SwatchIcon({ swatch }: { swatch: Swatch }) {
  if (swatch.shape === 'fill') {
    return (
      <svg className="swatch" width="18" height="14" aria-hidden="true">
        <rect x="0.5" y="0.5" width="17" height="13" rx="2" fill={swatch.colour} fillOpacity={Math.max(0.35, swatch.opacity)} stroke="rgba(0,0,0,0.25)" />
      </svg>
    );
  }
  if (swatch.shape === 'point') {
    return (
      <svg className="swatch" width="18" height="14" aria-hidden="true">
        <circle cx="9" cy="7" r="5.5" fill={swatch.colour} stroke="#fff" strokeWidth="1.8" />
        <circle cx="9" cy="7" r="6.5" fill="none" stroke="rgba(0,0,0,0.25)" strokeWidth="0.8" />
      </svg>
    );
  }
  if (swatch.shape === 'outline') {
    return (
      <svg className="swatch" width="18" height="14" aria-hidden="true">
        <rect x="1.5" y="1.5" width="15" height="11" rx="1.5" fill="#f6e8c3" stroke={swatch.colour} strokeWidth={Math.min(3, swatch.width)} />
      </svg>
    );
  }
  if (swatch.shape === 'ring') {
    return (
      <svg className="swatch" width="18" height="14" aria-hidden="true">
        <circle cx="9" cy="7" r="5" fill="#fff" stroke={swatch.colour} strokeWidth="2.6" />
      </svg>
    );
  }
  return (
    <svg className="swatch" width="18" height="14" aria-hidden="true">
      {swatch.casing && <line x1="1" y1="7" x2="17" y2="7" stroke={swatch.casing} strokeWidth={swatch.width + 2} strokeLinecap="round" />}
      <line x1="1" y1="7" x2="17" y2="7" stroke={swatch.colour} strokeWidth={swatch.width} strokeLinecap="round" strokeDasharray={swatch.dashed ? '3 2' : undefined} />
    </svg>
  );
}
