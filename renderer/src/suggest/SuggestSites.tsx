// "Suggest sites" in the what-if panel: k new sites for a mode and minutes,
// chosen among area points, road nodes or the analyst's own CSV list (the
// same run as `cgm suggest`). Suggestions come back as proposals the analyst
// keeps (they become what-if sites, undoable like any other) or drops. A long
// run shows the services' progress and can be cancelled.
import { useEffect, useId, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { api, CancelledError } from '../api/client';
import type { AnalysisView, Mode } from '../map/use-analysis';
import { rememberSuggestion, type SuggestRequest } from './last-suggestion';
import './suggest.css';

type Suggestion = MethodOutput<'suggestSites'>;
type Suggested = Suggestion['sites'][number];
type CandidateChoice = 'areas' | 'nodes' | 'list';

const pct = (n: number) => `${n.toFixed(1)}%`;
const label = (s: Suggested) => `Suggested ${s.rank}: ${s.name ?? (s.source === 'node' ? `road node ${s.candidate}` : s.candidate)}`;

export function SuggestSites({ view }: { view: AnalysisView }) {
  const id = useId();
  const choice = view.choice!;
  const [mode, setMode] = useState<Mode>(choice.mode);
  const [minutes, setMinutes] = useState('15');
  const [k, setK] = useState('3');
  const [source, setSource] = useState<CandidateChoice>('areas');
  const [list, setList] = useState<{ name: string; text: string } | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [result, setResult] = useState<Suggestion | null>(null);
  const [pending, setPending] = useState<Suggested[]>([]);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function run() {
    const m = Number(minutes);
    const n = Number(k);
    if (!(m > 0 && m <= 240)) return setError('Minutes must be a number above 0 and at most 240.');
    if (!Number.isInteger(n) || n < 1 || n > 50) return setError('The number of sites must be a whole number from 1 to 50.');
    if (source === 'list' && !list) return setError('Choose a CSV file of candidate places (name, lat, lon).');
    // Sites are chosen to cover unmet need, which needs a need indicator (an access-only project has none yet).
    if (!choice.indicator) return setError('Suggesting sites covers unmet need: import risk rates (a need indicator) first.');
    const candidates = source === 'list' ? list! : source;
    const request: SuggestRequest = { service: choice.service, indicator: choice.indicator, mode, minutes: m, k: n, candidates, ...(choice.base ? { base: choice.base } : {}) };
    setError(null);
    setResult(null);
    setPending([]);
    setRunning(true);
    setProgress('Starting…');
    const abort = new AbortController();
    controller.current = abort;
    const stop = api.onProgress((e) => e.message.startsWith('Travel-time searches') || e.message.startsWith('Finding') ? setProgress(e.message) : undefined);
    try {
      const answer = await api.call('suggestSites', request, { signal: abort.signal });
      rememberSuggestion(request);
      setResult(answer);
      setPending(answer.sites);
    } catch (e) {
      if (!(e instanceof CancelledError)) setError(e instanceof Error ? e.message : String(e));
      else setProgress('Cancelled.');
    } finally {
      stop();
      controller.current = null;
      setRunning(false);
    }
  }

  const keep = (sites: Suggested[]) => {
    const added = sites.map((s) => ({ id: 0, service: '', name: label(s), type: 'proposed', lon: s.lon, lat: s.lat, openingHours: null, proposed: true }));
    void view.saveProposed([...view.proposed, ...added]);
    setPending((p) => p.filter((x) => !sites.includes(x)));
  };
  const drop = (site: Suggested) => setPending((p) => p.filter((x) => x !== site));

  return (
    <div className="suggest" aria-labelledby={`${id}-h`} role="group">
      <h4 id={`${id}-h`} className="suggest__title">Suggest sites</h4>
      <div className="suggest__form">
        <label>
          Mode
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)} disabled={running}>
            <option value="walk">Walk</option>
            <option value="drive">Drive</option>
          </select>
        </label>
        <label>
          Within (minutes)
          <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} disabled={running} />
        </label>
        <label>
          Sites
          <input type="number" min={1} max={50} value={k} onChange={(e) => setK(e.target.value)} disabled={running} />
        </label>
        <label>
          Candidates
          <select value={source} onChange={(e) => setSource(e.target.value as CandidateChoice)} disabled={running}>
            <option value="areas">Area points</option>
            <option value="nodes">Road nodes (one per 200 m)</option>
            <option value="list">My list (CSV: name, lat, lon)</option>
          </select>
        </label>
        {source === 'list' && (
          <label>
            Candidate list
            <input
              type="file"
              accept=".csv,.txt,text/csv"
              disabled={running}
              onChange={async (e) => {
                const file = e.target.files?.[0];
                setList(file ? { name: file.name, text: await file.text() } : null);
              }}
            />
          </label>
        )}
      </div>
      <div className="suggest__buttons">
        {running ? (
          <button type="button" className="text-button" onClick={() => controller.current?.abort()}>Cancel suggestion</button>
        ) : (
          <button type="button" className="text-button text-button--on" onClick={() => void run()}>Suggest sites</button>
        )}
      </div>
      {running && progress && <p className="suggest__progress" role="status">{progress}</p>}
      {!running && progress === 'Cancelled.' && !result && <p className="suggest__progress" role="status">Suggestion cancelled.</p>}
      {error && <p className="field__error" role="alert">{error}</p>}
      {result && (
        <div className="suggest__result">
          <p className="suggest__summary" role="status">
            Existing sites reach {pct(result.coveredByExistingPct)} of need within {result.minutes} min
            {result.sites.length ? `; with ${result.sites.length} more, ${pct(result.sites.at(-1)!.coveredPct)}.` : '; no candidate adds any.'}
          </p>
          {pending.length > 0 && (
            <>
              <ul className="suggest__list" aria-label="Suggested sites">
                {pending.map((s) => (
                  <li key={s.rank} className="suggest__site" data-rank={s.rank}>
                    <span className="suggest__name">{label(s)}</span>
                    <span className="suggest__gain">+{s.addedNeed.toFixed(1)} need ({pct(s.coveredPct)} covered)</span>
                    <span className="whatif__actions">
                      <button type="button" className="text-button" onClick={() => keep([s])} aria-label={`Keep ${label(s)} as a proposed site`}>Keep</button>
                      <button type="button" className="text-button" onClick={() => drop(s)} aria-label={`Drop ${label(s)}`}>Drop</button>
                    </span>
                  </li>
                ))}
              </ul>
              {pending.length > 1 && <button type="button" className="text-button" onClick={() => keep(pending)}>Keep all</button>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
