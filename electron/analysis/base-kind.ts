// The base an analysis of a scheme runs on: the one asked for, else the one
// the scheme was imported with, else the project's only one (shared rule in
// base-choice.ts). Refusals are InputErrors: the analyst has something to import.
import type Database from 'better-sqlite3';
import { chooseBaseKind } from '../../shared/analysis/base-choice';
import type { BaseKind } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { isCountScheme, presentBaseKinds, schemeBaseKind } from './inputs';

export function analysisBaseKind(db: Database.Database, scheme: string, requested?: BaseKind): BaseKind {
  const recorded = schemeBaseKind(db, scheme);
  try {
    return chooseBaseKind({ scheme, requested, countsOf: isCountScheme(db, scheme) ? recorded : null, recorded, present: presentBaseKinds(db) });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}
