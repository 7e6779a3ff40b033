// Web Mercator camera arithmetic, as maplibre does it (a 512-pixel world at
// zoom 0). The print page needs it outside any map instance: to fit a camera
// to a box before a map exists, to move the camera by whole device pixels for
// each tile, and to tell tests where a place lands in the finished PNG.

export interface Camera {
  center: [number, number];
  zoom: number;
}

const WORLD = 512;
const EARTH_RADIUS_M = 6_378_137;
const MAX_LAT = 85.051129;

/** Mercator x, y in 0..1 of the world. */
export function toUnit(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const y = (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))) / 360;
  return [(lon + 180) / 360, y];
}

export function fromUnit(x: number, y: number): [number, number] {
  const lat = (360 / Math.PI) * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180)) - 90;
  return [x * 360 - 180, lat];
}

const worldSize = (zoom: number) => WORLD * 2 ** zoom;

/** The camera that shows [west, south, east, north] inside a box of CSS pixels, less padding. */
export function fitCamera(bounds: [number, number, number, number], width: number, height: number, padding: number, maxZoom = 17): Camera {
  const [w, s, e, n] = bounds;
  const [x0, y0] = toUnit(w, n);
  const [x1, y1] = toUnit(e, s);
  const spanX = Math.max(x1 - x0, 1e-9);
  const spanY = Math.max(y1 - y0, 1e-9);
  const fit = Math.min((width - 2 * padding) / (spanX * WORLD), (height - 2 * padding) / (spanY * WORLD));
  const zoom = Math.min(maxZoom, Math.log2(Math.max(fit, 1e-9)));
  return { center: fromUnit((x0 + x1) / 2, (y0 + y1) / 2), zoom };
}

/** The camera moved by (dx, dy) CSS pixels at its own zoom. */
export function offsetCamera(camera: Camera, dx: number, dy: number): Camera {
  const size = worldSize(camera.zoom);
  const [x, y] = toUnit(...camera.center);
  return { center: fromUnit(x + dx / size, y + dy / size), zoom: camera.zoom };
}

/** Where lon/lat falls in a map box of width × height CSS pixels showing `camera`. */
export function projectPoint(camera: Camera, width: number, height: number, lon: number, lat: number): [number, number] {
  const size = worldSize(camera.zoom);
  const [cx, cy] = toUnit(...camera.center);
  const [x, y] = toUnit(lon, lat);
  return [(x - cx) * size + width / 2, (y - cy) * size + height / 2];
}

/** Ground metres per CSS pixel at the camera's centre. */
export function metresPerPixel(camera: Camera): number {
  return (2 * Math.PI * EARTH_RADIUS_M * Math.cos((camera.center[1] * Math.PI) / 180)) / worldSize(camera.zoom);
}
