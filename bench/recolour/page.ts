// Runs in the browser: draws 190k synthetic areas through the app's own layer
// code (deckLayersFor + buildGraduated), then switches the measure and the
// classification and times each recolour until deck.gl has drawn it.
import { Deck, type Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { deckLayersFor } from '../../renderer/src/layers/deck-layers';
import { buildGraduated, type GraduatedChoice } from '../../renderer/src/layers/graduated';
import type { GraduatedStyle, LayerDef } from '../../renderer/src/layers/types';
import { syntheticAreas } from './synthetic-areas';

declare global {
  interface Window {
    __bench?: Record<string, unknown>;
    __benchError?: string;
  }
}

const params = new URLSearchParams(location.search);
const COUNT = Number(params.get('n') ?? 190_000);
const REPEATS = Number(params.get('repeats') ?? 10);
/** Vertices per polygon: 41 matches the 7.8M vertices of the real 190k Output Areas. */
const VERTICES = Number(params.get('vertices') ?? 41);

const MEASURES: Pick<GraduatedStyle, 'measure' | 'measureLabel' | 'unit'>[] = [
  { measure: 'density', measureLabel: 'Population density', unit: 'people per km²' },
  { measure: 'need_pct', measureLabel: 'Need prevalence', unit: '% of residents' },
  { measure: 'uptake_ratio', measureLabel: 'Uptake ratio', unit: 'ratio' },
];
const CHOICES: GraduatedChoice[] = [
  { method: 'quantile', classCount: 5, ramp: 'YlGnBu' },
  { method: 'equal', classCount: 7, ramp: 'OrRd' },
  { method: 'quantile', classCount: 9, ramp: 'Viridis' },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run() {
  const t0 = performance.now();
  const areas = syntheticAreas(COUNT, VERTICES);
  const generateMs = performance.now() - t0;
  // Each frame is split into the update (setProps → onBeforeRender: attribute
  // work on the CPU) and the draw (→ onAfterRender plus gl.finish, so the
  // software GPU's backlog never leaks into the next frame's timing).
  let resolveDraw: ((t: { update: number; draw: number }) => void) | null = null;
  let started = 0;
  let before = 0;
  const deck = new Deck({
    parent: document.getElementById('map')!,
    initialViewState: { longitude: -2, latitude: 54.2, zoom: 5.2 },
    controller: false,
    layers: [],
    onBeforeRender: () => {
      before = performance.now();
    },
    onAfterRender: ({ gl }: { gl: WebGL2RenderingContext }) => {
      gl.finish();
      const end = performance.now();
      resolveDraw?.({ update: before - started, draw: end - before });
      resolveDraw = null;
    },
  } as never);
  const drawn = () => {
    started = performance.now();
    return new Promise<{ update: number; draw: number }>((r) => (resolveDraw = r));
  };
  const features = areas.features as Feature[];
  const def = (style: GraduatedStyle): LayerDef => ({
    id: 'areas', title: 'Areas', subtitle: '', source: { method: 'getAreaLayer', input: { level: 'OA' } },
    style, drawnBy: 'deck', visible: true, opacity: 0.85, interactive: true,
  });
  const layersFor = (style: GraduatedStyle): Layer[] => deckLayersFor(def(style), { areas, sites: [] }, { selectedCode: null, dataVersion: 0 });
  // setProps only queues the layers; running the layer manager's update at once
  // gives the CPU cost of tessellation / attribute work alone, free of the
  // software renderer's frame pacing (which dominates every frame here).
  const manager = () => (deck as unknown as { layerManager: { updateLayers(): void } | null }).layerManager;
  const show = async (layers: Layer[]) => {
    while (!manager()) await new Promise((r) => setTimeout(r, 20));
    const done = drawn();
    const t = performance.now();
    deck.setProps({ layers });
    manager()!.updateLayers();
    const sync = performance.now() - t;
    return { ...(await done), sync };
  };
  // Wait until the (software) GPU has caught up: two frames in a row come
  // quickly. Otherwise a buffer upload stalls on the previous frame's drawing
  // and the timing measures SwiftShader's backlog, not the recolour.
  const settle = async () => {
    const started = performance.now();
    let last = await new Promise<number>((r) => requestAnimationFrame(r));
    for (let quick = 0; quick < 2 && performance.now() - started < 120_000; ) {
      const now = await new Promise<number>((r) => requestAnimationFrame(r));
      quick = now - last < 50 ? quick + 1 : 0;
      last = now;
    }
  };

  const initialStyle = buildGraduated(features, MEASURES[0], CHOICES[0]);
  await settle();
  const initial = await show(layersFor(initialStyle));
  const classify: number[] = [];
  const recolour: number[] = [];
  const recolourDraw: number[] = [];
  const recolourSync: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    await settle();
    const start = performance.now();
    const style = buildGraduated(features, MEASURES[(i + 1) % MEASURES.length], CHOICES[(i + 1) % CHOICES.length]);
    classify.push(performance.now() - start);
    const t = await show(layersFor(style));
    recolour.push(t.update);
    recolourDraw.push(t.draw);
    recolourSync.push(t.sync);
  }
  // Panning: a new view state re-projects on the GPU, with no attribute work.
  const pan: number[] = [];
  const panDraw: number[] = [];
  for (let i = 0; i < 5; i++) {
    await settle();
    const done = drawn();
    deck.setProps({ initialViewState: { longitude: -2 + 0.2 * (i + 1), latitude: 54.2, zoom: 5.2 } });
    const t = await done;
    pan.push(t.update);
    panDraw.push(t.draw);
  }
  const ck = performance.now();
  buildGraduated(features, MEASURES[1], { method: 'ckmeans', classCount: 5, ramp: 'YlGnBu' });
  const ckmeansMs = performance.now() - ck;
  const vertices = features.reduce((s, f) => s + (f.geometry as GeoJSON.Polygon).coordinates[0].length, 0);
  window.__bench = {
    initialSyncMs: initial.sync, recolourSyncMedianMs: median(recolourSync), recolourSyncAll: recolourSync.map(Math.round),
    areas: COUNT, vertices, generateMs, initialUpdateMs: initial.update, initialDrawMs: initial.draw, classifyMedianMs: median(classify),
    recolourMedianMs: median(recolour), recolourAll: recolour.map(Math.round), recolourDrawMedianMs: median(recolourDraw),
    panUpdateMedianMs: median(pan), panDrawMedianMs: median(panDraw), ckmeansMs,
  };
  deck.finalize();
}

run().catch((e: unknown) => (window.__benchError = e instanceof Error ? `${e.message}\n${e.stack}` : String(e)));
