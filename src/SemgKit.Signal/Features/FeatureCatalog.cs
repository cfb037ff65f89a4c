using System.Globalization;

namespace SemgKit.Signal.Features;

/// <summary>
/// Resolves feature lists written by users: a group name (<c>Hudgins</c>/<c>HTD</c>, <c>TDPSD</c>, <c>LS4</c>, <c>LS9</c>,
/// <c>TDAR</c>, <c>COMB</c>, <c>TDFD</c>, …) or comma-separated codes and groups, each code optionally with one parameter
/// after a colon (<c>MAV,WL,ZC:0.01,SSC:0.0001,AR:6,WAMP:0.01</c>; thresholds in the signal's units, squared units for
/// SSC; orders and counts as integers). Spectral features (MNF, MDF, SM, PKF, DFTR and groups holding them) need the
/// sample rate: use <see cref="Parse(string, double)"/>.
/// </summary>
public static class FeatureCatalog
{
    /// <param name="CreateFromText">For a parameter that is not one number (e.g. WPE's <c>sym5:2</c>): builds the feature from the text after the colon.</param>
    private sealed record Entry(string Code, string Name, string Reference, string Parameter, bool NeedsRate, bool MultiChannel, Func<double?, double, object> Create,
        Func<string, object>? CreateFromText = null);

