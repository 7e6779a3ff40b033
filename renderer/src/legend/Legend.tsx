// The map legend: every visible layer, top of the map first, read from the same
// definitions the map draws from. Tests compare its entries with the map.
import { useId } from 'react';
import type { LayerDef } from '../layers/types';
import { useStoredFlag } from '../layout/use-stored-flag';
import { legendBlocks, type LegendBlock } from './legend-model';
import { SwatchIcon } from './SwatchIcon';
import { BivariateKey } from './BivariateKey';

const count = new Intl.NumberFormat('en-GB');

interface Props {
  layers: LayerDef[];
  large?: boolean;
  /** The workspace's legend folds away to its heading (remembered), giving a small map its ground back. */
  collapsible?: boolean;
}

export function Legend({ layers, large = false, collapsible = false }: Props) {
  const id = useId();
  const [open, setOpen] = useStoredFlag('cgm-legend-open', true);
  // The base map's reference key (roads, boundaries) starts folded in the workspace: the thematic keys keep the room.
  const [referenceOpen, setReferenceOpen] = useStoredFlag('cgm-legend-reference-open', false);
  const shown = !collapsible || open;
  const blocks = legendBlocks(layers);
  const className = ['legend', large && 'legend--large', collapsible && 'legend--collapsible', !shown && 'legend--folded'].filter(Boolean).join(' ');
  return (
    <section className={className} aria-label="Legend" data-testid="legend">
      <div className="legend__head">
        <h2 className="legend__heading">Legend</h2>
        {collapsible && (
          <button type="button" className="icon-button legend__toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} title={open ? 'Fold the legend away' : 'Show the legend'}>
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><path d={open ? 'M2 4l4 4 4-4' : 'M2 8l4-4 4 4'} fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
            <span className="visually-hidden">{open ? 'Hide' : 'Show'} the legend</span>
          </button>
        )}
      </div>
      {shown && (
        <div id={id} className="legend__body">
          {blocks.length === 0 && <p className="legend__empty">No layers are switched on.</p>}
          {blocks.map((block) =>
            collapsible && block.compact ? (
              <BlockView key={block.layerId} block={block} fold={{ open: referenceOpen, toggle: () => setReferenceOpen((o) => !o), id: `${id}-reference` }} />
            ) : (
              <BlockView key={block.layerId} block={block} />
            ),
          )}
        </div>
      )}
    </section>
  );
}

/**
 * A class keeps its row across recolours (its value is its place in the key), so a new
 * classification rewrites the rows' text and swatches in place instead of building new rows.
 * Entries without a value (no data, other) are told apart by their labels.
 */
const entryKey = (e: LegendBlock['entries'][number]) => (e.value === '' ? `label:${e.label}` : `value:${e.value}`);

interface Fold {
  open: boolean;
  toggle(): void;
  id: string;
}

/** One layer's key; given `fold`, its title is a button that shows or hides the entries. */
function BlockView({ block, fold }: { block: LegendBlock; fold?: Fold }) {
  return (
    <div className={block.compact ? 'legend__block legend__block--compact' : 'legend__block'} data-layer-id={block.layerId}>
      <h3 className="legend__title">
        {fold ? (
          <button type="button" className="legend__fold" aria-expanded={fold.open} aria-controls={fold.id} onClick={fold.toggle}>
            <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><path d={fold.open ? 'M1.5 3.5l3.5 3.5 3.5-3.5' : 'M3.5 1.5l3.5 3.5-3.5 3.5'} fill="none" stroke="currentColor" strokeWidth="1.5" /></svg>
            {block.title}
          </button>
        ) : (
          block.title
        )}
      </h3>
      {block.subtitle && <p className="legend__subtitle">{block.subtitle}</p>}
      {block.notice && <p className="legend__notice">{block.notice}</p>}
      {block.bivariate && <BivariateKey grid={block.bivariate} />}
      {(!fold || fold.open) && (
        <ul id={fold?.id} className={block.bivariate ? 'legend__entries visually-hidden' : 'legend__entries'}>
          {block.entries.map((e) => (
            <li className="legend__entry" key={entryKey(e)} data-value={e.value}>
              <SwatchIcon swatch={e.swatch} />
              <span className="legend__label">{e.label}</span>
              {e.count !== undefined && <span className="legend__count">{count.format(e.count)}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
