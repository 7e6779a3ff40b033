// Importing sites into a service that already has some: add to them (the
// default) or replace them, which must be confirmed, so a file of two proposed
// sites never silently removes a service's real ones (issue 15.9).
import { useEffect, useId, useState } from 'react';
import type { ProjectInfo } from '../../../shared/contract';
import { api } from '../api/client';

interface Props {
  service: string;
  info: ProjectInfo | null;
  options: Record<string, string>;
  onOptions(options: Record<string, string>): void;
  /** The confirmation is still needed, shown once the analyst has tried to import. */
  invalid: boolean;
}

const sites = (n: number) => `${n.toLocaleString('en-GB')} site${n === 1 ? '' : 's'}`;

export function SitesChoice({ service, info, options, onOptions, invalid }: Props) {
  const id = useId();
  const [count, setCount] = useState<number | null>(null);
  const known = service !== '' && (info?.services ?? []).includes(service);

  useEffect(() => {
    setCount(null);
    if (!known) return;
    let live = true;
    api.call('getSites', { service }).then(
      (list) => live && setCount(list.length),
      () => live && setCount(null),
    );
    return () => {
      live = false;
    };
  }, [service, known]);

  // A service with no sites has nothing to replace: a choice made for another service must not linger.
  const shown = known && count !== null && count > 0;
  useEffect(() => {
    if (!shown && (options.replace || options.confirmReplace)) onOptions({ ...options, replace: '', confirmReplace: '' });
  }, [shown, options, onOptions]);
  if (!shown) return null;

  const replace = options.replace === 'replace';
  return (
    <fieldset className="import-group import-sites-choice">
      <legend>
        {service} has {sites(count)}
      </legend>
      <label className="import-choice">
        <input type="radio" name={`${id}-mode`} checked={!replace} onChange={() => onOptions({ ...options, replace: '', confirmReplace: '' })} />
        Add to the {sites(count)} (a site with the same code is updated)
      </label>
      <label className="import-choice">
        <input type="radio" name={`${id}-mode`} checked={replace} onChange={() => onOptions({ ...options, replace: 'replace', confirmReplace: '' })} />
        Replace them
      </label>
      {replace && (
        <label className="import-choice import-choice--confirm">
          <input
            type="checkbox"
            checked={options.confirmReplace === 'yes'}
            aria-invalid={invalid || undefined}
            onChange={(e) => onOptions({ ...options, confirmReplace: e.target.checked ? 'yes' : '' })}
          />
          Yes, remove those of the {sites(count)} that are not in this file (what-if sites drawn in the app stay)
        </label>
      )}
    </fieldset>
  );
}
