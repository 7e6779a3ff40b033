// The export dialog's "Compare with": the profile table and the report carry the
// chosen comparator to the services (which add its columns); other tables do not.
import { describe, expect, it } from 'vitest';
import { buildExportRequest, emptyForm } from '../../renderer/src/export/export-request';

const choice = { service: 'GP', indicator: 'Need', scheme: 'OAC 2021' };

describe('export requests with a comparator', () => {
  it('sends the comparator with the profile table and the report only', () => {
    const form = { ...emptyForm(), comparator: 'England' };
    expect(buildExportRequest('table', { ...form, table: 'profile' }, choice)).toEqual({ ok: true, request: { method: 'exportTable', input: { table: 'profile', ...choice, comparator: 'England' } } });
    expect(buildExportRequest('report', form, choice)).toEqual({ ok: true, request: { method: 'exportReport', input: { format: 'pdf', ...choice, comparator: 'England' } } });
    expect(buildExportRequest('table', { ...form, table: 'gaps' }, choice)).toEqual({ ok: true, request: { method: 'exportTable', input: { table: 'gaps', ...choice } } });
  });

  it('sends none when none is chosen', () => {
    expect(buildExportRequest('table', { ...emptyForm(), table: 'profile' }, choice)).toEqual({ ok: true, request: { method: 'exportTable', input: { table: 'profile', ...choice } } });
  });
});
