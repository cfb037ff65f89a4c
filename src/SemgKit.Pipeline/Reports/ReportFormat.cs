using System.Globalization;

namespace SemgKit.Pipeline.Reports;

/// <summary>Number formatting shared by the HTML and Markdown reports (invariant culture; "–" for non-finite).</summary>
internal static class ReportFormat
{
    public static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Pct(double v) => double.IsFinite(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "–";
}
