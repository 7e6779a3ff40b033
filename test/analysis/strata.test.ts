import { describe, expect, it } from 'vitest';
import {
  applyMoment, decide, LoweringNeedsReasonError, proposeStrata, proposeStratum, recompute, strataFlags, strataState,
  withProposals, DEFAULT_STRATA_SETTINGS,
} from '../../shared/analysis/strata';
import { uptakeRatio } from '../../shared/analysis/uptake';

const NS = 'not significant' as const;

describe('proposals', () => {
  it('need and uptake flags map to strata', () => {
    const [p1, p2, p3, p4] = proposeStrata([
      // 99.8%-low uptake alone → Priority
      { key: 'a', needIndex: 90, uptake: { ratio: 0.5, significance95: 'low', significance998: 'low' } },
      // need 125 → Moderate, uptake below 1 not significant → Basic: highest single flag wins
      { key: 'b', needIndex: 125, uptake: { ratio: 0.9, significance95: NS, significance998: NS } },
      // need 105 → Basic only
      { key: 'c', needIndex: 105, uptake: { ratio: 1.2, significance95: 'high', significance998: NS } },
      // no flags → Self-care
      { key: 'd', needIndex: 80, uptake: { ratio: 1.0, significance95: NS, significance998: NS } },
    ]);
    expect([p1.stratum, p2.stratum, p3.stratum, p4.stratum]).toEqual(['Priority', 'Moderate', 'Basic', 'Self-care']);
    expect(p2.flags.map((f) => f.reason)).toEqual(['need index 125 >= 120', 'uptake ratio 0.90 below 1, not significant']);
    expect(p2.escalation).toBeNull();
  });

  it('uses real uptake results', () => {
    const u = uptakeRatio({ areaCode: 'x', observed: 20, expected: 31 }); // low at 95% only
    expect(strataFlags({ key: 'x', needIndex: null, uptake: u })).toEqual([
      { source: 'uptake', level: 'Moderate', reason: 'uptake ratio 0.65 significantly low at 95%' },
    ]);
  });

  it('a suppressed count with a published low flag keeps the flag but quotes no ratio', () => {
    const u = { ratio: null, significance95: 'low', significance998: 'not significant' } as const;
    expect(strataFlags({ key: 'x', needIndex: null, uptake: u })).toEqual([{ source: 'uptake', level: 'Moderate', reason: 'uptake significantly low at 95%' }]);
    // No ratio and no flag: nothing to say about uptake (no "below 1").
    expect(strataFlags({ key: 'x', needIndex: null, uptake: { ...u, significance95: 'not significant' } })).toEqual([]);
  });

  it('two concurrent Moderate flags escalate to Priority', () => {
    const [p] = proposeStrata([{ key: 'e', needIndex: 130, uptake: { ratio: 0.7, significance95: 'low', significance998: NS } }]);
    expect(p.flags.map((f) => f.level)).toEqual(['Moderate', 'Moderate']);
    expect(p.stratum).toBe('Priority');
    expect(p.escalation).toBe('2 concurrent Moderate flags raise Moderate to Priority');
  });

  it('one Moderate flag does not escalate; Basic flags escalate only when configured', () => {
    const basic = [
      { source: 'need', level: 'Basic' as const, reason: 'x' },
      { source: 'uptake', level: 'Basic' as const, reason: 'y' },
    ];
    expect(proposeStratum('f', basic).stratum).toBe('Basic');
    expect(proposeStratum('f', basic, { ...DEFAULT_STRATA_SETTINGS, escalation: { count: 2, levels: ['Basic', 'Moderate'] } }).stratum).toBe('Moderate');
    expect(proposeStratum('g', [{ source: 'need', level: 'Moderate', reason: 'z' }]).stratum).toBe('Moderate');
  });
});

