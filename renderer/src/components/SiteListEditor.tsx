// Every site of the service with its code and opening hours, any one's hours
// editable: the area panel reaches only an area's nearest site, yet a site that
// is nobody's nearest today becomes someone's after a change, and an analyst
// entering a practice list's hours wants to go down the whole list. Each save
// is the same undoable moment as the area panel's (SiteHoursForm).
import { useId, useState } from 'react';
import { useServiceSites, type ServiceSite as Site } from '../undo/use-moment-read';
import { SiteHoursForm } from './SiteHoursForm';
import '../styles/editors.css';


export function SiteListEditor({ service }: { service: string }) {
  const id = useId();
  const sites = useServiceSites(service);
  const [editing, setEditing] = useState<number | null>(null);
  // ODS and OSM sites carry codes; a list without any shows no empty column in the narrow panel.
  const codes = !!sites?.some((s) => s.code);

  return (
    <details className="list-editor" data-testid="site-list-editor">
      <summary>Sites and opening hours</summary>
      {sites && sites.length === 0 && <p className="list-editor__empty">No sites of {service} imported.</p>}
      {sites && sites.length > 0 && (
        <table className="list-editor__table" aria-labelledby={`${id}-caption`}>
          <caption id={`${id}-caption`} className="list-editor__caption">{service}: {sites.length} sites</caption>
          <thead>
            <tr><th scope="col">Site</th>{codes && <th scope="col">Code</th>}<th scope="col">Opening hours</th><th scope="col"><span className="visually-hidden">Edit</span></th></tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <SiteRow key={s.id} site={s} service={service} codes={codes} open={editing === s.id} onToggle={() => setEditing(editing === s.id ? null : s.id)} />
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function SiteRow({ site, service, codes, open, onToggle }: { site: Site; service: string; codes: boolean; open: boolean; onToggle(): void }) {
  return (
    <>
      <tr data-site-id={site.id}>
        <th scope="row">{site.name || <span className="list-editor__missing">no name</span>}</th>
        {codes && <td>{site.code ?? '—'}</td>}
        <td className="list-editor__value">{site.openingHours ?? <span className="list-editor__missing">not recorded</span>}</td>
        <td>
          <button type="button" className="text-button" aria-expanded={open} onClick={onToggle} aria-label={`Edit opening hours of ${site.name}`}>
            {open ? 'Close' : 'Edit'}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="list-editor__form-row">
          <td colSpan={codes ? 4 : 3}>
            <SiteHoursForm service={service} siteId={site.id} siteName={site.name} />
          </td>
        </tr>
      )}
    </>
  );
}
