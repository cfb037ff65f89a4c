namespace SemgKit.Pipeline.Reports.Plots;

/// <summary>Lines on linear axes (training curves, ROC curves, signals).</summary>
public static class LinePlot
{
    /// <param name="title">Plot title.</param>
    /// <param name="series">Curves; non-finite points break a curve.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="xRange">Fixed x range, or null for the data's.</param>
    /// <param name="yRange">Fixed y range, or null for the data's.</param>
    /// <param name="width">Width in px.</param>
    /// <param name="height">Height in px.</param>
    public static string Render(
        string title,
        IReadOnlyList<LineSeries> series,
        string xLabel,
        string yLabel,
        (double Min, double Max)? xRange = null,
        (double Min, double Max)? yRange = null,
        double width = 520,
        double height = 320)
    {
        var xs = series.SelectMany(s => s.X).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var ys = series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var (x0, x1) = xRange ?? (xs.Min(), xs.Max());
        var (y0, y1) = yRange ?? Pad(ys.Min(), ys.Max());
        if (!(x1 > x0)) x1 = x0 + 1;
        if (!(y1 > y0)) y1 = y0 + 1;
        double left = 62, right = 16, top = 34, bottom = 46;
        double pw = width - left - right, ph = height - top - bottom;
        double X(double v) => left + (v - x0) / (x1 - x0) * pw;
        double Y(double v) => top + ph - (v - y0) / (y1 - y0) * ph;

        var sb = Svg.Begin(width, height, title);
        foreach (var t in Svg.NiceTicks(y0, y1).Where(t => t >= y0 - 1e-12 && t <= y1 + 1e-12))
        {
            Svg.Line(sb, left, Y(t), left + pw, Y(t), "#e3e3e3");
            Svg.Text(sb, left - 6, Y(t) + 4, Svg.Tick(t), "end");
        }
        foreach (var t in Svg.NiceTicks(x0, x1, 6).Where(t => t >= x0 - 1e-12 && t <= x1 + 1e-12))
        {
            Svg.Line(sb, X(t), top + ph, X(t), top + ph + 4);
            Svg.Text(sb, X(t), top + ph + 16, Svg.Tick(t));
        }
        sb.Append($"<rect x=\"{Svg.N(left)}\" y=\"{Svg.N(top)}\" width=\"{Svg.N(pw)}\" height=\"{Svg.N(ph)}\" fill=\"none\" stroke=\"#333\"/>");
        for (int s = 0; s < series.Count; s++)
        {
            var path = new System.Text.StringBuilder();
            bool pen = false;
            for (int i = 0; i < series[s].X.Count; i++)
            {
                double x = series[s].X[i], y = series[s].Y[i];
                if (!double.IsFinite(x) || !double.IsFinite(y)) { pen = false; continue; }
                path.Append(pen ? " L" : " M").Append(Svg.N(X(x))).Append(' ').Append(Svg.N(Y(Math.Clamp(y, y0, y1))));
                pen = true;
            }
            string dash = series[s].Dashed ? " stroke-dasharray=\"5 4\"" : "";
            sb.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"{Svg.Palette[s % Svg.Palette.Length]}\" stroke-width=\"1.6\"{dash}><title>{Svg.Escape(series[s].Name)}</title></path>");
        }
        Svg.Text(sb, left + pw / 2, height - 8, xLabel);
        double my = top + ph / 2;
        sb.Append($"<text x=\"14\" y=\"{Svg.N(my)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Svg.N(my)})\">{Svg.Escape(yLabel)}</text>");
        InsideLegend(sb, series, left + pw, top + ph);
        return Svg.End(sb);
    }

    /// <summary>A vertical legend box in the lower-right corner of the plot area (where ROC and loss curves leave room).</summary>
    private static void InsideLegend(System.Text.StringBuilder sb, IReadOnlyList<LineSeries> series, double right, double bottom)
    {
        if (series.Count < 2) return;
        double width = 34 + 6.4 * series.Max(s => s.Name.Length), height = 8 + 16 * series.Count;
        double x = right - width - 8, y = bottom - height - 8;
        sb.Append($"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(width)}\" height=\"{Svg.N(height)}\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>");
        for (int i = 0; i < series.Count; i++)
        {
            double ly = y + 14 + 16 * i;
            string dash = series[i].Dashed ? " stroke-dasharray=\"5 4\"" : "";
            sb.Append($"<line x1=\"{Svg.N(x + 6)}\" y1=\"{Svg.N(ly - 4)}\" x2=\"{Svg.N(x + 24)}\" y2=\"{Svg.N(ly - 4)}\" stroke=\"{Svg.Palette[i % Svg.Palette.Length]}\" stroke-width=\"2\"{dash}/>");
            Svg.Text(sb, x + 28, ly, series[i].Name, "start", "font-size=\"11\"");
        }
    }

    private static (double, double) Pad(double min, double max)
    {
        double span = max - min;
        if (!(span > 0)) span = Math.Abs(max) > 0 ? Math.Abs(max) : 1;
        return (min - 0.05 * span, max + 0.05 * span);
    }
}
