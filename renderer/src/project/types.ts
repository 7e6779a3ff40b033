// What the renderer holds about the open project once it has asked for it.
import type { FeatureCollection } from 'geojson';
import type { MethodOutput } from '../../../shared/contract';

export type ProjectInfo = MethodOutput<'getProjectInfo'>;
export type Segment = MethodOutput<'getSegments'>[number];
export type Site = MethodOutput<'getSites'>[number];

export interface LoadedProject {
  info: ProjectInfo;
  /** Segmentation scheme shown, and the geography level its colours are drawn at. */
  scheme: string | null;
  /** The scheme level drawn (e.g. supergroup), or null when the scheme is flat. */
  segmentLevel: string | null;
  level: string;
  parentLevel: string | null;
  segments: Segment[];
  areas: FeatureCollection;
  parentAreas: FeatureCollection | null;
  roads: FeatureCollection | null;
  /** Real sites only (what-if sites come from getSites with the analysis). */
  sites: Site[];
  /** [west, south, east, north] of everything drawn. */
  extent: [number, number, number, number];
}
