import { describe, expect, it } from 'vitest';
import { fullTime, shortTime } from '../../../renderer/src/components/messageTime';

describe('shortTime', () => {
  const noon = new Date(2026, 11, 5, 12, 0).getTime();

  it('gives only the time for a reply written today', () => {
    const at = new Date(2026, 11, 5, 9, 7).getTime();
    expect(shortTime(at, noon)).toBe(
      new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
    );
  });

  it('adds the day for a reply written on another day, and the year for another year', () => {
    const yesterday = new Date(2026, 11, 4, 9, 7).getTime();
    const lastYear = new Date(2025, 11, 4, 9, 7).getTime();
    expect(shortTime(yesterday, noon)).toMatch(/4.*, /);
    expect(shortTime(yesterday, noon)).not.toMatch(/2026/);
    expect(shortTime(lastYear, noon)).toMatch(/2025/);
  });

  it('gives the full date for the tooltip', () => {
    expect(fullTime(noon)).toMatch(/2026/);
  });
});
