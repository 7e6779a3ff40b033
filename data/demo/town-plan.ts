// The fixed story of the demo town. The seed moves details (zone shapes,
// streets, people) but this plan keeps the same gaps in the same places, so
// the walkthrough in the README holds for any seed.
import type { Pt } from './planar';

export const TOWN_NAME = 'Kestrelford';
export const DEFAULT_SEED = 20240401;

/**
 * Centre of the town on the British National Grid: open farmland on the
 * Lincolnshire Heath, inland and away from any real town of this size.
 * All plan coordinates below are metres east/north of this point.
 */
export const CENTRE_BNG: Pt = [498270, 352980];

/** Shared lumpiness of the boundary and the street rings, so they nest. */
export function shapeFactor(angle: number): number {
  return 1 + 0.06 * Math.sin(2 * angle + 0.7) + 0.04 * Math.sin(3 * angle + 2.1);
}

/** Distance from the centre in "ring units", undoing the town's lumpiness. */
export function ringRadius(p: Pt): number {
  return Math.hypot(p[0], p[1]) / shapeFactor(Math.atan2(p[1], p[0]));
}

export const BOUNDARY_RADIUS = 4200;
/** Beyond this ring radius an area counts as countryside. */
export const BUILT_UP_RADIUS = 2950;
export const MOTORWAY_X = -4750;

/**
 * Neighbourhood anchors: each built-up Output Area takes the supergroup of
 * the nearest anchor (with noise), which clusters segments the way real
 * towns do.
 */
export const NEIGHBOURHOOD_ANCHORS: readonly { at: Pt; supergroup: string }[] = [
  { at: [0, 0], supergroup: '2' },
  { at: [-150, 500], supergroup: '2' },
  { at: [200, -700], supergroup: '3' },
  { at: [-350, -900], supergroup: '3' },
  { at: [1250, 350], supergroup: '4' },
  { at: [950, 1050], supergroup: '4' },
  { at: [-1150, 1000], supergroup: '8' },
  { at: [-800, 1750], supergroup: '8' },
  { at: [-1900, -300], supergroup: '6' },
  { at: [-1500, -1500], supergroup: '6' },
  { at: [-400, -2300], supergroup: '6' },
  { at: [-2300, 900], supergroup: '6' },
  { at: [2300, 1100], supergroup: '6' },
  { at: [1700, -1700], supergroup: '7' },
  { at: [1100, -2250], supergroup: '7' },
  { at: [2300, -900], supergroup: '7' },
  { at: [200, 2100], supergroup: '5' },
  { at: [-300, 2550], supergroup: '5' },
  { at: [900, 2050], supergroup: '5' },
];

export interface SitePlan {
  name: string;
  type: string;
  at: Pt;
  openingHours: string;
}

/**
 * Six stop-smoking sites. None sits in the south-east estate (high need, far
 * from every site: an accessibility gap); the pharmacy serving the
 * commuter suburbs of the north (Urbanites, working age) keeps office hours
 * only (an availability gap); the centre is well served yet Ethnicity Central areas next to it
 * come forward less (an awareness gap).
 */
export const SITE_PLANS: readonly SitePlan[] = [
  { name: 'Kestrelford Health Centre', type: 'GP practice', at: [150, -200], openingHours: 'Mo-Fr 08:00-18:30' },
  { name: 'Market Place Pharmacy', type: 'Pharmacy', at: [-180, 150], openingHours: 'Mo-Fr 09:00-20:00; Sa 10:00-14:00' },
  { name: 'Northgate Pharmacy', type: 'Pharmacy', at: [150, 2050], openingHours: 'Mo-Fr 09:00-17:00' },
  { name: 'Westfield Surgery', type: 'GP practice', at: [-1800, -250], openingHours: 'Mo-Fr 08:30-18:00' },
  { name: 'Eastgate Community Hub', type: 'Community hub', at: [1150, 450], openingHours: 'Tu,Th 17:00-20:00; Sa 09:00-13:00' },
  { name: 'Brookside Retail Park Pharmacy', type: 'Pharmacy', at: [-1300, 1350], openingHours: 'Mo-Sa 08:00-22:00; Su 10:00-16:00' },
];
