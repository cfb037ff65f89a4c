namespace SemgKit.Pipeline.Reports.Plots;

/// <summary>A dense matrix drawn as an image (e.g. a spectrogram: frequency up, time across), with a colour scale.</summary>
public static class ImagePlot
{
    /// <param name="title">Plot title.</param>
    /// <param name="values">Row-major, <paramref name="rows"/> × <paramref name="columns"/>; row 0 is drawn at the bottom.</param>
    /// <param name="rows">Number of rows (e.g. frequency bins).</param>
    /// <param name="columns">Number of columns (e.g. frames).</param>
    /// <param name="xRange">Axis range of the columns.</param>
    /// <param name="yRange">Axis range of the rows.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="scaleLabel">What the colours mean (e.g. "dB").</param>
    public static string Render(string title, ReadOnlySpan<float> values, int rows, int columns, (double Min, double Max) xRange, (double Min, double Max) yRange,
        string xLabel, string yLabel, string scaleLabel, double width = 560, double height = 320)
    {
        var finite = values.ToArray().Where(float.IsFinite).Order().ToArray();
        double lo = finite.Length == 0 ? 0 : finite[(int)(0.05 * (finite.Length - 1))];
        double hi = finite.Length == 0 ? 1 : finite[(int)(0.995 * (finite.Length - 1))];
        if (!(hi > lo)) hi = lo + 1;
        double left = 62, right = 70, top = 34, bottom = 46;
        double pw = width - left - right, ph = height - top - bottom;
        double cw = pw / columns, rh = ph / rows;
        var sb = Svg.Begin(width, height, title);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = values[r * columns + c];
                double x = left + c * cw, y = top + ph - (r + 1) * rh;
                sb.Append($"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(cw + 0.3)}\" height=\"{Svg.N(rh + 0.3)}\" fill=\"{Svg.Sequential((v - lo) / (hi - lo))}\"/>");
            }
        }
        sb.Append($"<rect x=\"{Svg.N(left)}\" y=\"{Svg.N(top)}\" width=\"{Svg.N(pw)}\" height=\"{Svg.N(ph)}\" fill=\"none\" stroke=\"#333\"/>");
        foreach (var t in Svg.NiceTicks(xRange.Min, xRange.Max, 6).Where(t => t >= xRange.Min - 1e-9 && t <= xRange.Max + 1e-9))
        {
            double x = left + (t - xRange.Min) / (xRange.Max - xRange.Min) * pw;
            Svg.Line(sb, x, top + ph, x, top + ph + 4);
            Svg.Text(sb, x, top + ph + 16, Svg.Tick(t));
        }
        foreach (var t in Svg.NiceTicks(yRange.Min, yRange.Max).Where(t => t >= yRange.Min - 1e-9 && t <= yRange.Max + 1e-9))
        {
            double y = top + ph - (t - yRange.Min) / (yRange.Max - yRange.Min) * ph;
            Svg.Line(sb, left - 4, y, left, y);
            Svg.Text(sb, left - 6, y + 4, Svg.Tick(t), "end");
        }
        // colour scale
        double sx = left + pw + 14;
        for (int i = 0; i < 50; i++)
        {
            double y = top + ph - (i + 1) * ph / 50;
            sb.Append($"<rect x=\"{Svg.N(sx)}\" y=\"{Svg.N(y)}\" width=\"12\" height=\"{Svg.N(ph / 50 + 0.3)}\" fill=\"{Svg.Sequential((i + 0.5) / 50)}\"/>");
        }
        Svg.Text(sb, sx + 16, top + 8, Svg.Tick(hi), "start", "font-size=\"10\"");
        Svg.Text(sb, sx + 16, top + ph, Svg.Tick(lo), "start", "font-size=\"10\"");
        Svg.Text(sb, sx + 6, top - 6, scaleLabel, "middle", "font-size=\"10\"");
        Svg.Text(sb, left + pw / 2, height - 8, xLabel);
        double my = top + ph / 2;
        sb.Append($"<text x=\"14\" y=\"{Svg.N(my)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Svg.N(my)})\">{Svg.Escape(yLabel)}</text>");
        return Svg.End(sb);
    }
}
