import { describe, expect, it } from 'vitest';
import { cleanGeneratedTitle, heuristicTitle } from '../../../electron/core/library/titleText';

describe('heuristic titles', () => {
  it('use the first line of the first message', () => {
    expect(heuristicTitle('\n  Plan a trip to   Lisbon.\nWith kids, in May')).toBe('Plan a trip to Lisbon');
  });

  it('cut a long line at a word boundary near 60 characters', () => {
    const title = heuristicTitle(
      'Could you explain how the write-ahead log in SQLite interacts with checkpoints and readers?',
    )!;
    expect(title).toBe('Could you explain how the write-ahead log in SQLite…');
    expect([...title].length).toBeLessThanOrEqual(61);
  });

  it('give nothing for a message without words', () => {
    expect(heuristicTitle(' \n … \n')).toBeNull();
  });
});

describe('a generated title answer', () => {
  it('loses quotes, a "Title:" label and the final full stop', () => {
    expect(cleanGeneratedTitle('Title: "Weekend in Lisbon."')).toBe('Weekend in Lisbon');
    expect(cleanGeneratedTitle('**Rust lifetimes explained**')).toBe('Rust lifetimes explained');
  });

  it('is refused when it is prose rather than a title', () => {
    expect(cleanGeneratedTitle('Sure! Here are some ideas:\n1. Lisbon\n2. Porto')).toBeNull();
    expect(cleanGeneratedTitle('word '.repeat(40))).toBeNull();
    expect(cleanGeneratedTitle('  ')).toBeNull();
  });
});
