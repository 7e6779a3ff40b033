// The 3×3 need × uptake key: need left to right, uptake bottom to top, with
// the class limits on the axes and how many areas fall in each cell.
import type { LegendBlock } from './legend-model';

const fmt = (v: number) => new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 }).format(v);

export function BivariateKey({ grid }: { grid: NonNullable<LegendBlock['bivariate']> }) {
  const rows = [2, 1, 0];
  return (
    <div className="bivariate" role="img" aria-label={`${grid.yLabel} by ${grid.xLabel.toLowerCase()}: red where need is high and uptake low`}>
      <div className="bivariate__y" aria-hidden="true">
        <span>{grid.yLabel} →</span>
      </div>
      <div>
        <div className="bivariate__grid">
          {rows.map((r) =>
            [0, 1, 2].map((c) => (
              <span
                key={`${r},${c}`}
                className="bivariate__cell"
                style={{ background: grid.colours[r * 3 + c] }}
                title={`${grid.counts[r * 3 + c]} areas`}
                data-cell={`${r},${c}`}
              >
                {grid.counts[r * 3 + c] || ''}
              </span>
            )),
          )}
        </div>
        <div className="bivariate__x" aria-hidden="true">
          <span>{grid.xLabel} →</span>
        </div>
        <p className="bivariate__limits">
          {grid.xLabel} breaks {fmt(grid.xBreaks[0])}%, {fmt(grid.xBreaks[1])}% · {grid.yLabel} breaks {fmt(grid.yBreaks[0])}, {fmt(grid.yBreaks[1])}
        </p>
      </div>
    </div>
  );
}
