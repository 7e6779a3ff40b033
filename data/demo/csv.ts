// RFC 4180 CSV text: fields quoted only when they must be, LF line endings.

export type CsvValue = string | number;

function field(v: CsvValue): string {
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
