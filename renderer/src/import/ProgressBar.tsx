// Progress bars of the import dialog: a file crossing to the main process
// ("Sending …"), then the import itself.
import { formatSent } from './files';
import type { Sending } from './upload';

interface BarProps {
  label: string;
  message: string;
  fraction: number | null;
  /** The import's messages gain "(42%)"; the sending message already says how far it has got. */
  showPercent?: boolean;
}

export function ProgressBar({ label, message, fraction, showPercent = true }: BarProps) {
  const pct = fraction === null ? null : Math.round(fraction * 100);
  return (
    <div className="import-progress">
      <div
        className={pct === null ? 'import-progress__track import-progress__track--unknown' : 'import-progress__track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={pct === null ? message : `${pct}%: ${message}`}
      >
        <div className="import-progress__bar" style={pct === null ? undefined : { width: `${Math.max(2, pct)}%` }} />
      </div>
      <p className="import-progress__message" aria-live="polite">
        {message}
        {showPercent && pct !== null && pct > 0 && pct < 100 ? ` (${pct}%)` : ''}
      </p>
    </div>
  );
}

/** "Sending postcodes.csv (120 of 950 MB)"; compact, with its own Stop, beside an earlier file's mapping. */
export function SendingProgress({ sending, compact = false, onStop }: { sending: Sending; compact?: boolean; onStop?(): void }) {
  // Reading has no measure of its own (a national zip takes seconds to open): the bar runs without one.
  const message = sending.reading
    ? `Reading ${sending.name}${/\.zip$/i.test(sending.name) ? ' (unzipping)' : ''}…`
    : `Sending ${sending.name} (${formatSent(sending.sent, sending.total)})`;
  const fraction = sending.reading || sending.total === 0 ? null : sending.sent / sending.total;
  const bar = <ProgressBar label="Sending progress" message={message} fraction={fraction} showPercent={false} />;
  if (!compact) return bar;
  return (
    <div className="import-sending">
      {bar}
      <button type="button" className="dialog-button" onClick={onStop}>
        Stop sending
      </button>
    </div>
  );
}
