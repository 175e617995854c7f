import { barChart, niceCeiling } from './bar-chart';

describe('barChart', () => {
  it('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 42, 99, 101, 4500].map(niceCeiling)).toEqual([1, 1, 5, 10, 10, 20, 50, 100, 200, 5000]);
  });

  it('scales bars to the top of the scale and keeps them inside the plot', () => {
    const chart = barChart([{ count: 0, label: 'a' }, { count: 5, label: 'b' }, { count: 10, label: 'c' }], { width: 300, plotHeight: 100 });
    expect(chart.max).toBe(10);
    expect(chart.total).toBe(15);
    expect(chart.bars.map((b) => b.height)).toEqual([0, 50, 100]);
    expect(chart.bars.map((b) => b.y)).toEqual([100, 50, 0]);
    for (const b of chart.bars) expect(b.x + b.width).toBeLessThanOrEqual(300);
  });

  it('labels every n-th bar, always the latest', () => {
    const series = Array.from({ length: 48 }, (_, i) => ({ count: i, label: String(i) }));
    const shown = barChart(series, { maxLabels: 12 }).bars.filter((b) => b.showLabel).map((b) => b.label);
    expect(shown.length).toBeLessThanOrEqual(12);
    expect(shown.at(-1)).toBe('47');
  });

  it('draws an empty series as a flat chart', () => {
    const chart = barChart(Array.from({ length: 30 }, () => ({ count: 0, label: '' })));
    expect(chart.max).toBe(1);
    expect(chart.bars.every((b) => b.height === 0)).toBe(true);
  });
});
