// A minimal in-memory OSM-style network: numbered nodes in metres from the
// centre, and ways that list node ids with their tags.
import type { Pt } from './planar';

export interface RoadNode {
  id: number;
  at: Pt;
}

export interface RoadWay {
  id: number;
  nodeIds: number[];
  tags: Record<string, string>;
}

export class RoadNetwork {
  readonly nodes: RoadNode[] = [];
  readonly ways: RoadWay[] = [];

  addNode(at: Pt): number {
    const id = this.nodes.length + 1;
    this.nodes.push({ id, at });
    return id;
  }

  addWay(nodeIds: number[], tags: Record<string, string>): RoadWay {
    if (nodeIds.length < 2) throw new Error('A way needs at least two nodes');
    const way = { id: this.ways.length + 1, nodeIds, tags };
    this.ways.push(way);
    return way;
  }

  at(id: number): Pt {
    return this.nodes[id - 1].at;
  }
}

/** Speed limits as UK signs show them; absent where OSM mappers would leave it. */
export const MAXSPEED: Record<string, string> = {
  motorway: '70 mph',
  primary: '30 mph',
  secondary: '30 mph',
  tertiary: '30 mph',
  residential: '20 mph',
  unclassified: '60 mph',
};

export function roadTags(highway: string, name: string | null, extra: Record<string, string> = {}): Record<string, string> {
  const tags: Record<string, string> = { highway };
  if (name) tags.name = name;
  if (MAXSPEED[highway]) tags.maxspeed = MAXSPEED[highway];
  return { ...tags, ...extra };
}
