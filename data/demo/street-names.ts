// Street names for the demo town: ordinary English street names built from
// common stems, so nothing points at a real place.
import type { Rng } from './prng';

const STEMS = [
  'Acorn', 'Alder', 'Ash', 'Aspen', 'Beech', 'Birch', 'Bramble', 'Briar', 'Cedar', 'Chestnut', 'Clover', 'Elm',
  'Fern', 'Hawthorn', 'Hazel', 'Heather', 'Holly', 'Juniper', 'Larch', 'Laurel', 'Linden', 'Maple', 'Oak',
  'Poplar', 'Rowan', 'Sycamore', 'Willow', 'Yew', 'Albert', 'Alexandra', 'Victoria', 'Coronation', 'Jubilee',
  'Mill', 'Chapel', 'School', 'Station', 'Abbey', 'Priory', 'Manor', 'Grange', 'Meadow', 'Orchard', 'Brook',
  'Spring', 'Well', 'Kiln', 'Forge', 'Tannery', 'Wharf', 'Foundry', 'Granary', 'Heron', 'Lapwing', 'Skylark',
  'Swallow', 'Wren', 'Curlew', 'Plover', 'Falcon', 'Mallard', 'Nightingale', "St Mary's", "St John's",
  'Cromwell', 'Nelson', 'Wellington', 'Gladstone', 'Tennyson', 'Shelley', 'Byron', 'Milton', 'Chaucer',
  'Wordsworth', 'Primrose', 'Bluebell', 'Foxglove', 'Cowslip', 'Thistle', 'Barley', 'Harvest', 'Furrow',
  'Paddock', 'Coppice', 'Spinney', 'Hollow', 'Dale', 'Ridge', 'Cliff', 'Quarry', 'Tithe', 'Glebe', 'Pinfold',
];

export type StreetKind = 'ring' | 'radial' | 'close';

const SUFFIXES: Record<StreetKind, string[]> = {
  ring: ['Road', 'Avenue', 'Crescent', 'Drive', 'Way'],
  radial: ['Street', 'Road', 'Lane', 'Grove', 'Terrace'],
  close: ['Close', 'Court', 'Mews', 'Gardens', 'Rise'],
};

/** Hands out names that are unique across the town. */
export function createStreetNamer(rng: Rng): (kind: StreetKind) => string {
  const used = new Set<string>();
  return (kind) => {
    for (;;) {
      const name = `${rng.pick(STEMS)} ${rng.pick(SUFFIXES[kind])}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}
