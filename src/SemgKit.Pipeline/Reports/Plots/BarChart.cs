namespace SemgKit.Pipeline.Reports.Plots;

/// <summary>Grouped vertical bars with optional error bars (e.g. per-class precision/recall/F1, or models ± sd over folds).</summary>
public static class BarChart
{
    /// <param name="title">Plot title.</param>
    /// <param name="categories">Groups along the x axis.</param>
    /// <param name="series">One bar per series in each group.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="yMin">Y axis minimum.</param>
    /// <param name="yMax">Y axis maximum; null = from the data.</param>
    public static string Render(
        string title,
        IReadOnlyList<string> categories,
        IReadOnlyList<BarSeries> series,
        string yLabel,
        double yMin = 0,
        double? yMax = null)
    {
        double dataMax = series.SelectMany(s => s.Values.Select((v, i) => v + (s.Errors?[i] ?? 0))).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        double top = yMax ?? dataMax * 1.05;
        var ticks = Svg.NiceTicks(yMin, top);
        top = Math.Max(top, ticks[^1]);
        double groupWidth = Math.Clamp(24.0 * series.Count + 16, 40, 140);
        double labelHeight = 14 + 4.2 * Math.Max(4, categories.Max(c => c.Length));
        double left = 62, plotTop = 62, plotHeight = 240;
        double width = Math.Max(360, left + categories.Count * groupWidth + 20);
        double height = plotTop + plotHeight + labelHeight + 8;
        double Y(double v) => plotTop + plotHeight - (Math.Clamp(v, yMin, top) - yMin) / (top - yMin) * plotHeight;

        var sb = Svg.Begin(width, height, title);
        foreach (var t in ticks)
        {
            Svg.Line(sb, left, Y(t), width - 12, Y(t), "#e3e3e3");
            Svg.Text(sb, left - 6, Y(t) + 4, Svg.Tick(t), "end");
        }
        double mid = plotTop + plotHeight / 2;
        sb.Append($"<text x=\"14\" y=\"{Svg.N(mid)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Svg.N(mid)})\">{Svg.Escape(yLabel)}</text>");
        double barWidth = (groupWidth - 12) / series.Count;
        for (int c = 0; c < categories.Count; c++)
        {
            double gx = left + c * groupWidth + 6;
            for (int s = 0; s < series.Count; s++)
            {
                double v = series[s].Values[c];
                if (!double.IsFinite(v)) continue;
                double x = gx + s * barWidth, y = Y(v);
                string color = Svg.Palette[s % Svg.Palette.Length];
                sb.Append($"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(barWidth - 1)}\" height=\"{Svg.N(Y(yMin) - y)}\" fill=\"{color}\"><title>{Svg.Escape($"{categories[c]} · {series[s].Name}: {Svg.Tick(v)}")}</title></rect>");
                if (series[s].Errors?[c] is double e && e > 0 && double.IsFinite(e))
                {
                    double cx = x + (barWidth - 1) / 2;
                    Svg.Line(sb, cx, Y(v - e), cx, Y(v + e), "#222");
                    Svg.Line(sb, cx - 3, Y(v + e), cx + 3, Y(v + e), "#222");
                    Svg.Line(sb, cx - 3, Y(v - e), cx + 3, Y(v - e), "#222");
                }
            }
            double lx = gx + (groupWidth - 12) / 2, ly = plotTop + plotHeight + 12;
            sb.Append($"<text x=\"{Svg.N(lx)}\" y=\"{Svg.N(ly)}\" text-anchor=\"end\" transform=\"rotate(-35 {Svg.N(lx)} {Svg.N(ly)})\">{Svg.Escape(categories[c])}</text>");
        }
        Svg.Line(sb, left, plotTop + plotHeight, width - 12, plotTop + plotHeight);
        Legend(sb, series.Select(s => s.Name).ToArray(), left, 42);
        return Svg.End(sb);
    }

    internal static void Legend(System.Text.StringBuilder sb, IReadOnlyList<string> names, double x, double y)
    {
        if (names.Count < 2) return;
        double cx = x;
        for (int i = 0; i < names.Count; i++)
        {
            sb.Append($"<rect x=\"{Svg.N(cx)}\" y=\"{Svg.N(y - 9)}\" width=\"10\" height=\"10\" fill=\"{Svg.Palette[i % Svg.Palette.Length]}\"/>");
            Svg.Text(sb, cx + 14, y, names[i], "start");
            cx += 24 + 7 * names[i].Length;
        }
    }
}