describe('analyst decisions', () => {
  const proposals = proposeStrata([
    { key: 'E001', needIndex: 160, uptake: null }, // Priority
    { key: 'E002', needIndex: 110, uptake: null }, // Basic
  ]);
  const start = strataState(proposals);

  it('lowering without a reason is an error; with a reason it is kept', () => {
    expect(() => decide(start, { key: 'E001', assigned: 'Moderate', at: '2025-01-01T10:00:00Z' })).toThrow(LoweringNeedsReasonError);
    expect(() => decide(start, { key: 'E001', assigned: 'Basic', reason: '   ', at: '2025-01-01T10:00:00Z' })).toThrow(LoweringNeedsReasonError);
    const m = decide(start, { key: 'E001', assigned: 'Moderate', reason: 'New outreach clinic opened', at: '2025-01-01T10:00:00Z', by: 'jo' });
    const { state } = applyMoment(start, m);
    expect(state.decisions).toEqual([
      { id: 'E001#1', seq: 1, key: 'E001', proposed: 'Priority', assigned: 'Moderate', kind: 'reassign',
        reason: 'New outreach clinic opened', at: '2025-01-01T10:00:00Z', by: 'jo' },
    ]);
  });

  it('raising needs no reason; confirming is recorded as a confirm', () => {
    const raise = decide(start, { key: 'E002', assigned: 'Priority', at: '2025-01-02T09:00:00Z' });
    expect(raise.putDecisions[0]).toMatchObject({ kind: 'reassign', reason: null, proposed: 'Basic' });
    const confirm = decide(start, { key: 'E001', assigned: 'Priority', at: '2025-01-02T09:00:00Z' });
    expect(confirm.putDecisions[0].kind).toBe('confirm');
  });

  it('every decision is kept with its time; undo and redo via the inverse moment', () => {
    let s = start;
    const m1 = decide(s, { key: 'E002', assigned: 'Moderate', at: '2025-01-01T10:00:00Z' });
    s = applyMoment(s, m1).state;
    const m2 = decide(s, { key: 'E002', assigned: 'Self-care', reason: 'Service moved in', at: '2025-02-01T10:00:00Z' });
    const applied = applyMoment(s, m2);
    expect(applied.state.decisions.map((d) => [d.assigned, d.at])).toEqual([
      ['Moderate', '2025-01-01T10:00:00Z'], ['Self-care', '2025-02-01T10:00:00Z'],
    ]);
    expect(recompute(proposals, applied.state.decisions).find((v) => v.key === 'E002')!.effective).toBe('Self-care');

    const undone = applyMoment(applied.state, applied.inverse);
    expect(undone.state).toEqual(s);
    const redone = applyMoment(undone.state, undone.inverse);
    expect(redone.state).toEqual(applied.state);
  });

  it('recompute after a data change keeps decisions and flags changed proposals', () => {
    let s = start;
    s = applyMoment(s, decide(s, { key: 'E001', assigned: 'Moderate', reason: 'Known local provision', at: '2025-01-01T10:00:00Z' })).state;
    s = applyMoment(s, decide(s, { key: 'E002', assigned: 'Basic', at: '2025-01-01T10:05:00Z' })).state;
    // New data: E001 need falls (Priority → Moderate); E002 unchanged; E003 appears.
    const fresh = proposeStrata([
      { key: 'E001', needIndex: 125, uptake: null },
      { key: 'E002', needIndex: 110, uptake: null },
      { key: 'E003', needIndex: 200, uptake: null },
    ]);
    const views = recompute(fresh, withProposals(s, fresh).decisions);
    const v = Object.fromEntries(views.map((x) => [x.key, x]));
    expect(v.E001).toMatchObject({ effective: 'Moderate', proposalChanged: true });
    expect(v.E001.decision!.reason).toBe('Known local provision');
    expect(v.E001.proposal!.stratum).toBe('Moderate');
    expect(v.E002).toMatchObject({ effective: 'Basic', proposalChanged: false });
    expect(v.E003).toMatchObject({ effective: 'Priority', decision: null, proposalChanged: false });
  });
});
