// The data sections of the export dialog: a table as CSV, one layer as
// GeoJSON, several layers as a GeoPackage, and the workbook report.
import type { MethodOutput } from '../../../shared/contract';
import { EXPORT_TABLES } from '../../../shared/contract';
import { TABLE_LABELS, type ExportForm } from './export-request';

export type ExportLayerOption = MethodOutput<'listExportLayers'>[number];

interface FieldProps<T> {
  value: T;
  onChange(next: T): void;
  disabled: boolean;
  /** Why a table or layer cannot be exported yet (export-request.ts exportWaiting), or null. */
  waiting?: (name: string) => string | null;
}

const ready = () => null;

export function TableForm({ value, onChange, disabled, waiting = ready }: FieldProps<ExportForm['table']>) {
  return (
    <fieldset className="export-group">
      <legend>Table (CSV for Excel)</legend>
      {EXPORT_TABLES.map((table) => {
        const why = waiting(table);
        return (
          <label key={table} className="export-radio export-radio--described" data-table={table}>
            <input type="radio" name="export-table" value={table} checked={value === table} onChange={() => onChange(table)} disabled={disabled || why !== null} />
            <span>
              <strong>{TABLE_LABELS[table].label}</strong>
              <span className="export-hint">{why ?? TABLE_LABELS[table].hint}</span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

const layerLabel = (l: ExportLayerOption) => `${l.title}${l.kind === 'analysis' ? ' (analysis)' : ''} — ${l.geometryType.toLowerCase()}`;

export function LayerForm({ value, onChange, disabled, layers, waiting = ready }: FieldProps<string> & { layers: ExportLayerOption[] | null }) {
  if (!layers) return <p role="status">Reading the project’s layers…</p>;
  const waitingOnes = layers.map((l) => ({ l, why: waiting(l.name) })).filter((w) => w.why !== null);
  return (
    <div className="export-form">
      <label className="export-field export-field--wide">
        <span>Layer (GeoJSON, WGS 84)</span>
        <select value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
          {layers.map((l) => (
            <option key={l.name} value={l.name} disabled={waiting(l.name) !== null}>
              {layerLabel(l)}
              {waiting(l.name) !== null ? ' (not yet)' : ''}
            </option>
          ))}
        </select>
      </label>
      {waitingOnes.length > 0 && (
        <p className="export-hint" data-testid="export-layers-waiting">
          {waitingOnes.length === 1 ? '1 layer is' : `${waitingOnes.length} layers are`} not ready yet: {waitingOnes[0].why}
        </p>
      )}
      <p className="export-hint">Coordinates are longitude, latitude to 6 decimal places (about 10 cm), as RFC 7946 asks.</p>
    </div>
  );
}

export function GeoPackageForm({ value, onChange, disabled, layers, waiting = ready }: FieldProps<string[]> & { layers: ExportLayerOption[] | null }) {
  if (!layers) return <p role="status">Reading the project’s layers…</p>;
  const toggle = (name: string, on: boolean) => onChange(on ? [...value, name] : value.filter((n) => n !== name));
  return (
    <fieldset className="export-group">
      <legend>Layers for the GeoPackage ({value.length} chosen)</legend>
      <div className="export-checks">
        {layers.map((l) => (
          <label key={l.name} className="export-radio" title={waiting(l.name) ?? undefined}>
            <input type="checkbox" checked={value.includes(l.name)} onChange={(e) => toggle(l.name, e.target.checked)} disabled={disabled || waiting(l.name) !== null} />
            {layerLabel(l)}
            {waiting(l.name) !== null ? ' (not yet)' : ''}
          </label>
        ))}
      </div>
      <p className="export-hint">QGIS and ArcGIS Pro open the file directly; each layer is its own table.</p>
    </fieldset>
  );
}

export function ReportForm({ value, onChange, disabled }: FieldProps<ExportForm['report']>) {
  return (
    <fieldset className="export-group">
      <legend>Workbook report (A4, with contents and page numbers)</legend>
      <label className="export-radio">
        <input type="radio" name="report-format" checked={value === 'pdf'} onChange={() => onChange('pdf')} disabled={disabled} />
        PDF, for printing and circulating
      </label>
      <label className="export-radio">
        <input type="radio" name="report-format" checked={value === 'html'} onChange={() => onChange('html')} disabled={disabled} />
        HTML, to open in a browser or paste into a document
      </label>
    </fieldset>
  );
}
