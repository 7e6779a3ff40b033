// Domain types shared by the main process, the CLI and the renderer.
// No Node or DOM imports here: this is the `common` layer.

/** A geography level such as OA, LSOA, MSOA, ward, LAD, or a custom name. */
export type GeographyLevel = string;

/** A small area (Output Area, LSOA, ward...) in one geography level. */
export interface Area {
  code: string;
  name: string | null;
  level: GeographyLevel;
  /** Code of the containing area one level up (OA → LSOA), when known. */
  parentCode: string | null;
}

/** One class of a segmentation scheme (OAC supergroup, Mosaic group...). */
export interface Segment {
  scheme: string;
  code: string;
  name: string;
  parentCode: string | null;
  /** supergroup / group / subgroup, or the scheme's own level names. */
  level: string;
  colour: string | null;
  description: string | null;
}

/** Population base of one segment in one area (persons or households). */
export interface SegmentBase {
  areaCode: string;
  segmentCode: string;
  base: number;
}

export type BaseKind = 'persons' | 'households';

/** Risk of a need (e.g. smoking) in one segment, always as a prevalence 0..1. */
export interface SegmentRate {
  segmentCode: string;
  prevalence: number;
}

export interface NeedIndicator {
  name: string;
  scheme: string;
  rates: SegmentRate[];
  /** e.g. "Illustrative: synthetic rates for the demo town". */
  note: string | null;
}

/** Aggregated service users: never a person, always a count. */
export interface UserCount {
  service: string;
  areaCode: string;
  segmentCode: string | null;
  period: string | null;
  count: number;
  /** Where the import found the segment (users file, postcode lookup, the area). */
  source?: SegmentSourceStored;
}

export type SegmentSourceStored = 'users-file' | 'postcode' | 'area';

export interface ServiceSite {
  id: number;
  service: string;
  /** The site's own code (ODS code, OSM id), when imported with one. */
  code?: string | null;
  name: string;
  type: string | null;
  lon: number;
  lat: number;
  /** OpenStreetMap opening_hours syntax, e.g. "Mo-Fr 09:00-17:00". */
  openingHours: string | null;
  /** A what-if site that is not yet confirmed as real. */
  proposed?: boolean;
}

export type TravelMode = 'walk' | 'drive';

export interface TravelProfile {
  mode: TravelMode;
  speedsKmh: Record<string, number>;
  respectOneway: boolean;
}

export type GapType = 'accessibility' | 'availability' | 'awareness';

export type Stratum = 'Priority' | 'Moderate' | 'Basic' | 'Self-care';

/** How counts are protected before they leave the analyst's screen. */
export type DisclosureRule = { kind: 'nhs' } | { kind: 'none' } | { kind: 'threshold'; k: number };
