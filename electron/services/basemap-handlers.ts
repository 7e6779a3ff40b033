// The project's offline base-map tile file: chosen, checked, stored in the
// project (cgm_settings 'basemap_tiles') and described for the renderer.
import { z } from 'zod';
import type { BasemapInfo, Handlers } from '../../shared/contract';
import { deleteSetting, getSetting, setSetting } from '../store/meta';
import { BasemapTiles } from '../tiles/basemap-tiles';
import { openTileFile } from '../tiles/open-tile-file';
import { InputError } from '../../shared/errors';
import type { ProjectSession } from './project-session';

export const BASEMAP_SETTING = 'basemap_tiles';
const StoredSetting = z.object({ path: z.string().min(1) });

// One tile reader per session, shared by the handlers and whichever transport serves the tiles.
const bySession = new WeakMap<ProjectSession, BasemapTiles>();

export function basemapTilesFor(session: ProjectSession): BasemapTiles {
  let tiles = bySession.get(session);
  if (!tiles) {
    tiles = new BasemapTiles(() => getSetting(session.project.db, BASEMAP_SETTING, StoredSetting)?.path ?? null);
    bySession.set(session, tiles);
  }
  return tiles;
}

async function infoOf(tiles: BasemapTiles): Promise<BasemapInfo | null> {
  const source = await tiles.current();
  if (!source) return null;
  const t = source.tileJson;
  return {
    kind: source.kind,
    path: source.path,
    name: t.name,
    format: t.format,
    bounds: t.bounds,
    minzoom: t.minzoom,
    maxzoom: t.maxzoom,
    attribution: t.attribution ?? null,
    vectorLayers: t.vector_layers.map(({ id, minzoom, maxzoom }) => ({ id, ...(minzoom !== undefined ? { minzoom } : {}), ...(maxzoom !== undefined ? { maxzoom } : {}) })),
    tileSize: t.tileSize ?? null,
    version: tiles.version(),
  };
}

export function basemapHandlers(session: ProjectSession): Pick<Handlers, 'setBasemapTiles' | 'getBasemapInfo'> {
  return {
    async setBasemapTiles({ path }) {
      const { db } = session.project;
      if (path === null) {
        deleteSetting(db, BASEMAP_SETTING);
        return null;
      }
      // Checked before storing, so a project never names a file that cannot be drawn.
      let checked;
      try {
        checked = await openTileFile(path);
      } catch (error) {
        // The analyst named a file that will not do: their input, not a fault of the app.
        throw new InputError(error instanceof Error ? error.message : String(error));
      }
      checked.close();
      setSetting(db, BASEMAP_SETTING, { path: checked.path });
      return infoOf(basemapTilesFor(session));
    },

    async getBasemapInfo() {
      return infoOf(basemapTilesFor(session));
    },
  };
}
