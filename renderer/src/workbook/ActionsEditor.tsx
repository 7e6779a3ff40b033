// Section 8's table: action, timescale, responsible person; rows added and
// removed by the analyst. Each add, remove or edited cell is one undo step.
import type { WorkbookContent } from '../../../shared/contract';
import { TextCell } from './TextCell';

type Action = WorkbookContent['actions'][number];

export function ActionsEditor({ actions, onSave }: { actions: Action[]; onSave(actions: Action[], label: string): void }) {
  const update = (i: number, patch: Partial<Action>) => onSave(actions.map((a, j) => (j === i ? { ...a, ...patch } : a)), 'action edit');
  return (
    <div className="wb-actions">
      <table className="data-table wb-actions__table">
        <caption className="visually-hidden">Actions</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col" className="wb-actions__timescale">Timescale</th>
            <th scope="col" className="wb-actions__person">Responsible person</th>
            <th scope="col"><span className="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a, i) => (
            <tr key={i}>
              <td><TextCell label={`Action ${i + 1}`} value={a.action} onSave={(v) => update(i, { action: v })} /></td>
              <td><TextCell label={`Timescale of action ${i + 1}`} value={a.timescale} onSave={(v) => update(i, { timescale: v })} /></td>
              <td><TextCell label={`Person responsible for action ${i + 1}`} value={a.responsible} onSave={(v) => update(i, { responsible: v })} /></td>
              <td>
                <button type="button" className="icon-button" aria-label={`Remove action ${i + 1}`} title="Remove this action" onClick={() => onSave(actions.filter((_, j) => j !== i), 'remove action')}>
                  <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden="true"><path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" /></svg>
                </button>
              </td>
            </tr>
          ))}
          {actions.length === 0 && (
            <tr><td colSpan={4} className="dock-dock-muted wb-actions__empty">No actions yet.</td></tr>
          )}
        </tbody>
      </table>
      <button type="button" className="dock-button" onClick={() => onSave([...actions, { action: '', timescale: '', responsible: '' }], 'add action')}>+ Add action</button>
    </div>
  );
}
