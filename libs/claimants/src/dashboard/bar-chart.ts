/**
 * A bar chart's geometry for the server-rendered SVG (no script on the console's pages): one
 * bar per bucket scaled to the largest, a few round gridline values, and every n-th label so
 * they do not overlap.
 */
export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
  label: string;
  /** Whether this bar's label is printed under the axis. */
  showLabel: boolean;
}

export interface BarChart {
  width: number;
  height: number;
  /** Height of the plotting area; labels go below it. */
  plotHeight: number;
  bars: ChartBar[];
  gridlines: { y: number; value: number }[];
  max: number;
  total: number;
}

/** The smallest of 1, 2, 5, 10, 20, 50 ... at or above `value`. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function barChart(series: { count: number; label: string }[], options: { width?: number; plotHeight?: number; maxLabels?: number } = {}): BarChart {
  const width = options.width ?? 720;
  const plotHeight = options.plotHeight ?? 160;
  const maxLabels = options.maxLabels ?? 12;
  const max = niceCeiling(Math.max(0, ...series.map((s) => s.count)));
  const slot = series.length ? width / series.length : width;
  const gap = Math.min(2, slot / 4);
  const every = Math.max(1, Math.ceil(series.length / maxLabels));
  const bars = series.map((s, i) => {
    const height = Math.round((s.count / max) * plotHeight * 10) / 10;
    return {
      x: Math.round(i * slot * 10) / 10,
      y: Math.round((plotHeight - height) * 10) / 10,
      width: Math.max(1, Math.round((slot - gap) * 10) / 10),
      height,
      count: s.count,
      label: s.label,
      // The last bar (now) always carries its label.
      showLabel: (series.length - 1 - i) % every === 0,
    };
  });
  const gridlines = [0.5, 1].map((f) => ({ value: Math.round(max * f), y: Math.round(plotHeight * (1 - f) * 10) / 10 }));
  return { width, height: plotHeight + 20, plotHeight, bars, gridlines, max, total: series.reduce((sum, s) => sum + s.count, 0) };
}
