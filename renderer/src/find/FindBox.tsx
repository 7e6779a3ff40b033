// Find, in the header: an area by code or name (any level) or a postcode from
// the project's directory. Suggestions come as the analyst types; arrows move
// through them, Enter picks, Escape closes (then clears). Picking selects the
// area on the map (a postcode: the area it lies in) and zooms to it.
import { useEffect, useId, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FindResult } from '../../../shared/contract';
import { api } from '../api/client';
import type { LoadedProject } from '../project/types';
import { selectAreas } from '../selection/selection-store';
import { boundsOfAreas } from './area-bounds';
import { useFindShortcut } from './use-find-shortcut';
import './find.css';

interface Props {
  project: LoadedProject;
  map: MapLibreMap | null;
}

const SUGGESTIONS = 8;
/** Close enough to see the streets around a postcode. */
const POSTCODE_ZOOM = 15;

function describe(r: FindResult): string {
  if (r.kind === 'postcode') {
    const where = r.name ?? r.areaCodes[0];
    return `postcode${where ? ` in ${where}` : ', outside the mapped areas'}${r.status ? ` (${r.status})` : ''}`;
  }
  const parts = [r.level, r.name ? r.code : null, r.areaCodes.length > 1 ? `${r.areaCodes.length} areas` : null];
  return parts.filter(Boolean).join(' · ');
}

const motion = () => (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : 500);

export function FindBox({ project, map }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [results, setResults] = useState<FindResult[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState('');
  /** The text the shown results answer, so "nothing matches" is never said of an older text. */
  const [answered, setAnswered] = useState('');
  useFindShortcut(input);

  // Asked after a short pause, and only the latest answer counts.
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setResults([]);
      setMessage('');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.call('findInProject', { text: query, level: project.level, limit: SUGGESTIONS }, { signal: controller.signal }).then(
        ({ results: found }) => {
          setResults(found);
          setAnswered(query);
          setActive(found.length ? 0 : -1);
          setMessage(found.length ? `${found.length} match${found.length === 1 ? '' : 'es'}` : `Nothing in the project matches “${query}”.`);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setResults([]);
          setAnswered(query);
          setMessage(e instanceof Error ? e.message : String(e));
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, project.level]);

  function pick(r: FindResult) {
    setOpen(false);
    setText(r.kind === 'postcode' ? r.code : (r.name ?? r.code));
    if (r.areaCodes.length === 0) {
      setMessage(`${r.code} lies outside the mapped areas.`);
    } else {
      const label = r.areaCodes.length > 1 ? `${r.name ?? r.code}: ${r.areaCodes.length} areas` : null;
      selectAreas(r.areaCodes, 'map', label, `find:${r.code}`);
      setMessage(`Selected ${r.kind === 'postcode' ? `the area of ${r.code}` : (r.name ?? r.code)}.`);
    }
    if (!map) return;
    // The selection opens the area panel beside the map, which narrows it: move the camera once the map has its
    // new size, or the flight ends centred on where the middle used to be.
    requestAnimationFrame(() => {
      map.resize();
      if (r.point) {
        map.flyTo({ center: r.point, zoom: Math.max(map.getZoom(), POSTCODE_ZOOM), duration: motion() });
        return;
      }
      const bounds = boundsOfAreas(project.areas, r.areaCodes);
      if (bounds) map.fitBounds(bounds, { padding: 80, maxZoom: 16, duration: motion() });
    });
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      if (results.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (e.key === 'Enter') {
      const chosen = results[active] ?? results[0];
      if (chosen && text.trim()) {
        e.preventDefault();
        pick(chosen);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open && results.length) setOpen(false);
      else {
        setText('');
        input.current?.blur();
      }
    }
  }

  const listId = `${id}-list`;
  const shown = open && text.trim() !== '' && results.length > 0;
  return (
    <div className="find-box" role="search">
      <label htmlFor={`${id}-input`} className="find-box__label">
        Find
      </label>
      <input
        id={`${id}-input`}
        ref={input}
        className="find-box__input"
        type="search"
        value={text}
        placeholder="Area, code or postcode"
        title="Find an area by code or name, or a postcode (Ctrl+F or /)"
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-status`}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Matches" className="find-box__list" hidden={!shown}>
        {results.map((r, i) => (
          <li
            key={`${r.kind}-${r.level}-${r.code}`}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'find-box__option is-active' : 'find-box__option'}
            // Chosen on mousedown, before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(r);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="find-box__main">{r.kind === 'area' ? (r.name ?? r.code) : r.code}</span>
            <span className="find-box__detail">{describe(r)}</span>
          </li>
        ))}
      </ul>
      {open && results.length === 0 && answered !== '' && answered === text.trim() && <p className="find-box__empty">{message}</p>}
      <span id={`${id}-status`} className="find-box__status" role="status" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
