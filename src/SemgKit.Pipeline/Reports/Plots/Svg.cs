using System.Globalization;
using System.Net;
using System.Text;

namespace SemgKit.Pipeline.Reports.Plots;

/// <summary>Low-level SVG text helpers shared by the plots: invariant numbers, escaping, palette, nice axis ticks.</summary>
internal static class Svg
{
    /// <summary>Okabe–Ito colour-blind-safe palette.</summary>
    public static readonly string[] Palette =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public const string Font = "font-family=\"system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif\"";

    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public static StringBuilder Begin(double width, double height, string title)
    {
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-label=\"{Escape(title)}\" class=\"plot\" {Font} font-size=\"12\">");
        sb.Append($"<title>{Escape(title)}</title>");
        sb.Append($"<rect x=\"0\" y=\"0\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>");
        sb.Append($"<text x=\"{N(width / 2)}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\">{Escape(title)}</text>");
        return sb;
    }

    public static string End(StringBuilder sb) => sb.Append("</svg>").ToString();

    public static void Text(StringBuilder sb, double x, double y, string text, string anchor = "middle", string extra = "") =>
        sb.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" {extra}>{Escape(text)}</text>");

    public static void Line(StringBuilder sb, double x1, double y1, double x2, double y2, string stroke = "#333", double width = 1, string extra = "") =>
        sb.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" {extra}/>");

    /// <summary>About <paramref name="count"/> round tick values covering [min, max] (1, 2, 2.5, 5 × 10^k steps).</summary>
    public static double[] NiceTicks(double min, double max, int count = 5)
    {
        if (!(max > min)) max = min + 1;
        double raw = (max - min) / Math.Max(1, count);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        double start = Math.Ceiling(min / step - 1e-9) * step;
        var ticks = new List<double>();
        for (double t = start; t <= max + step * 1e-9; t += step)
            ticks.Add(Math.Round(t / step) * step + 0.0); // + 0.0 turns -0 into 0
        return ticks.ToArray();
    }

    public static string Tick(double v) => Math.Abs(v) >= 1000 || (Math.Abs(v) < 0.01 && v != 0)
        ? v.ToString("0.##E0", CultureInfo.InvariantCulture)
        : v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Sequential colour scale from near-white to dark blue for t in [0, 1].</summary>
    public static string Sequential(double t)
    {
        t = double.IsFinite(t) ? Math.Clamp(t, 0, 1) : 0;
        // interpolate #f7fbff -> #6baed6 -> #08306b
        (double r, double g, double b) a = (247, 251, 255), m = (107, 174, 214), z = (8, 48, 107);
        var (p, q, u) = t < 0.5 ? (a, m, t * 2) : (m, z, (t - 0.5) * 2);
        int R = (int)Math.Round(p.r + (q.r - p.r) * u), G = (int)Math.Round(p.g + (q.g - p.g) * u), B = (int)Math.Round(p.b + (q.b - p.b) * u);
        return $"#{R:x2}{G:x2}{B:x2}";
    }
}
