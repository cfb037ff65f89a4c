namespace SemgKit.Pipeline.Reports.Plots;

/// <summary>
/// A labelled heat map (e.g. a confusion matrix): one cell per (row, column), coloured by value on a
/// sequential scale, with the cell text printed inside.
/// </summary>
public static class HeatmapPlot
{
    /// <param name="title">Plot title.</param>
    /// <param name="rowLabels">Labels down the left side (e.g. true classes).</param>
    /// <param name="columnLabels">Labels along the bottom (e.g. predicted classes).</param>
    /// <param name="values">Colour values in [0, 1], [row][column].</param>
    /// <param name="cellText">Text in each cell, [row][column].</param>
    /// <param name="rowAxis">Name of the row axis.</param>
    /// <param name="columnAxis">Name of the column axis.</param>
    public static string Render(
        string title,
        IReadOnlyList<string> rowLabels,
        IReadOnlyList<string> columnLabels,
        IReadOnlyList<IReadOnlyList<double>> values,
        IReadOnlyList<IReadOnlyList<string>> cellText,
        string rowAxis = "true class",
        string columnAxis = "predicted class")
    {
        int rows = rowLabels.Count, columns = columnLabels.Count;
        double cell = Math.Clamp(420.0 / Math.Max(rows, columns), 26, 64);
        double labelWidth = 16 + 7 * Math.Max(4, rowLabels.Max(l => l.Length));
        double labelHeight = 16 + 4.6 * Math.Max(4, columnLabels.Max(l => l.Length));
        double left = labelWidth + 22, top = 32;
        double width = left + columns * cell + 20, height = top + rows * cell + labelHeight + 22;
        var sb = Svg.Begin(width, height, title);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = values[r][c];
                double x = left + c * cell, y = top + r * cell;
                sb.Append($"<rect x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(cell)}\" height=\"{Svg.N(cell)}\" fill=\"{Svg.Sequential(v)}\" stroke=\"#ffffff\"><title>{Svg.Escape($"{rowLabels[r]} → {columnLabels[c]}: {cellText[r][c]}")}</title></rect>");
                string ink = v > 0.55 ? "#ffffff" : "#1a1a1a";
                Svg.Text(sb, x + cell / 2, y + cell / 2 + 4, cellText[r][c], extra: $"fill=\"{ink}\" font-size=\"{Svg.N(Math.Min(12, cell / 3.2))}\"");
            }
            Svg.Text(sb, left - 6, top + r * cell + cell / 2 + 4, rowLabels[r], "end");
        }
        for (int c = 0; c < columns; c++)
        {
            double x = left + c * cell + cell / 2, y = top + rows * cell + 8;
            sb.Append($"<text x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" text-anchor=\"end\" transform=\"rotate(-45 {Svg.N(x)} {Svg.N(y)})\">{Svg.Escape(columnLabels[c])}</text>");
        }
        Svg.Text(sb, left + columns * cell / 2, height - 6, columnAxis, extra: "font-style=\"italic\"");
        double my = top + rows * cell / 2;
        sb.Append($"<text x=\"14\" y=\"{Svg.N(my)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Svg.N(my)})\" font-style=\"italic\">{Svg.Escape(rowAxis)}</text>");
        return Svg.End(sb);
    }
}
