// The depth check reads text and values without recursion, and counts only
// real nesting: brackets inside strings (escaped quotes and all) are text.
import { describe, expect, it } from 'vitest';
import { jsonTextTooDeep, MAX_REQUEST_DEPTH, valueTooDeep } from '../../electron/services/request-depth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('request depth', () => {
  it('takes exactly the limit and refuses one more, as text and as a value', () => {
    expect(jsonTextTooDeep(nested(MAX_REQUEST_DEPTH))).toBe(false);
    expect(jsonTextTooDeep(nested(MAX_REQUEST_DEPTH + 1))).toBe(true);
    expect(valueTooDeep(JSON.parse(nested(MAX_REQUEST_DEPTH)))).toBe(false);
    expect(valueTooDeep(JSON.parse(nested(MAX_REQUEST_DEPTH + 1)))).toBe(true);
  });

  it('does not count brackets inside strings, past escaped quotes and backslashes', () => {
    const inside = JSON.stringify({ a: `\\"${'['.repeat(500)}"\\`, b: '{'.repeat(500) });
    expect(jsonTextTooDeep(inside)).toBe(false);
    expect(valueTooDeep(JSON.parse(inside))).toBe(false);
    // After a string ending in an escaped backslash, the brackets are real again.
    expect(jsonTextTooDeep(`["\\\\",${nested(MAX_REQUEST_DEPTH)}]`)).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    const text = nested(100_000);
    expect(jsonTextTooDeep(text)).toBe(true);
    expect(valueTooDeep(JSON.parse(text))).toBe(true);
  });
});
