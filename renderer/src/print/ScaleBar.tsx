// A cartographic scale bar: alternating segments, a round distance that fits
// about 160 CSS pixels at the map's centre latitude (Web Mercator scale varies
// with latitude, so it holds for the middle of the map).

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

export function ScaleBar({ metresPerPixel, maxWidth = 160 }: { metresPerPixel: number; maxWidth?: number }) {
  const metres = niceDistance(metresPerPixel * maxWidth);
  const width = metres / metresPerPixel;
  const segments = 4;
  const seg = width / segments;
  return (
    <div className="print-scale" data-metres={metres} aria-label={`Scale bar: ${formatDistance(metres)}`}>
      <svg width={width + 2} height={10} aria-hidden="true">
        {Array.from({ length: segments }, (_, i) => (
          <rect key={i} x={1 + i * seg} y={1} width={seg} height={8} fill={i % 2 ? '#ffffff' : '#1f2933'} stroke="#1f2933" strokeWidth={1} />
        ))}
      </svg>
      <div className="print-scale__labels" style={{ width: width + 2 }}>
        <span>0</span>
        <span>{formatDistance(metres / 2)}</span>
        <span>{formatDistance(metres)}</span>
      </div>
    </div>
  );
}
