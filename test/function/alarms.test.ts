import { plainDecimal } from '../../lib/function/alarms';

describe('plainDecimal: prices as CloudWatch metric math reads them', () => {
  test.each([
    [2e-7, '0.0000002'],
    [(0.25 * 0.0000133334) / 1000, '0.00000000333335'],
    [0.2 / 1e6, '0.0000002'],
    [1e-12, '0.000000000001'],
    [0.0000166667, '0.0000166667'],
    [1.5, '1.5'],
    [100, '100'],
    [123456.789, '123456.789'],
    [0, '0'],
    [-0.00003, '-0.00003'],
  ])('%p is written %s', (value, text) => {
    expect(plainDecimal(value)).toBe(text);
    expect(text).not.toMatch(/e/i);
    expect(Number(text)).toBeCloseTo(value, 15);
  });
});
