// The map legend: every visible layer, top of the map first, read from the same
// definitions the map draws from. Tests compare its entries with the map.
import type { LayerDef } from '../layers/types';
import { legendBlocks } from './legend-model';
import { SwatchIcon } from './SwatchIcon';
import { BivariateKey } from './BivariateKey';

const count = new Intl.NumberFormat('en-GB');

export function Legend({ layers, large = false }: { layers: LayerDef[]; large?: boolean }) {
  const blocks = legendBlocks(layers);
  return (
    <section className={large ? 'legend legend--large' : 'legend'} aria-label="Legend" data-testid="legend">
      <h2 className="legend__heading">Legend</h2>
      {blocks.length === 0 && <p className="legend__empty">No layers are switched on.</p>}
      {blocks.map((block) => (
        <div className={block.compact ? 'legend__block legend__block--compact' : 'legend__block'} key={block.layerId} data-layer-id={block.layerId}>
          <h3 className="legend__title">{block.title}</h3>
          {block.subtitle && <p className="legend__subtitle">{block.subtitle}</p>}
          {block.notice && <p className="legend__notice">{block.notice}</p>}
          {block.bivariate && <BivariateKey grid={block.bivariate} />}
          <ul className={block.bivariate ? 'legend__entries visually-hidden' : 'legend__entries'}>
            {block.entries.map((e) => (
              <li className="legend__entry" key={e.value + e.label} data-value={e.value}>
                <SwatchIcon swatch={e.swatch} />
                <span className="legend__label">{e.label}</span>
                {e.count !== undefined && <span className="legend__count">{count.format(e.count)}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
