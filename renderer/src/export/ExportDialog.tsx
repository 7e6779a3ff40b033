// The export dialog: five kinds of export as tabs, the project's disclosure
// rule stated once at the top, and one Export button. The file comes back as
// bytes and is downloaded; the dialog stays open for the next export. A modal:
// focus stays inside and Escape closes it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ExportFileResult, ProjectReadiness, SavedViewRow } from '../../../shared/contract';
import { api, CancelledError } from '../api/client';
import { useFocusTrap } from '../import/use-focus-trap';
import { GeoPackageForm, LayerForm, ReportForm, TableForm, type ExportLayerOption } from './DataForms';
import { formatBytes } from '../tables/format';
import { canDownloadNow, downloadExport, pngSize } from './download';
import { buildExportRequest, emptyForm, exportWaiting, type ExportChoice, type ExportForm, type ExportRequest, type ExportTab } from './export-request';
import { PngForm, type LayerOption } from './PngForm';
import { ReviewForm } from './ReviewForm';
import { lastSuggestion } from '../suggest/last-suggestion';
import { WhatIfChoice } from './WhatIfChoice';
import { ComparatorPicker, useComparators } from '../tables/ComparatorPicker';

const TABLE_ORDER = ['gaps', 'profile', 'bands', 'strata'] as const;

const TABS: { id: ExportTab; label: string }[] = [
  { id: 'png', label: 'Map image' },
  { id: 'table', label: 'Table' },
  { id: 'layer', label: 'Layer' },
  { id: 'gpkg', label: 'GeoPackage' },
  { id: 'review', label: 'Review & sites' },
  { id: 'report', label: 'Report' },
];

interface Props {
  choice: ExportChoice;
  /** The note the services attach to disclosed exports; null while it is being read. */
  disclosureNote: string | null;
  views: SavedViewRow[];
  pngLayers: LayerOption[];
  /** The area fill the map shows now, so "Map image" starts with it. */
  currentLayer: string;
  exportLayers: ExportLayerOption[] | null;
  /** What the project holds, so the tables and layers it cannot make yet say why; null while read. */
  readiness: ProjectReadiness | null;
  onSaveView: ((name: string) => Promise<void>) | null;
  onClose(): void;
  /** Proposed sites the map counts as open: the files count them too unless the analyst says otherwise. */
  proposedSites?: number;
}

/** `late`: it finished after the Export click's activation expired, so the browser may have blocked the download (download.ts canDownloadNow). */
type Outcome = { ok: true; file: ExportFileResult; pixels: { width: number; height: number } | null; late: boolean } | { ok: false; error: string } | { ok: false; cancelled: true };

/** One call per kind, so each input keeps its own contract type. */
function callExport(r: ExportRequest, signal: AbortSignal): Promise<ExportFileResult> {
  switch (r.method) {
    case 'exportPng':
      return api.call('exportPng', r.input, { signal });
    case 'exportTable':
      return api.call('exportTable', r.input, { signal });
    case 'exportLayer':
      return api.call('exportLayer', r.input, { signal });
    case 'exportGeoPackage':
      return api.call('exportGeoPackage', r.input, { signal });
    case 'exportReport':
      return api.call('exportReport', r.input, { signal });
    case 'exportReview':
      return api.call('exportReview', r.input, { signal });
    case 'exportSuggestions':
      return api.call('exportSuggestions', r.input, { signal });
  }
}

function choiceSummary(c: ExportChoice): string {
  const parts = [c.service, c.indicator, c.mode && (c.mode === 'walk' ? 'walking' : 'driving'), c.scheme && `segments: ${c.scheme}${c.segmentLevel ? ` ${c.segmentLevel}s` : ''}`, c.transit && `public transport ${c.transit.date}, leaving ${c.transit.depart}`].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'the project’s defaults';
}

