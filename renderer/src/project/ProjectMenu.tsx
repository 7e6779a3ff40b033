// The header's Project menu: New, Open, Save As, Rename, the recent projects
// and the demo. A menu button (WAI-ARIA): Enter, Space or Down opens it on the
// first item, Up on the last; arrows, Home and End move; Escape or Tab closes
// it and focus goes back to the button.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ProjectList } from '../../../shared/contract';
import { api } from '../api/client';
import { useProjectCommands, type ProjectDialogKind } from './project-commands';

const RECENT_IN_MENU = 5;

type Item = { key: string; label: string; hint?: string; run(): void };

export function ProjectMenu() {
  const id = useId();
  const commands = useProjectCommands();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const [list, setList] = useState<ProjectList | null>(null);
  const [error, setError] = useState<string | null>(null);

  // After a switch the workspace is new, and so is this button: it takes the focus the menu had.
  useEffect(() => {
    if (commands?.takeFocus()) button.current?.focus();
  }, [commands]);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    api.call('listProjects', {}).then((l) => !cancelled && setList(l), () => {});
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => {
      cancelled = true;
      document.removeEventListener('mousedown', outside);
    };
  }, [open]);

  const items = (): Item[] => {
    const close = () => setOpen(false);
    const dialog = (kind: ProjectDialogKind) => () => {
      close();
      commands?.show(kind);
    };
    const switchTo = (call: () => Promise<{ path: string; name: string }>) => () => {
      close();
      commands?.switchTo(call).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    };
    const recent = (list?.recent ?? []).filter((r) => r.path !== list?.current).slice(0, RECENT_IN_MENU);
    return [
      { key: 'new', label: 'New project…', hint: 'Ctrl+N', run: dialog('new') },
      { key: 'open', label: 'Open project…', hint: 'Ctrl+O', run: dialog('open') },
      { key: 'saveAs', label: 'Save as…', hint: 'Ctrl+Shift+S', run: dialog('saveAs') },
      { key: 'rename', label: 'Rename…', run: dialog('rename') },
      ...recent.map((r) => ({ key: `recent:${r.path}`, label: r.name, hint: 'recent', run: switchTo(() => api.call('openProject', { path: r.path })) })),
      { key: 'demo', label: 'Open the demo project', run: switchTo(() => api.call('openDemoProject', {})) },
    ];
  };
  const shown = open ? items() : [];

  // Focus lands on the first (or last) item once the menu is drawn.
  useEffect(() => {
    if (!open) return;
    const entries = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    if (entries?.length) entries[open === 'last' ? entries.length - 1 : 0].focus();
  }, [open]);

  const closeToButton = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(entries.length - 1);
    else if (e.key === 'Escape') closeToButton();
    else if (e.key === 'Tab') return setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="project-menu">
      <button
        ref={button}
        id={`${id}-button`}
        type="button"
        className="header-button"
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((o) => (o ? false : 'first'))}
        onKeyDown={onButtonKey}
      >
        Project ▾
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} className="project-menu__list" role="menu" aria-labelledby={`${id}-button`} onKeyDown={onMenuKey}>
          {shown.map((item, i) => (
            <div key={item.key}>
              {(item.key.startsWith('recent:') && !shown[i - 1]?.key.startsWith('recent:')) || item.key === 'demo' ? <div role="separator" className="project-menu__separator" /> : null}
              <button type="button" role="menuitem" tabIndex={-1} className="project-menu__item" onClick={item.run}>
                <span>{item.label}</span>
                {item.hint && <span className="project-menu__hint">{item.hint}</span>}
              </button>
            </div>
          ))}
        </div>
      )}
      {error && (
        <p className="project-menu__error" role="alert">
          {error}{' '}
          <button type="button" className="text-button" onClick={() => setError(null)}>Dismiss</button>
        </p>
      )}
    </div>
  );
}
