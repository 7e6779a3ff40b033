// The workbook as stored in the project (cgm_workbook), reloaded whenever a
// moment touches it: the analyst's own save, an undo or a redo.
import { useCallback, useEffect, useState } from 'react';
import type { WorkbookContent, WorkbookRow } from '../../../shared/contract';
import type { WorkbookSectionId } from '../../../shared/workbook/sections';
import { api } from '../api/client';
import { onMomentApplied, recordEdit } from '../undo/undo-store';

export const EMPTY_CONTENT: WorkbookContent = { fields: {}, actions: [], embeds: [] };

export interface WorkbookState {
  sections: Partial<Record<WorkbookSectionId, WorkbookRow>> | null;
  error: string | null;
  saving: boolean;
  save(section: WorkbookSectionId, content: WorkbookContent, label: string): Promise<void>;
}

export function useWorkbook(): WorkbookState {
  const [sections, setSections] = useState<WorkbookState['sections']>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => {
    api.call('getWorkbook', {}).then(
      (w) => setSections(Object.fromEntries(w.sections.map((s) => [s.section, s]))),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  useEffect(() => {
    load();
    return onMomentApplied((domains) => domains.has('workbook') && load());
  }, [load]);

  const save = useCallback(async (section: WorkbookSectionId, content: WorkbookContent, label: string) => {
    setSaving(true);
    setError(null);
    try {
      const { inverse } = await api.call('saveWorkbookSection', { section, content });
      recordEdit(label, inverse);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }, []);

  return { sections, error, saving, save };
}