export function ExportDialog({ choice, disclosureNote, views, pngLayers, currentLayer, exportLayers, readiness, onSaveView, onClose, proposedSites = 0 }: Props) {
  const waiting = (name: string) => exportWaiting(name, choice, readiness);
  const dialog = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<ExportTab>('png');
  const [form, setForm] = useState<ExportForm>(() => {
    const f = emptyForm();
    return { ...f, png: { ...f.png, layer: currentLayer, view: views[0]?.name ?? '' }, review: { ...f.review, suggestion: lastSuggestion() } };
  });
  const [countProposed, setCountProposed] = useState(true);
  const comparators = useComparators(choice.scheme ?? null, '');
  const [running, setRunning] = useState(false);
  const [started, setStarted] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Closing the dialog cancels its export and drops any result; a map image or report stops
  // drawing at once, the quick table and layer files just finish unseen.
  const open = useRef(true);
  const exporting = useRef<AbortController | null>(null);
  useEffect(() => {
    // Set on every mount: React's development checks unmount and mount once more, and a
    // ref left false by that first cleanup dropped every finished export (no download).
    open.current = true;
    return () => {
      open.current = false;
      exporting.current?.abort();
    };
  }, []);

  // The layer lists (and what the project holds) arrive after the dialog opens: start from
  // the first layer and table that can be made, and the analysis layers.
  useEffect(() => {
    if (!exportLayers?.length) return;
    const can = exportLayers.filter((l) => !waiting(l.name));
    setForm((f) => ({
      ...f,
      layer: f.layer && !waiting(f.layer) ? f.layer : (can.find((l) => l.name === 'gaps') ?? can.find((l) => l.name === 'isochrones') ?? can[0] ?? exportLayers[0]).name,
      gpkgLayers: f.gpkgLayers.length ? f.gpkgLayers.filter((n) => !waiting(n)) : can.filter((l) => l.kind === 'analysis').map((l) => l.name).slice(0, 2),
      table: waiting(f.table) ? (TABLE_ORDER.find((t) => !waiting(t)) ?? f.table) : f.table,
    }));
  }, [exportLayers, readiness]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running, started]);

  useFocusTrap(dialog, onClose);

  async function runExport() {
    const built = buildExportRequest(tab, form, { ...choice, ...(proposedSites > 0 && countProposed ? { includeProposed: true } : {}) }, readiness);
    if (!built.ok) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    setOutcome(null);
    setStarted(Date.now());
    setElapsed(0);
    setRunning(true);
    const controller = new AbortController();
    exporting.current = controller;
    try {
      const file = await callExport(built.request, controller.signal);
      if (!open.current) return;
      const late = !canDownloadNow();
      downloadExport(file);
      setOutcome({ ok: true, file, pixels: pngSize(file), late });
    } catch (error) {
      if (!open.current) return;
      if (error instanceof CancelledError) setOutcome({ ok: false, cancelled: true });
      else setOutcome({ ok: false, error: error instanceof Error ? error.message : String(error) });
    } finally {
      exporting.current = null;
      if (open.current) setRunning(false);
    }
  }

  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects.
  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length];
    setTab(target.id);
    setProblem(null);
    dialog.current?.querySelector<HTMLElement>(`#export-tab-${target.id}`)?.focus();
  }

  const patch = (p: Partial<ExportForm>) => {
    setForm((f) => ({ ...f, ...p }));
    setProblem(null);
  };

  return (
    <div className="import-backdrop">
      <div ref={dialog} className="import-dialog export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" aria-describedby="export-disclosure" tabIndex={-1}>
        <header className="import-dialog__header">
          <h2 id="export-title">Export</h2>
          <button type="button" className="icon-button import-dialog__close" aria-label="Close the export dialog" onClick={onClose}>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path d="M2 2l10 10M12 2L2 12" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        </header>

        <div className="export-tabs" role="tablist" aria-label="What to export">
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`export-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls="export-panel"
              tabIndex={tab === t.id ? 0 : -1}
              className="export-tab"
              onClick={() => {
                setTab(t.id);
                setProblem(null);
              }}
              onKeyDown={onTabKey}
              {...(tab === t.id ? { 'data-autofocus': true } : {})}
            >
              {t.label}
            </button>
          ))}
        </div>

        <div className="import-dialog__body export-dialog__body">
          <p id="export-disclosure" className="import-note export-disclosure">
            <strong>Disclosure control applies to every export.</strong> Service-user counts follow the project’s rule:{' '}
            {disclosureNote ?? 'small counts shown as *, other counts rounded to 5.'} The same note is written into each file.
          </p>
          <div id="export-panel" role="tabpanel" aria-labelledby={`export-tab-${tab}`} className="export-panel">
            {tab === 'png' && (
              <PngForm png={form.png} onChange={(png) => patch({ png })} views={views} layers={pngLayers} onSaveView={onSaveView} disabled={running} />
            )}
            {tab === 'table' && <TableForm value={form.table} onChange={(table) => patch({ table })} disabled={running} waiting={waiting} />}
            {tab === 'layer' && <LayerForm value={form.layer} onChange={(layer) => patch({ layer })} disabled={running} layers={exportLayers} waiting={waiting} />}
            {tab === 'gpkg' && <GeoPackageForm value={form.gpkgLayers} onChange={(gpkgLayers) => patch({ gpkgLayers })} disabled={running} layers={exportLayers} waiting={waiting} />}
            {tab === 'report' && <ReportForm value={form.report} onChange={(report) => patch({ report })} disabled={running} />}
            {((tab === 'table' && form.table === 'profile') || tab === 'report') && <ComparatorPicker names={comparators} value={form.comparator} onChange={(comparator) => patch({ comparator })} />}
            {tab === 'review' && <ReviewForm value={form.review} onChange={(review) => patch({ review })} disabled={running} />}
            {tab !== 'review' && <WhatIfChoice proposedSites={proposedSites} counted={countProposed} onChange={setCountProposed} imageOnly={tab === 'png'} disabled={running} />}
            {(tab !== 'png' || form.png.source === 'layer') && <p className="export-hint export-choice">For {choiceSummary(choice)}, as chosen in the analysis panel.</p>}
          </div>
          <ExportStatus
            running={running}
            png={tab === 'png'}
            elapsed={elapsed}
            outcome={outcome}
            onSave={downloadExport}
          />
        </div>

        <footer className="import-dialog__footer">
          {problem && (
            <p className="import-dialog__missing" role="alert">
              {problem}
            </p>
          )}
          {running ? (
            <button type="button" className="dialog-button" onClick={() => exporting.current?.abort()}>
              Cancel export
            </button>
          ) : (
            <button type="button" className="dialog-button" onClick={onClose}>
              Close
            </button>
          )}
          <button type="button" className="dialog-button dialog-button--primary" onClick={() => void runExport()} disabled={running}>
            {running ? 'Exporting…' : 'Export'}
          </button>
        </footer>
      </div>
    </div>
  );
}

interface StatusProps {
  running: boolean;
  png: boolean;
  elapsed: number;
  outcome: Outcome | null;
  onSave(file: ExportFileResult): void;
}

function ExportStatus({ running, png, elapsed, outcome, onSave }: StatusProps) {
  return (
    <div className="export-status" role="status" aria-live="polite">
      {running && (
        <p className="export-running">
          <span className="export-spinner" aria-hidden="true" />
          {png ? 'Drawing the map' : 'Preparing the file'}… {elapsed > 0 ? `${elapsed} s` : ''}
          {png && <span className="export-hint"> A map image can take a minute or more; you can keep this dialog open while it draws.</span>}
        </p>
      )}
      {!running && outcome?.ok && (
        <p className="export-done">
          Downloaded <strong>{outcome.file.filename}</strong> ({formatBytes(outcome.file.sizeBytes)}
          {outcome.pixels ? `, ${outcome.pixels.width} × ${outcome.pixels.height} pixels` : ''}).
        </p>
      )}
      {!running && outcome?.ok && outcome.late && (
        <p className="export-ready">
          It took long enough that the browser may have blocked the download; if no file arrived, save it here:{' '}
          <button type="button" className="dialog-button dialog-button--primary" onClick={() => onSave(outcome.file)}>
            Save
          </button>
        </p>
      )}
      {!running && outcome && !outcome.ok && 'cancelled' in outcome && <p className="export-cancelled">Export cancelled; nothing was written.</p>}
      {!running && outcome && !outcome.ok && 'error' in outcome && (
        <p className="import-result__error export-failed" role="alert">
          The export failed: {outcome.error}
        </p>
      )}
    </div>
  );
}
