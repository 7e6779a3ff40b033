// The import dialog's "every level at once" for assignments: which columns of
// the real OAC files it recognises as levels, and the runImport request it
// builds (checked by the contract's own schema, as the services will check it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RunImportSchema, type StagedFile } from '../../shared/contract';
import { buildRequest, defaultOptions, missingRequired } from '../../renderer/src/import/fields';
import { guessLevelColumns } from '../../renderer/src/import/levels';
import { sharedData } from '../support/requirements';

const headerOf = (...parts: string[]) => readFileSync(sharedData(...parts), 'utf8').split(/\r?\n/)[0].split(',');
const staged = (headers: string[]): StagedFile =>
  ({ fileId: 'f1', name: 'oac.csv', size: 1, format: 'csv', siblings: [], declaresCrs: true, kindGuess: 'assignments', headers, suggested: { assignments: { areaCode: 'oa_code' } }, sampleRows: [], layers: [], description: '' }) as unknown as StagedFile;

describe('import dialog: every level of a scheme at once', () => {
  it('recognises the level columns of the Rutland and Leeds OAC files, names included', () => {
    expect(guessLevelColumns(headerOf('uk', 'rutland', 'oac2021_by_oa.csv'))).toEqual({ codes: ['supergroup', 'group', 'subgroup'], names: ['', '', ''] });
    expect(guessLevelColumns(headerOf('uk', 'leeds-hyde-park', 'oac2011_by_oa.csv'))).toEqual({
      codes: ['supgrpcode', 'grpcode', 'subgrpcode'], names: ['supgrpname', 'grpname', 'subgrpname'],
    });
    // One segment column is not a hierarchy.
    expect(guessLevelColumns(['oa_code', 'segment', 'count'])).toEqual({ codes: [], names: [] });
  });

  it('offers it by default for such a file and sends levelFields and nameFields instead of a segment column', () => {
    const file = staged(headerOf('uk', 'leeds-hyde-park', 'oac2011_by_oa.csv'));
    const options: Record<string, string> = { ...defaultOptions('assignments', file), scheme: 'OAC 2011' };
    expect(options.allLevels).toBe('yes');
    const mapping = { areaCode: 'oa_code', segment: 'supgrpcode' };
    expect(missingRequired('assignments', file, { areaCode: 'oa_code' }, options)).toEqual([]);
    const request = buildRequest('assignments', file, mapping, options);
    expect(request).toEqual({
      fileId: 'f1', kind: 'assignments',
      options: { areaField: 'oa_code', scheme: 'OAC 2011', levelFields: ['supgrpcode', 'grpcode', 'subgrpcode'], nameFields: ['supgrpname', 'grpname', 'subgrpname'] },
    });
    expect(RunImportSchema.safeParse(request).success).toBe(true);
  });

  it('asks for two level columns, and without the choice asks for the segment column as before', () => {
    const file = staged(['oa', 'a', 'b']);
    const only = { scheme: 'Custom', allLevels: 'yes', levels: 'a,,', levelNames: ',,' };
    expect(missingRequired('assignments', file, { areaCode: 'oa' }, only)).toEqual(['At least two level columns']);
    expect(missingRequired('assignments', file, { areaCode: 'oa' }, { scheme: 'Custom' })).toEqual(['Segment code']);
  });
});
