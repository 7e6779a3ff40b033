// The print composition: title and subtitle, the map (drawn to a 2D canvas in
// tiles, over the project's tile base map where it has one), the app's own
// <Legend>, scale bar, north arrow, and a footer with the data date, the
// sources of the layers and base map shown and the disclosure rule. Laid out
// in CSS pixels; the exporter's devicePixelRatio makes it the size asked for.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { api } from '../api/client';
import { formatDataDate } from '../../../shared/import/data-date';
import { Legend } from '../legend/Legend';
import { AREA_FILL_TYPES } from '../layers/types';
import { ScaleBar } from './ScaleBar';
import { NorthArrow } from './NorthArrow';
import type { PrintParams } from './params';
import { deviceBox, publish, publishError, type Box } from './print-api';
import { loadPrintBasemap, withTileCredit, type PrintBasemap } from './print-basemap';
import { loadPrintLayers, type PrintLayers } from './print-layers';
import { drawPrintMap, printCamera } from './print-map';
import { metresPerPixel, projectPoint, type Camera } from './mercator';
import { whatIfSentence } from '../../../shared/analysis/what-if';

type Credits = MethodOutput<'getMapCredits'>;

interface Loaded {
  print: PrintLayers;
  basemap: PrintBasemap;
  /** The tile file's credit included when it is drawn. */
  credits: Credits;
  dataMs: number;
}

const longDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

function headings(params: PrintParams, { print }: Loaded): { title: string; subtitle: string } {
  // What the map is about, as presentation mode names a view: the topmost area fill, else the topmost thematic layer.
  const shown = [...print.layers].reverse().filter((l) => l.visible && l.drawnBy === 'deck');
  const main =
    (params.layer ? print.layers.find((l) => l.id === params.layer) : undefined) ??
    shown.find((l) => AREA_FILL_TYPES.includes(l.style.type)) ??
    shown.find((l) => l.style.type !== 'site-symbols' && l.style.type !== 'proposed-sites') ??
    shown[0];
  const title = params.title ?? (print.view ? (print.view.payload.title ?? print.view.name) : (main?.title ?? print.project.info.name));
  // A layer print is titled with the layer, so its subtitle says what the layer is; a view's names the layer too.
  const about = !main ? 'Base map' : params.layer && !params.title ? main.subtitle : `${main.title} — ${main.subtitle}`;
  return { title, subtitle: params.subtitle ?? `${print.project.info.name} · ${about}` };
}

/** Credits one after another, each ended with one full stop (some already carry their own). */
const sentences = (credits: string[]) => credits.map((c, i) => (i < credits.length - 1 && !/[.!?]$/.test(c) ? `${c}.` : c)).join(' ');

/** Shrinks the legend (CSS zoom) until it fits its column, so nothing is cut off. */
function fitLegend(column: HTMLElement | null): void {
  const legend = column?.firstElementChild as HTMLElement | null;
  if (!column || !legend) return;
  legend.style.zoom = '1';
  const room = column.clientHeight;
  const needed = legend.scrollHeight;
  if (needed > room) legend.style.zoom = String(Math.max(0.5, room / needed));
}

