// The motorway that passes west of the town, with one roundabout
// interchange. UK traffic keeps left, so the northbound carriageway is the
// western one and the roundabout runs clockwise. The roundabout bridges the
// carriageways, so it shares no node with them.
import type { Pt } from './planar';
import { RoadNetwork, roadTags } from './road-network';
import { MOTORWAY_X } from './town-plan';

const HALF_GAP = 12;
const ROUNDABOUT_RADIUS = 90;
const SLIP_OFFSET = 700;
const REACH = 7000;

const curve = (y: number) => 120 * Math.sin(y / 2500);

/** Builds the motorway and junction; returns the roundabout node facing the town. */
export function addMotorwayJunction(net: RoadNetwork, junctionY: number): number {
  const cx = MOTORWAY_X + curve(junctionY);
  const ring = (deg: number): Pt => {
    const a = (deg * Math.PI) / 180;
    return [cx + ROUNDABOUT_RADIUS * Math.cos(a), junctionY + ROUNDABOUT_RADIUS * Math.sin(a)];
  };
  // Clockwise from the east arm.
  const arms = { east: 0, southEast: -40, southWest: -140, west: -180, northWest: -220, northEast: -320 };
  const armIds = Object.fromEntries(Object.entries(arms).map(([k, deg]) => [k, net.addNode(ring(deg))])) as Record<keyof typeof arms, number>;
  const order = [armIds.east, armIds.southEast, armIds.southWest, armIds.west, armIds.northWest, armIds.northEast, armIds.east];
  net.addWay(order, { highway: 'primary', junction: 'roundabout' });

  const carriageway = (side: -1 | 1) => {
    const ys = [-REACH, -REACH / 2, -SLIP_OFFSET, -SLIP_OFFSET / 3, SLIP_OFFSET / 3, SLIP_OFFSET, REACH / 2, REACH].map((d) => junctionY + d);
    return ys.map((y) => net.addNode([MOTORWAY_X + curve(y) + side * HALF_GAP, y]));
  };
  const northbound = carriageway(-1);
  const southbound = carriageway(1).reverse();
  const motorway = { ref: 'M99', oneway: 'yes' };
  net.addWay(northbound, roadTags('motorway', null, motorway));
  net.addWay(southbound, roadTags('motorway', null, motorway));

  const slip = (from: number, to: number, bend: Pt) => {
    net.addWay([from, net.addNode(bend), to], { highway: 'motorway_link', oneway: 'yes' });
  };
  const off = (dy: number, side: number): Pt => [cx + side * 70, junctionY + dy];
  // Northbound: leave 700 m south of the roundabout, rejoin 700 m north.
  slip(northbound[2], armIds.southWest, off(-330, -1));
  slip(armIds.northWest, northbound[5], off(330, -1));
  // Southbound: leave 700 m north, rejoin 700 m south.
  slip(southbound[2], armIds.northEast, off(330, 1));
  slip(armIds.southEast, southbound[5], off(-330, 1));

  // A country road carries on west to the neighbouring village.
  const west = [armIds.west, net.addNode([cx - 700, junctionY + 60]), net.addNode([cx - 1800, junctionY + 200])];
  net.addWay(west, roadTags('unclassified', 'Wrenby Lane'));
  return armIds.east;
}
