using System.Numerics;

namespace SemgKit.Signal.Filters;

/// <summary>
/// An immutable cascade of second-order sections in double precision, laid out like scipy's
/// <c>sos</c> array: per section <c>b0 b1 b2 a0 a1 a2</c> with a0 = 1, the overall gain folded into the
/// numerator of the first section (as <c>scipy.signal.zpk2sos</c> does).
/// </summary>
public sealed class Sos
{
    private readonly SosSection[] _sections;

    private Sos(SosSection[] sections) => _sections = sections;

    /// <summary>The number of second-order sections.</summary>
    public int SectionCount => _sections.Length;

    /// <summary>The sections, first applied first.</summary>
    public ReadOnlySpan<SosSection> Sections => _sections;

    /// <summary>Section <paramref name="index"/>.</summary>
    public SosSection this[int index] => _sections[index];

    /// <summary>
    /// Builds a cascade from scipy-layout coefficients: six per section, <c>b0 b1 b2 a0 a1 a2</c>.
    /// Sections whose a0 is not 1 are normalised by a0.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of 6, a0 is 0, or a value is not finite.</exception>
    public static Sos FromCoefficients(ReadOnlySpan<double> sixPerSection)
    {
        if (sixPerSection.Length == 0 || sixPerSection.Length % 6 != 0)
            throw new ArgumentException($"Expected six coefficients per section (b0 b1 b2 a0 a1 a2); got {sixPerSection.Length} values.", nameof(sixPerSection));
        var sections = new SosSection[sixPerSection.Length / 6];
        for (var s = 0; s < sections.Length; s++)
        {
            var c = sixPerSection.Slice(6 * s, 6);
            foreach (var v in c)
            {
                if (!double.IsFinite(v))
                    throw new ArgumentException($"Section {s} has a non-finite coefficient.", nameof(sixPerSection));
            }
            if (c[3] == 0)
                throw new ArgumentException($"Section {s} has a0 = 0.", nameof(sixPerSection));
            var a0 = c[3];
            sections[s] = a0 == 1.0
                ? new SosSection(c[0], c[1], c[2], c[4], c[5])
                : new SosSection(c[0] / a0, c[1] / a0, c[2] / a0, c[4] / a0, c[5] / a0);
        }
        return new Sos(sections);
    }

    /// <summary>Builds a cascade from sections (copied).</summary>
    public static Sos FromSections(ReadOnlySpan<SosSection> sections)
    {
        if (sections.IsEmpty)
            throw new ArgumentException("A cascade needs at least one section.", nameof(sections));
        return new Sos(sections.ToArray());
    }

    internal static Sos Wrap(SosSection[] sections) => new(sections);

    /// <summary>This cascade followed by <paramref name="next"/> (sections concatenated).</summary>
    public Sos Then(Sos next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new Sos([.. _sections, .. next._sections]);
    }

    /// <summary>The coefficients in scipy layout, six per section (<c>b0 b1 b2 1 a1 a2</c>).</summary>
    public double[] ToCoefficients()
    {
        var result = new double[6 * _sections.Length];
        for (var s = 0; s < _sections.Length; s++)
        {
            var q = _sections[s];
            result[6 * s] = q.B0;
            result[6 * s + 1] = q.B1;
            result[6 * s + 2] = q.B2;
            result[6 * s + 3] = 1.0;
            result[6 * s + 4] = q.A1;
            result[6 * s + 5] = q.A2;
        }
        return result;
    }

    /// <summary>
    /// The magnitude of the frequency response |H(e^{jω})| at <paramref name="frequencyHz"/>
    /// (ω = 2π·frequencyHz / sampleRateHz), like <c>abs(scipy.signal.sosfreqz(sos, [f], fs=fs)[1])</c>.
    /// </summary>
    public double Magnitude(double frequencyHz, double sampleRateHz)
    {
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, $"The sample rate must be a positive finite number of Hz; got {sampleRateHz} Hz.");
        var w = 2 * Math.PI * frequencyHz / sampleRateHz;
        var z1 = Complex.FromPolarCoordinates(1, -w);
        var z2 = z1 * z1;
        var h = Complex.One;
        foreach (var q in _sections)
            h *= (q.B0 + q.B1 * z1 + q.B2 * z2) / (1 + q.A1 * z1 + q.A2 * z2);
        return h.Magnitude;
    }
}
