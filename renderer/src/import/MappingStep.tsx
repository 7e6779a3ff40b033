// The column-mapping step: what the file is, which column plays which part
// (pre-filled from the suggestions), the options its kind needs, and a
// preview of the first rows.
import { useId } from 'react';
import type { ImportKindName, ProjectInfo, StagedFile } from '../../../shared/contract';
import { COLUMN_FIELDS, CONFIRM_REPLACE, KIND_LABELS, KIND_ORDER, optionFields, previewColumns, type OptionField } from './fields';
import { RowFilterStep } from './RowFilterStep';
import { SitesChoice } from './SitesChoice';
import { LevelsChoice } from './LevelsChoice';
import { LEVELS_NEEDED } from './levels';
import { formatBytes } from '../tables/format';

interface Props {
  staged: StagedFile;
  info: ProjectInfo | null;
  kind: ImportKindName;
  onKind(kind: ImportKindName): void;
  mapping: Record<string, string>;
  onMapping(mapping: Record<string, string>): void;
  options: Record<string, string>;
  onOptions(options: Record<string, string>): void;
  /** Labels of required boxes still empty, shown once the analyst has tried to import. */
  missing: string[];
}

function OptionInput({ field, value, onChange, info, invalid }: { field: OptionField; value: string; onChange(v: string): void; info: ProjectInfo | null; invalid: boolean }) {
  const id = useId();
  const listId = `${id}-list`;
  const suggestions = field.suggestions?.(info) ?? [];
  return (
    <div className="import-field">
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="import-field__required"> (required)</span>}
      </label>
      {field.choices ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined}>
          {field.choices.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          placeholder={field.placeholder}
          list={suggestions.length ? listId : undefined}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={field.hint ? `${id}-hint` : undefined}
          spellCheck={false}
        />
      )}
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {field.hint && (
        <span id={`${id}-hint`} className="import-field__hint">
          {field.hint}
        </span>
      )}
    </div>
  );
}

export function MappingStep({ staged, info, kind, onKind, mapping, onMapping, options, onOptions, missing }: Props) {
  const kindId = useId();
  // All levels at once: the area column is the only other column that counts.
  const columns = kind === 'assignments' && options.allLevels === 'yes' ? COLUMN_FIELDS[kind].filter((c) => c.option === 'areaField') : COLUMN_FIELDS[kind];
  const extras = optionFields(kind, staged);
  const shown = previewColumns(kind, staged, mapping);
  const roleOf = new Map(columns.filter((c) => mapping[c.role]).map((c) => [mapping[c.role], c.label]));
  const isMissing = (label: string) => missing.includes(label);

  return (
    <div className="import-mapping">
      <p className="import-mapping__file">
        <strong>{staged.name}</strong>
        {staged.siblings.length > 0 && <> with {staged.siblings.map((s) => `.${s}`).join(', ')}</>} · {formatBytes(staged.size)} · {staged.description}
      </p>

      <div className="import-field import-field--kind">
        <label htmlFor={kindId}>What does the file hold?</label>
        <select id={kindId} value={kind} onChange={(e) => onKind(e.target.value as ImportKindName)} data-autofocus>
          {KIND_ORDER.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
              {k === staged.kindGuess ? ' (suggested)' : ''}
            </option>
          ))}
        </select>
      </div>

      {columns.length > 0 && (
        <fieldset className="import-group">
          <legend>Columns</legend>
          <div className="import-grid">
            {columns.map((c) => (
              <ColumnSelect
                key={`${kind}-${c.role}`}
                label={c.label}
                required={c.required}
                headers={staged.headers}
                value={mapping[c.role] ?? ''}
                invalid={isMissing(c.label)}
                onChange={(v) => onMapping({ ...mapping, [c.role]: v })}
              />
            ))}
          </div>
        </fieldset>
      )}

      {extras.length > 0 && (
        <fieldset className="import-group">
          <legend>Options</legend>
          <div className="import-grid">
            {extras.map((o) => (
              <OptionInput key={`${kind}-${o.key}`} field={o} info={info} value={options[o.key] ?? ''} invalid={isMissing(o.label)} onChange={(v) => onOptions({ ...options, [o.key]: v })} />
            ))}
          </div>
        </fieldset>
      )}

      {kind === 'assignments' && staged.headers.length > 0 && <LevelsChoice headers={staged.headers} options={options} onOptions={onOptions} invalid={isMissing(LEVELS_NEEDED)} />}

      {kind === 'sites' && <RowFilterStep key={staged.fileId} staged={staged} where={options.where ?? ''} onWhere={(where) => onOptions({ ...options, where })} />}

      {kind === 'sites' && <SitesChoice service={(options.service ?? '').trim()} info={info} options={options} onOptions={onOptions} invalid={isMissing(CONFIRM_REPLACE)} />}

      {kind === 'users' && (
        <p className="import-note" role="note">
          Only aggregated counts are stored; names and other columns are never saved.
        </p>
      )}

      {staged.headers.length > 0 && (
        <div className="import-preview">
          <h3 className="import-preview__title">First rows of the file</h3>
          {shown.length === 0 ? (
            <p className="import-preview__empty">Choose the postcode column to preview it.</p>
          ) : (
            <div className="import-preview__scroll" tabIndex={0} role="region" aria-label="Preview of the first rows">
              <table>
                <thead>
                  <tr>
                    {shown.map((i) => (
                      <th key={i} scope="col" className={roleOf.has(staged.headers[i]) ? 'is-mapped' : undefined}>
                        {staged.headers[i]}
                        {roleOf.has(staged.headers[i]) && <span className="import-preview__role">{roleOf.get(staged.headers[i])}</span>}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {staged.sampleRows.map((row, r) => (
                    <tr key={r}>
                      {shown.map((i) => (
                        <td key={i} className={roleOf.has(staged.headers[i]) ? 'is-mapped' : undefined}>
                          {row[i]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function ColumnSelect(props: { label: string; required?: boolean; headers: string[]; value: string; invalid: boolean; onChange(v: string): void }) {
  const id = useId();
  return (
    <div className="import-field">
      <label htmlFor={id}>
        {props.label}
        {props.required && <span className="import-field__required"> (required)</span>}
      </label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-invalid={props.invalid || undefined}>
        <option value="">— not in this file —</option>
        {props.headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </div>
  );
}
