// Reads the common OpenStreetMap opening_hours forms ("Mo-Fr 09:00-17:00; Sa 10:00-13:00")
// into rows a reader can scan; anything more complex is shown as written.
const DAYS: Record<string, string> = { Mo: 'Mon', Tu: 'Tue', We: 'Wed', Th: 'Thu', Fr: 'Fri', Sa: 'Sat', Su: 'Sun', PH: 'Bank holidays' };

export interface HoursRow {
  days: string;
  times: string;
}

export function formatOpeningHours(raw: string | null): HoursRow[] {
  if (!raw || !raw.trim()) return [];
  if (raw.trim() === '24/7') return [{ days: 'Every day', times: 'Open 24 hours' }];
  return raw
    .split(';')
    .map((rule) => rule.trim())
    .filter(Boolean)
    .map((rule) => {
      const m = rule.match(/^((?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:[-,](?:Mo|Tu|We|Th|Fr|Sa|Su|PH))*)\s+(.+)$/);
      if (!m) return { days: '', times: rule };
      const days = m[1].replace(/Mo|Tu|We|Th|Fr|Sa|Su|PH/g, (d) => DAYS[d]).replace(/-/g, '–').replace(/,/g, ', ');
      const times = m[2] === 'off' || m[2] === 'closed' ? 'Closed' : m[2].replace(/-/g, '–').replace(/,/g, ', ');
      return { days, times };
    });
}
