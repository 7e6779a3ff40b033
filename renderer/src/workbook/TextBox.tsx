// A workbook text box that saves itself: on leaving the box, or after a
// pause in typing. While it holds unsaved typing it is marked data-dirty, so
// Ctrl+Z there is the browser's own text undo rather than the workbook's.
import { useEffect, useRef, useState } from 'react';

interface Props {
  id: string;
  label: string;
  guidance?: string;
  value: string;
  short?: boolean;
  onSave(value: string): void;
}

const PAUSE_MS = 1500;

export function TextBox({ id, label, guidance, value, short, onSave }: Props) {
  const [draft, setDraft] = useState(value);
  const dirty = draft !== value;
  const timer = useRef<number | undefined>(undefined);
  const focused = useRef(false);

  // The stored text changed (undo, redo, another window): show it unless the analyst is mid-edit.
  useEffect(() => {
    if (!focused.current || !dirty) setDraft(value);
    // Only a change of the stored value should replace the draft.
  }, [value]);

  const commit = () => {
    window.clearTimeout(timer.current);
    if (draft !== value) onSave(draft);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const common = {
    id,
    value: draft,
    'data-dirty': dirty ? 'true' : 'false',
    'aria-describedby': guidance ? `${id}-help` : undefined,
    onFocus: () => (focused.current = true),
    onBlur: () => {
      focused.current = false;
      commit();
    },
    onChange: (e: React.ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) => {
      setDraft(e.target.value);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => onSave(e.target.value), PAUSE_MS);
    },
  };

  return (
    <div className="wb-field">
      <label htmlFor={id} className="wb-field__label">{label}</label>
      {guidance && <p id={`${id}-help`} className="wb-field__help">{guidance}</p>}
      {short ? <input type="text" className="wb-input" {...common} /> : <textarea className="wb-textarea" rows={3} {...common} />}
    </div>
  );
}
