// A cartographic scale bar: alternating segments, a round distance that fits
// about 160 CSS pixels at the map's centre latitude (Web Mercator scale varies
// with latitude, so it holds for the middle of the map). Each tick's number is
// centred under it and the unit is said once, after the bar: three labels
// each carrying "km" did not fit a short bar and wrapped into "01.25 2.5 / km km".

const NICE = [1, 2, 2.5, 5];

export function niceDistance(maxMetres: number): number {
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  let best = power;
  for (const n of NICE) if (n * power <= maxMetres) best = n * power;
  return best;
}

export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toLocaleString('en-GB')} km` : `${metres.toLocaleString('en-GB')} m`;
}

export interface ScaleBarTicks {
  /** Fraction of the bar (0, 0.5, 1) and the number printed there. */
  ticks: { at: number; label: string }[];
  unit: 'km' | 'm';
}

/** The ticks of a bar `metres` long, in one unit: kilometres when the whole bar is at least 1 km. */
export function scaleBarTicks(metres: number): ScaleBarTicks {
  const unit = metres >= 1000 ? 'km' : 'm';
  const per = unit === 'km' ? 1000 : 1;
  const number = (m: number) => (m / per).toLocaleString('en-GB', { maximumFractionDigits: 3 });
  return { ticks: [0, 0.5, 1].map((at) => ({ at, label: number(metres * at) })), unit };
}

export function ScaleBar({ metresPerPixel, maxWidth = 160 }: { metresPerPixel: number; maxWidth?: number }) {
  const metres = niceDistance(metresPerPixel * maxWidth);
  const width = metres / metresPerPixel;
  const segments = 4;
  const seg = width / segments;
  const { ticks, unit } = scaleBarTicks(metres);
  return (
    <div className="print-scale" data-metres={metres} aria-label={`Scale bar: ${formatDistance(metres)}`}>
      <div className="print-scale__bar">
        <svg width={width + 2} height={10} aria-hidden="true">
          {Array.from({ length: segments }, (_, i) => (
            <rect key={i} x={1 + i * seg} y={1} width={seg} height={8} fill={i % 2 ? '#ffffff' : '#1f2933'} stroke="#1f2933" strokeWidth={1} />
          ))}
        </svg>
        <span className="print-scale__unit">{unit}</span>
      </div>
      <div className="print-scale__labels" style={{ width: width + 2 }}>
        {ticks.map((t) => (
          <span key={t.at} style={{ left: 1 + t.at * width }}>
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}
