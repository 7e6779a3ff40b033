// The project's offline tile file in a print, as the live map has it
// (map/basemap-tiles.ts): the same info, tile URL and style, under everything
// the project draws. A file that has gone missing or cannot be read must not
// stop an export: the project's own base map is drawn and the report says why,
// as the app falls back with a message in its base-map control.
import { api } from '../api/client';
import { tileUrlTemplate } from '../map/basemap-tiles';
import { tileCredit, type TileBasemap } from '../map/basemap-tile-style';

export interface PrintBasemap {
  /** The tile file to draw, or null for the project's own base map. */
  tiles: TileBasemap | null;
  /** Why a tile file set on the project is not drawn; null when nothing went wrong. */
  problem: string | null;
}

export async function loadPrintBasemap(): Promise<PrintBasemap> {
  try {
    const info = await api.call('getBasemapInfo', {});
    // tileUrlTemplate reads the token the API client kept from this page's URL, so tiles pass the same check as calls.
    return { tiles: info ? { info, url: tileUrlTemplate(info) } : null, problem: null };
  } catch (e) {
    return { tiles: null, problem: e instanceof Error ? e.message : String(e) };
  }
}

/** The layers' credits, and the tile file's when it is drawn (a map must credit what it shows). */
export function withTileCredit(attributions: string[], basemap: PrintBasemap): string[] {
  const credit = basemap.tiles ? tileCredit(basemap.tiles.info) : null;
  return credit && !attributions.includes(credit) ? [...attributions, credit] : attributions;
}