export function PrintPage({ params }: { params: PrintParams }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [step, setStep] = useState('Opening the project…');
  const [error, setError] = useState<string | null>(null);
  const [map, setMap] = useState<{ box: Box; offset: [number, number]; camera: Camera } | null>(null);
  const slot = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const legendColumn = useRef<HTMLDivElement>(null);
  const s = params.scale;

  useEffect(() => {
    const started = performance.now();
    (async () => {
      const print = await loadPrintLayers(params, setStep);
      const basemap = await loadPrintBasemap();
      const sources = print.layers.filter((l) => l.visible).map((l) => ({ method: l.source.method, input: { ...l.source.input } as Record<string, unknown> }));
      const credits = await api.call('getMapCredits', { sources });
      setLoaded({ print, basemap, credits: { ...credits, attributions: withTileCredit(credits.attributions, basemap) }, dataMs: performance.now() - started });
    })().catch((e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
      publishError(e);
    });
  }, [params]);

  // Once laid out: the map's box in whole device pixels, and the legend fitted to its column.
  useLayoutEffect(() => {
    if (!loaded || !slot.current) return;
    fitLegend(legendColumn.current);
    const rect = slot.current.getBoundingClientRect();
    const box = deviceBox(rect, s);
    setMap({ box, offset: [box.x / s - rect.left, box.y / s - rect.top], camera: printCamera(loaded.print, box.width / s, box.height / s) });
  }, [loaded, s]);

  useEffect(() => {
    if (!loaded || !map || !canvas.current || !host.current) return;
    const started = performance.now();
    drawPrintMap({ print: loaded.print, basemapTiles: loaded.basemap.tiles, camera: map.camera, box: map.box, scale: s, maxTileEdge: params.tileEdge, host: host.current, target: canvas.current })
      .then(({ tiles, labels }) => {
        const { title, subtitle } = headings(params, loaded);
        const legend = legendColumn.current?.firstElementChild?.getBoundingClientRect();
        publish({
          width: params.width,
          height: params.height,
          scale: s,
          mapBox: map.box,
          camera: map.camera,
          legendBox: legend ? deviceBox(legend, s) : { x: 0, y: 0, width: 0, height: 0 },
          tiles,
          // In the PNG's pixels, as every other box here.
          labels: labels.map((l) => ({ ...l, box: { ...l.box, x: l.box.x + map.box.x, y: l.box.y + map.box.y } })),
          text: { title, subtitle, attributions: loaded.credits.attributions, disclosure: loaded.credits.disclosureNote, dataDate: loaded.credits.dataDate, footer: document.querySelector('.print-footer')?.textContent ?? '' },
          layers: loaded.print.layers.filter((l) => l.visible).map((l) => l.id),
          basemap: { tileFile: loaded.basemap.tiles?.info.path ?? null, problem: loaded.basemap.problem },
          timings: { dataMs: loaded.dataMs, mapMs: performance.now() - started },
          project: (lon, lat) => drawnAt(map, s, lon, lat),
        });
      })
      .catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        publishError(e);
      });
  }, [loaded, map, params, s]);

  const rootStyle = { width: params.width / s, height: params.height / s };
  if (error || !loaded) {
    return (
      <div className="print print--status" style={rootStyle}>
        <p role={error ? 'alert' : 'status'}>{error ?? step}</p>
      </div>
    );
  }
  const { title, subtitle } = headings(params, loaded);
  const { credits } = loaded;
  const whatIf = whatIfSentence(loaded.print.proposedCounted);
  return (
    <div className="print" style={rootStyle}>
      <header className="print-header">
        <div>
          <h1 className="print-title">{title}</h1>
          <p className="print-subtitle">{subtitle}</p>
        </div>
        <p className="print-date">{credits.dataDate ? `Data as of ${formatDataDate(credits.dataDate)}` : 'Data date not recorded'}</p>
      </header>
      <div className="print-map" ref={slot}>
        <canvas
          ref={canvas}
          className="print-map__image"
          style={map ? { left: map.offset[0], top: map.offset[1], width: map.box.width / s, height: map.box.height / s } : undefined}
        />
        {map && <NorthArrow />}
        {map && <ScaleBar metresPerPixel={metresPerPixel(map.camera)} />}
      </div>
      <aside className="print-legend" ref={legendColumn}>
        <Legend layers={loaded.print.layers} />
      </aside>
      <footer className="print-footer">
        {whatIf && <p className="print-footer__whatif"><strong>{whatIf}</strong></p>}
        <p className="print-footer__sources">
          <strong>Sources: </strong>
          {credits.attributions.length ? sentences(credits.attributions) : 'The analyst’s own data.'}
        </p>
        <p className="print-footer__disclosure">
          <strong>Disclosure control: </strong>
          {credits.disclosureNote} No figure on this map describes an individual.
        </p>
        <p className="print-footer__made">
          Produced {longDate(new Date().toISOString())} with Catchment Gap Mapper.
        </p>
      </footer>
      <div className="print-tiles" ref={host} aria-hidden="true" />
    </div>
  );
}

function drawnAt(map: { box: Box; camera: Camera }, s: number, lon: number, lat: number): [number, number] {
  const [x, y] = projectPoint(map.camera, map.box.width / s, map.box.height / s, lon, lat);
  return [map.box.x + x * s, map.box.y + y * s];
}