    private static readonly Entry[] Entries =
    [
        new("MAV", "Mean absolute value", "Hudgins 1993", "", false, false, (_, _) => new MeanAbsoluteValue()),
        new("ZC", "Zero crossings", "Hudgins 1993", "threshold", false, false, (p, _) => new ZeroCrossings((float)(p ?? 0))),
        new("SSC", "Slope sign changes", "Hudgins 1993 (LibEMG product form)", "threshold", false, false, (p, _) => new SlopeSignChanges((float)(p ?? 0))),
        new("WL", "Waveform length", "Hudgins 1993", "", false, false, (_, _) => new WaveformLength()),
        new("LS", "L-scale", "Hosking 1990; Phinyomark 2018", "", false, false, (_, _) => new LScale()),
        new("MFL", "Maximum fractal length", "Phinyomark 2013", "", false, false, (_, _) => new MaximumFractalLength()),
        new("MSR", "Mean value of the square root", "Phinyomark 2018", "", false, false, (_, _) => new MeanSquareRoot()),
        new("WAMP", "Willison amplitude", "Phinyomark 2012", "threshold", false, false, (p, _) => new WillisonAmplitude((float)(p ?? WillisonAmplitude.LibEmgDefaultThreshold))),
        new("RMS", "Root mean square", "Phinyomark 2012", "", false, false, (_, _) => new RootMeanSquare()),
        new("IAV", "Integrated absolute value", "Phinyomark 2012", "", false, false, (_, _) => new IntegratedAbsoluteValue()),
        new("DASDV", "Difference absolute standard deviation value", "Phinyomark 2012", "", false, false, (_, _) => new DifferenceAbsoluteStandardDeviation()),
        new("VAR", "Variance", "Phinyomark 2012", "", false, false, (_, _) => new Variance()),
        new("M0", "Root squared zero-order moment", "Khushaba 2017 (TD-PSD)", "", false, false, (_, _) => new RootSquaredZeroOrderMoment()),
        new("M2", "Root squared second-order moment", "Khushaba 2017 (TD-PSD)", "", false, false, (_, _) => new RootSquaredSecondOrderMoment()),
        new("M4", "Root squared fourth-order moment", "Khushaba 2017 (TD-PSD)", "", false, false, (_, _) => new RootSquaredFourthOrderMoment()),
        new("SPARSI", "Sparseness", "Khushaba 2017 (TD-PSD)", "", false, false, (_, _) => new Sparseness()),
        new("IRF", "Irregularity factor", "Khushaba 2017 (TD-PSD)", "", false, false, (_, _) => new IrregularityFactor()),
        new("WLF", "Waveform length factor", "Khushaba 2017 (TD-PSD)", "", false, false, (_, _) => new WaveformLengthFactor()),
        new("AR", "Autoregressive coefficients", "Graupe & Cline 1975; Yule-Walker", "order", false, false, (p, _) => new AutoregressiveCoefficients(Integer(p, 4, "AR"))),
        new("CC", "Cepstral coefficients", "Kang 1995", "order", false, false, (p, _) => new CepstralCoefficients(Integer(p, 4, "CC"))),
        new("LD", "Log detector", "Phinyomark 2012 (LibEMG ln(|x|+1))", "", false, false, (_, _) => new LogDetector()),
        new("MAVFD", "Mean absolute value of the first difference", "LibEMG", "", false, false, (_, _) => new MeanAbsoluteFirstDifference()),
        new("MAVSLP", "Mean absolute value slope", "Hudgins 1993", "segments", false, false, (p, _) => new MeanAbsoluteValueSlope(Integer(p, 2, "MAVSLP"))),
        new("MDF", "Median frequency", "Phinyomark 2012", "", true, false, (_, fs) => new MedianFrequency(fs)),
        new("MNF", "Mean frequency", "Phinyomark 2012", "", true, false, (_, fs) => new MeanFrequency(fs)),
        new("MNP", "Mean power", "Phinyomark 2012", "", false, false, (_, _) => new MeanPower()),
        new("MPK", "Maximum peak value", "LibEMG", "", false, false, (_, _) => new MaximumPeak()),
        new("SKEW", "Skewness", "LibEMG (scipy.stats.skew)", "", false, false, (_, _) => new Skewness()),
        new("KURT", "Kurtosis", "LibEMG (Pearson)", "", false, false, (_, _) => new Kurtosis()),
        new("RMSPHASOR", "RMS phasor", "Onay & Mert 2020", "", false, true, (_, _) => new RmsPhasor()),
        new("WLPHASOR", "Waveform length phasor", "Onay & Mert 2020", "", false, true, (_, _) => new WaveformLengthPhasor()),
        new("MZP", "Multiplication of peaks", "Too 2019 (LibEMG)", "", false, false, (_, _) => new MultiplicationOfPeaks()),
        new("PAP", "Peak average power", "LibEMG", "", false, false, (_, _) => new PeakAveragePower()),
        new("TM", "Temporal moment", "Phinyomark 2012", "order", false, false, (p, _) => new TemporalMoment(Integer(p, 3, "TM"))),
        new("SM", "Spectral moment", "Phinyomark 2012", "order", true, false, (p, fs) => new SpectralMoment(fs, Integer(p, 2, "SM"))),
        new("SAMPEN", "Sample entropy", "Richman & Moorman 2000", "tolerance", false, false, (p, _) => new SampleEntropy(2, (float)(p ?? 0.3))),
        new("FUZZYEN", "Fuzzy entropy", "Chen 2007", "tolerance", false, false, (p, _) => new FuzzyEntropy(2, (float)(p ?? 0.3))),
        new("DFTR", "Discrete Fourier transform representation", "He 2015", "", true, false, (_, fs) => new DiscreteFourierTransformRepresentation(fs)),
        new("ISD", "Integral square descriptor", "Khushaba (LibEMG)", "", false, false, (_, _) => new IntegralSquareDescriptor()),
        new("COR", "Coefficient of regularization", "Khushaba (LibEMG)", "", false, false, (_, _) => new CoefficientOfRegularization()),
        new("MDIFF", "Mean difference derivative", "Khushaba (LibEMG)", "", false, false, (_, _) => new MeanDifferenceDerivative()),
        new("MLK", "Mean logarithm kernel", "Khushaba (LibEMG)", "", false, false, (_, _) => new MeanLogarithmKernel()),
        new("ACT", "Hjorth activity", "Hjorth 1970", "", false, false, (_, _) => new HjorthActivity()),
        new("MOB", "Hjorth mobility", "Hjorth 1970", "", false, false, (_, _) => new HjorthMobility()),
        new("COMP", "Hjorth complexity", "Hjorth 1970", "", false, false, (_, _) => new HjorthComplexity()),
        new("PKF", "Peak frequency", "BioPatRec (Ortiz-Catalan 2013)", "", true, false, (_, fs) => new PeakFrequency(fs)),
        new("CARD", "Cardinality", "BioPatRec (Ortiz-Catalan 2013)", "threshold", false, false, (p, _) => new Cardinality((float)(p ?? 0))),
        new("HFD", "Higuchi fractal dimension", "Higuchi 1988", "kMax", false, false, (p, _) => new HiguchiFractalDimension(Integer(p, 10, "HFD"))),
        new("KFD", "Katz fractal dimension", "Katz 1988", "", false, false, (_, _) => new KatzFractalDimension()),
        new("ICC", "Inter-channel correlation", "BioPatRec (Ortiz-Catalan 2013)", "", false, true, (_, _) => new InterChannelCorrelation()),
        new("WENG", "Wavelet energy (sym8, LibEMG levels)", "LibEMG getWENGfeat", "", true, false, (_, fs) => new WaveletEnergy(fs)),
        new("WV", "Wavelet variance (sym8, LibEMG levels)", "LibEMG getWVfeat", "", true, false, (_, fs) => new WaveletVariance(fs)),
        new("WWL", "Wavelet waveform length (sym8, LibEMG levels)", "LibEMG getWWLfeat", "", true, false, (_, fs) => new WaveletWaveformLength(fs)),
        new("WENT", "Wavelet entropy (sym8, LibEMG levels)", "LibEMG getWENTfeat", "", true, false, (_, fs) => new WaveletEntropy(fs)),
        new("PSD", "Welch power spectral density bins (Hann, 50 % overlap; parameter = segment samples)", "Welch 1967 (scipy.signal.welch)", "segment", true, false,
            (p, fs) => new WelchPowerSpectralDensity(fs, Integer(p, 128, "PSD"))),
        new("WPE", "Wavelet-packet node energies (default db4, depth 3; WPE:2, WPE:sym5 or WPE:sym5:2)", "Wavelet packets (Coifman & Wickerhauser 1992)", "[wavelet:]depth", false, false,
            (p, _) => new WaveletPacketEnergy(Wavelets.Wavelet.FromName("db4"), Integer(p, 3, "WPE")), WaveletPacketEnergyFromText),
    ];

