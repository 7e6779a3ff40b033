// What an import did: rows read, imported, rejected by reason and the
// warnings, or the importer's own error text (it names file, row, field, value).
import type { ImportSummaryResult } from '../../../shared/contract';
import { KIND_LABELS } from './fields';

export type Outcome = { ok: true; summary: ImportSummaryResult } | { ok: false; error: string; cancelled: boolean };

const n = (x: number) => x.toLocaleString('en-GB');
const MAX_WARNINGS = 20;

export function ImportResult({ outcome }: { outcome: Outcome }) {
  if (!outcome.ok) {
    return outcome.cancelled ? (
      <div className="import-result import-result--cancelled" role="status">
        <h3>Import cancelled</h3>
        <p>Nothing was changed: the project is exactly as it was before.</p>
      </div>
    ) : (
      <div className="import-result import-result--failed" role="alert">
        <h3>The file was not imported</h3>
        <p className="import-result__error">{outcome.error}</p>
        <p className="import-result__hint">The project is unchanged. Correct the file or the column choices and try again.</p>
      </div>
    );
  }
  const s = outcome.summary;
  const rejected = Object.entries(s.rejected).filter(([, count]) => count > 0);
  const rejectedTotal = rejected.reduce((sum, [, count]) => sum + count, 0);
  const unit = s.kind === 'roads' ? 'ways' : s.kind === 'boundaries' ? 'features' : 'rows';
  return (
    <div className="import-result import-result--done" role="status">
      <h3>
        Imported {n(s.imported)} of {n(s.rowsRead)} {unit}
      </h3>
      <dl className="import-result__facts">
        <dt>Imported as</dt>
        <dd>
          {KIND_LABELS[s.kind]}: {s.dataset}
        </dd>
        <dt>From</dt>
        <dd>{s.file}</dd>
        {/* Sites are added to a service's own: say what that did to it. */}
        {s.kind === 'sites' && typeof s.details?.change === 'string' && (
          <>
            <dt>Sites</dt>
            <dd className="import-result__change">{s.details.change}</dd>
          </>
        )}
      </dl>
      {rejectedTotal > 0 && (
        <table className="import-result__rejects">
          <caption>
            {n(rejectedTotal)} rejected, by reason
          </caption>
          <tbody>
            {rejected.map(([reason, count]) => (
              <tr key={reason}>
                <th scope="row">{reason}</th>
                <td>{n(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.warnings.length > 0 && (
        <div className="import-result__warnings">
          <h4>Warnings</h4>
          <ul>
            {s.warnings.slice(0, MAX_WARNINGS).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
          {s.warnings.length > MAX_WARNINGS && <p>…and {n(s.warnings.length - MAX_WARNINGS)} more.</p>}
        </div>
      )}
    </div>
  );
}
