// The analyst's workbook as the report reads it: the toolkit's sections
// (shared/workbook/sections) and what is stored for each in cgm_workbook, in
// the contract's shape ({ fields, actions, embeds }). A row that does not parse
// (written by a newer app) is treated as unwritten rather than printed half-read.
import type Database from 'better-sqlite3';
import { WorkbookContentSchema, type WorkbookContent } from '../../../shared/contract';

/** Section id → its stored content, for sections the analyst has saved. */
export function readWorkbook(db: Database.Database): Map<string, WorkbookContent> {
  const rows = db.prepare('SELECT section, content FROM cgm_workbook').all() as { section: string; content: string }[];
  const out = new Map<string, WorkbookContent>();
  for (const r of rows) {
    let value: unknown;
    try {
      value = JSON.parse(r.content);
    } catch {
      continue;
    }
    const parsed = WorkbookContentSchema.safeParse(value);
    if (parsed.success) out.set(r.section, parsed.data);
  }
  return out;
}

/** A text box's paragraphs (blank lines separate them). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