    private static readonly (string Name, string[] Aliases, string[] Tokens)[] GroupTable =
    [
        ("Hudgins", ["HTD"], ["MAV", "WL", "ZC", "SSC"]),
        ("TDPSD", ["TD-PSD"], ["M0", "M2", "M4", "SPARSI", "IRF", "WLF"]),
        ("LS4", [], ["LS", "MFL", "MSR", "WAMP"]),
        ("LS9", [], ["LS", "MFL", "MSR", "WAMP", "ZC", "RMS", "IAV", "DASDV", "VAR"]),
        ("TDAR", [], ["MAV", "WL", "ZC", "SSC", "AR:4"]),
        ("COMB", [], ["WL", "SSC", "LD", "AR:9"]),
        ("TDFD", [], ["MAV", "RMS", "WL", "ZC", "SSC", "VAR", "MNF", "MDF", "PKF", "MNP"]),
        ("TSTD", [], ["MAVFD", "DASDV", "WAMP", "ZC", "MFL", "SAMPEN", "M0", "M2", "M4", "SPARSI", "IRF", "WLF"]),
        ("ITD", [], ["ISD", "COR", "MDIFF", "MLK"]),
        ("HJORTH", [], ["ACT", "MOB", "COMP"]),
    ];

    /// <summary>Codes accepted in a list.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Entries.Select(e => e.Code)];

    /// <summary>Group names accepted in place of (or inside) a list.</summary>
    public static IReadOnlyList<string> Groups { get; } = [.. GroupTable.Select(g => g.Name)];

    /// <summary>The codes of group <paramref name="name"/> (case-insensitive; aliases accepted), with any parameter (e.g. "AR:9").</summary>
    /// <exception cref="ArgumentException">Unknown group.</exception>
    public static IReadOnlyList<string> GroupContents(string name) =>
        FindGroup(name)?.Tokens ?? throw new ArgumentException($"unknown group '{name}' (groups: {string.Join(", ", Groups)})");

    /// <summary>Every feature: code, name, values per channel (defaults, 1 kHz; 0 when multi-channel), reference.</summary>
    public static IReadOnlyList<FeatureInfo> Describe() =>
    [
        .. Entries.Select(e =>
        {
            var instance = e.Create(null, 1000);
            var values = instance is IFeature f ? f.ValuesPerChannel : 0;
            return new FeatureInfo(e.Code, e.Name, values, e.Reference, e.Parameter, e.NeedsRate, e.MultiChannel);
        }),
    ];

    /// <summary>
    /// True for codes whose values are a positive power of the signal's amplitude (MAV, RMS, WL, VAR, band powers, …):
    /// a gain g (skin, electrode, subject) multiplies them by gᵖ, so their logarithm moves by p·ln g, an offset that
    /// standardisation and linear models absorb. Counts (ZC, SSC, WAMP), frequencies, ratios, shape statistics and
    /// features that are already logarithmic (MFL, LD, M0, M2, M4, CC) are not in it.
    /// </summary>
    public static bool ScalesWithAmplitude(string code) => AmplitudeCodes.Contains(code);

