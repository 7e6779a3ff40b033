// osm-pbf-parser ships no types; this is the part of its API we use.
declare module 'osm-pbf-parser' {
  import type { Duplex } from 'node:stream';
  export interface PbfNode { type: 'node'; id: number; lat: number; lon: number; tags: Record<string, string> }
  export interface PbfWay { type: 'way'; id: number; tags: Record<string, string>; refs: number[] }
  export interface PbfRelation { type: 'relation'; id: number; tags: Record<string, string> }
  export type PbfItem = PbfNode | PbfWay | PbfRelation;
  /** An object-mode transform: binary PBF in, arrays of items out. */
  export default function parseOSM(): Duplex;
}
