// Runs in the browser: draws 190k synthetic areas through one colour path —
// `?path=old`, the per-vertex colours of legacy.ts, or `?path=new`, the app's
// own layer code (deckLayersFor + buildGraduated, feature-colour texture) —
// and times the first build and each recolour per classification method until
// deck.gl has drawn it. Each path gets a fresh page, so neither pays for the
// other's garbage. Both end on the same style and hand back that frame's
// pixels, so a faster path that draws differently would show.
import { Deck, type Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { deckLayersFor } from '../../renderer/src/layers/deck-layers';
import { buildGraduated, type GraduatedChoice } from '../../renderer/src/layers/graduated';
import type { ClassMethod, GraduatedStyle, LayerDef } from '../../renderer/src/layers/types';
import { legacyAreaLayer, legacyBuildGraduated } from './legacy';
import { syntheticAreas } from './synthetic-areas';

declare global {
  interface Window {
    __bench?: Record<string, unknown>;
    __benchError?: string;
  }
}

const params = new URLSearchParams(location.search);
const COUNT = Number(params.get('n') ?? 190_000);
const REPEATS = Number(params.get('repeats') ?? 6);
/** Vertices per polygon: 41 matches the 7.8M vertices of the real 190k Output Areas. */
const VERTICES = Number(params.get('vertices') ?? 41);
const PATH = params.get('path') === 'old' ? 'old' : 'new';

type Base = Pick<GraduatedStyle, 'measure' | 'measureLabel' | 'unit'>;
const MEASURES: Base[] = [
  { measure: 'density', measureLabel: 'Population density', unit: 'people per km²' },
  { measure: 'need_pct', measureLabel: 'Need prevalence', unit: '% of residents' },
  { measure: 'uptake_ratio', measureLabel: 'Uptake ratio', unit: 'ratio' },
];
const METHODS: Exclude<ClassMethod, 'manual'>[] = ['quantile', 'equal', 'ckmeans'];
const RAMPS = ['YlGnBu', 'OrRd', 'Viridis'];
/** Repeat i: measure i mod 3, 5/7/9 classes by i div 3, so no two repeats share a classification. */
const choiceAt = (method: ClassMethod, i: number): [Base, GraduatedChoice] => [
  MEASURES[i % 3],
  { method, classCount: [5, 7, 9][Math.floor(i / 3) % 3], ramp: RAMPS[i % 3] },
];

interface Path {
  name: string;
  classify(features: Feature[], base: Base, choice: GraduatedChoice): GraduatedStyle;
  layers(style: GraduatedStyle): Layer[];
  /** Exact Ckmeans over 190k areas takes seconds: fewer repeats keep the bench short. */
  ckmeansRepeats: number;
}

export interface Timing { classify: number[]; update: number[]; draw: number[] }
export interface PathResult { name: string; firstUpdate: number; firstDraw: number; methods: Record<string, Timing>; pan: number[] }
export interface PageResult { areas: number; vertices: number; generateMs: number; result: PathResult; pixelsBase64: string }

async function run() {
  const t0 = performance.now();
  const areas = syntheticAreas(COUNT, VERTICES);
  const generateMs = performance.now() - t0;
  const features = areas.features as Feature[];
  // A frame is split into the update (the layer manager run at once after
  // setProps: tessellation, attributes, texture writes on the CPU) and the
  // draw (→ onAfterRender plus gl.finish, so the software GPU's backlog never
  // leaks into the next frame's timing).
  let resolveDraw: ((draw: number) => void) | null = null;
  let before = 0;
  let capturing = false;
  let captured = new Uint8Array(0);
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
      if (capturing) {
        captured = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
        gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, captured);
      }
      resolveDraw?.(end - before);
      resolveDraw = null;
    },
  } as never);
  const manager = () => (deck as unknown as { layerManager: { updateLayers(): void } | null }).layerManager;
  const show = async (layers: Layer[]) => {
    while (!manager()) await new Promise((r) => setTimeout(r, 20));
    const drawn = new Promise<number>((r) => (resolveDraw = r));
    const t = performance.now();
    deck.setProps({ layers });
    manager()!.updateLayers();
    const update = performance.now() - t;
    return { update, draw: await drawn };
  };
  // Wait until the (software) GPU has caught up: two quick frames in a row.
  const settle = async () => {
    const started = performance.now();
    let last = await new Promise<number>((r) => requestAnimationFrame(r));
    for (let quick = 0; quick < 2 && performance.now() - started < 120_000; ) {
      const now = await new Promise<number>((r) => requestAnimationFrame(r));
      quick = now - last < 50 ? quick + 1 : 0;
      last = now;
    }
  };

  const def = (style: GraduatedStyle): LayerDef => ({
    id: 'areas', title: 'Areas', subtitle: '', source: { method: 'getAreaLayer', input: { level: 'OA' } },
    style, drawnBy: 'deck', visible: true, opacity: 0.85, interactive: true,
  });
  const path: Path =
    PATH === 'old'
      ? { name: 'per-vertex colours (old)', classify: legacyBuildGraduated, layers: (s) => [legacyAreaLayer('areas-old', s, areas)], ckmeansRepeats: Math.min(REPEATS, 3) }
      : { name: 'feature-colour texture (new)', classify: buildGraduated, layers: (s) => deckLayersFor(def(s), { areas, sites: [] }, { selectedCode: null, dataVersion: 0 }), ckmeansRepeats: REPEATS };

  await settle();
  console.log(`[bench] ${path.name}: first build`);
  const first = await show(path.layers(path.classify(features, MEASURES[0], { method: 'quantile', classCount: 5, ramp: 'YlGnBu' })));
  const methods: Record<string, Timing> = {};
  for (const method of METHODS) {
    console.log(`[bench] ${path.name}: ${method}`);
    const t: Timing = { classify: [], update: [], draw: [] };
    for (let i = 1; i <= (method === 'ckmeans' ? path.ckmeansRepeats : REPEATS); i++) {
      await settle();
      const start = performance.now();
      const style = path.classify(features, ...choiceAt(method, i));
      t.classify.push(performance.now() - start);
      const frame = await show(path.layers(style));
      t.update.push(frame.update);
      t.draw.push(frame.draw);
    }
    methods[method] = t;
  }
  // Panning: a new view state re-projects on the GPU, with no attribute work.
  const pan: number[] = [];
  for (let i = 0; i < 3; i++) {
    await settle();
    const drawn = new Promise<number>((r) => (resolveDraw = r));
    deck.setProps({ initialViewState: { longitude: -2 + 0.2 * (i + 1), latitude: 54.2, zoom: 5.2 } });
    pan.push(await drawn);
  }
  deck.setProps({ initialViewState: { longitude: -2, latitude: 54.2, zoom: 5.2 } });
  await settle();
  capturing = true;
  await show(path.layers(path.classify(features, ...choiceAt('quantile', 0))));
  capturing = false;
  const vertices = features.reduce((n, f) => n + (f.geometry as GeoJSON.Polygon).coordinates[0].length, 0);
  // Base64 crosses page.evaluate far faster than an array of 4M numbers.
  let binary = '';
  for (let i = 0; i < captured.length; i += 0x8000) binary += String.fromCharCode(...captured.subarray(i, i + 0x8000));
  const result: PathResult = { name: path.name, firstUpdate: first.update, firstDraw: first.draw, methods, pan };
  window.__bench = { areas: COUNT, vertices, generateMs, result, pixelsBase64: btoa(binary) } satisfies PageResult;
  deck.finalize();
}

run().catch((e: unknown) => (window.__benchError = e instanceof Error ? `${e.message}\n${e.stack}` : String(e)));