    private static readonly HashSet<string> AmplitudeCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "MAV", "RMS", "WL", "IAV", "DASDV", "VAR", "MNP", "MSR", "LS", "ACT", "MAVFD", "MPK", "PAP", "ISD", "TM", "DFTR", "WENG", "WV", "WWL", "WPE", "PSD",
    };

    /// <summary>Parses a time-domain-only list (no sample rate); spectral features raise an <see cref="ArgumentException"/> asking for one.</summary>
    public static FeatureSet Parse(string text) => Parse(text, null);

    /// <summary>Parses <paramref name="text"/>; spectral features convert bins to Hz with <paramref name="sampleRateHz"/>.</summary>
    /// <exception cref="ArgumentException">Unknown code or group (the message lists the known ones), a bad parameter, or a duplicate.</exception>
    public static FeatureSet Parse(string text, double sampleRateHz)
    {
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must be finite and > 0 Hz.");
        return Parse(text, (double?)sampleRateHz);
    }

    private static FeatureSet Parse(string text, double? sampleRateHz)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var perChannel = new List<IFeature>();
        var multi = new List<IMultiChannelFeature>();
        foreach (var token in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var group = FindGroup(token);
            if (group is not null)
            {
                foreach (var member in group.Value.Tokens)
                    Add(member, sampleRateHz, perChannel, multi, $" (in group {group.Value.Name})");
            }
            else
            {
                Add(token, sampleRateHz, perChannel, multi, "");
            }
        }
        if (perChannel.Count == 0 && multi.Count == 0)
            throw new ArgumentException("empty feature list");
        var duplicate = perChannel.Select(f => f.Code).Concat(multi.Select(f => f.Code)).GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"feature '{duplicate.Key}' is listed more than once");
        return new FeatureSet(perChannel, multi);
    }

    private static void Add(string token, double? sampleRateHz, List<IFeature> perChannel, List<IMultiChannelFeature> multi, string where)
    {
        var parts = token.Split(':', 2, StringSplitOptions.TrimEntries);
        var code = parts[0].ToUpperInvariant();
        var entry = Array.Find(Entries, e => e.Code == code)
            ?? throw new ArgumentException($"unknown feature '{parts[0]}' (known: {string.Join(", ", Codes)}; groups: {string.Join(", ", Groups)})");
        double? parameter = null;
        if (parts.Length == 2 && entry.CreateFromText is { } fromText)
        {
            try
            {
                Collect(fromText(parts[1]), perChannel, multi);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"feature '{token}'{where}: {e.Message}", e);
            }
            return;
        }
        if (parts.Length == 2)
        {
            if (entry.Parameter.Length == 0)
                throw new ArgumentException($"feature '{token}'{where}: {entry.Code} takes no parameter");
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ArgumentException($"feature '{token}'{where}: {entry.Parameter} '{parts[1]}' is not a number");
            parameter = value;
        }
        if (entry.NeedsRate && sampleRateHz is null)
            throw new ArgumentException($"feature '{entry.Code}'{where} is spectral and needs the sample rate: use FeatureCatalog.Parse(text, sampleRateHz)");
        object feature;
        try
        {
            feature = entry.Create(parameter, sampleRateHz ?? 0);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"feature '{token}'{where}: {e.Message}", e);
        }
        Collect(feature, perChannel, multi);
    }

    private static void Collect(object feature, List<IFeature> perChannel, List<IMultiChannelFeature> multi)
    {
        if (feature is IMultiChannelFeature m)
            multi.Add(m);
        else
            perChannel.Add((IFeature)feature);
    }

    /// <summary>WPE's parameter: <c>depth</c> (db4), <c>wavelet</c> (depth 3) or <c>wavelet:depth</c>, e.g. <c>sym5:2</c>.</summary>
    private static WaveletPacketEnergy WaveletPacketEnergyFromText(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        bool leadingDepth = parts.Length == 1 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        string wavelet = leadingDepth ? "db4" : parts[0];
        string? depthText = leadingDepth ? parts[0] : parts.Length == 2 ? parts[1] : parts.Length == 1 ? null : throw new ArgumentException("expected WPE:depth, WPE:wavelet or WPE:wavelet:depth");
        int depth = 3;
        if (depthText is not null && !int.TryParse(depthText, NumberStyles.Integer, CultureInfo.InvariantCulture, out depth))
            throw new ArgumentException($"depth '{depthText}' is not an integer");
        return new WaveletPacketEnergy(Wavelets.Wavelet.FromName(wavelet), depth);
    }

    private static int Integer(double? value, int fallback, string code)
    {
        if (value is null)
            return fallback;
        if (value.Value != Math.Floor(value.Value) || value.Value < int.MinValue || value.Value > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The {code} parameter must be an integer.");
        return (int)value.Value;
    }

    private static (string Name, string[] Aliases, string[] Tokens)? FindGroup(string name)
    {
        foreach (var g in GroupTable)
        {
            if (g.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || g.Aliases.Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase)))
                return g;
        }
        return null;
    }
}
