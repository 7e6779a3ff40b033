// Which disclosure rule applies: the one asked for, else the project's, else NHS Digital's.
import type Database from 'better-sqlite3';
import type { DisclosureRule } from '../../shared/domain';

export function parseDisclosureRule(text: string): DisclosureRule {
  if (text === 'nhs') return { kind: 'nhs' };
  if (text === 'none') return { kind: 'none' };
  const k = Number(text);
  if (Number.isInteger(k) && k >= 2) return { kind: 'threshold', k };
  throw new Error(`--suppress must be nhs, none or a whole number k >= 2, not "${text}"`);
}

export function projectDisclosureRule(db: Database.Database): DisclosureRule {
  const row = db.prepare("SELECT value FROM cgm_settings WHERE key = 'disclosure'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as DisclosureRule) : { kind: 'nhs' };
}

/**
 * The rule for anything others see: exports, presentation mode, the shared
 * map. "none" is the analyst's working view; it never leaves the laptop, so a
 * project set to it is shared under NHS Digital's rule.
 */
export function sharingDisclosureRule(db: Database.Database): DisclosureRule {
  const rule = projectDisclosureRule(db);
  return rule.kind === 'none' ? { kind: 'nhs' } : rule;
}

export function chooseDisclosureRule(db: Database.Database, requested: string | undefined): DisclosureRule {
  return requested === undefined ? projectDisclosureRule(db) : parseDisclosureRule(requested);
}
