using SemgKit.Signal.Filters;

namespace SemgKit.Signal.Tests.Filters;

public class DesignTests
{
    public static TheoryData<int> ButterCaseIndices()
    {
        var data = new TheoryData<int>();
        var count = GoldenFixtures.Load("butter_sos.json").GetProperty("cases").GetArrayLength();
        for (var i = 0; i < count; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(ButterCaseIndices))]
    public void ButterworthMatchesScipyButterSos(int caseIndex)
    {
        var c = GoldenFixtures.Load("butter_sos.json").GetProperty("cases")[caseIndex];
        var btype = c.GetProperty("btype").GetString();
        var order = c.GetProperty("order").GetInt32();
        var wn = GoldenFixtures.Row(c.GetProperty("wnHz"));
        var fs = c.GetProperty("fsHz").GetDouble();
        var expected = GoldenFixtures.Matrix(c.GetProperty("sos")).SelectMany(r => r).ToArray();
        var sos = btype switch
        {
            "lowpass" => Butterworth.LowPass(order, wn[0], fs),
            "highpass" => Butterworth.HighPass(order, wn[0], fs),
            "bandpass" => Butterworth.BandPass(order, wn[0], wn[1], fs),
            "bandstop" => Butterworth.BandStop(order, wn[0], wn[1], fs),
            _ => throw new InvalidOperationException(btype),
        };
        // Relative 1e-9 per coefficient, with a floor at 1e-9 of the row's largest magnitude for coefficients that are ~0.
        var actual = sos.ToCoefficients();
        Assert.Equal(expected.Length, actual.Length);
        for (var s = 0; s < expected.Length / 6; s++)
        {
            GoldenFixtures.AssertClose(expected.AsSpan(6 * s, 3), actual.AsSpan(6 * s, 3), 1e-9, 1e-6, $"{btype} N={order} fs={fs} b, section {s}");
            GoldenFixtures.AssertClose(expected.AsSpan(6 * s + 3, 3), actual.AsSpan(6 * s + 3, 3), 1e-9, 1e-6, $"{btype} N={order} fs={fs} a, section {s}");
        }
    }

    [Fact]
    public void NotchMatchesScipyIirnotch()
    {
        foreach (var c in GoldenFixtures.Load("iirnotch.json").GetProperty("cases").EnumerateArray())
        {
            var sos = Notch.Design(c.GetProperty("f0Hz").GetDouble(), c.GetProperty("q").GetDouble(), c.GetProperty("fsHz").GetDouble());
            var expected = GoldenFixtures.Matrix(c.GetProperty("sos"))[0];
            GoldenFixtures.AssertClose(expected, sos.ToCoefficients(), 1e-12, 1e-6, "iirnotch");
        }
    }

    [Fact]
    public void NotchRejectsItsFrequencyAndPassesDc()
    {
        var sos = Notch.Design(50, 30, 1000);
        Assert.True(sos.Magnitude(50, 1000) < 1e-9);
        Assert.Equal(1.0, sos.Magnitude(0, 1000), 12);
        Assert.InRange(sos.Magnitude(50 + 50.0 / 30 / 2, 1000), 0.69, 0.72); // −3 dB edge (bilinear warping makes it not exactly symmetric)
    }

    [Theory]
    [InlineData(50.0, 1000.0, 9)]   // 50..450
    [InlineData(60.0, 1000.0, 8)]   // 60..480
    [InlineData(50.0, 200.0, 1)]    // 50 only (100 is Nyquist)
    [InlineData(60.0, 2048.0, 17)]  // 60..1020
    public void PowerLineCombNotchesEveryHarmonicBelowNyquist(double mainsHz, double fs, int expectedSections)
    {
        var sos = PowerLineComb.Design(mainsHz, 30, fs);
        Assert.Equal(expectedSections, sos.SectionCount);
        for (var h = 1; h <= expectedSections; h++)
        {
            Assert.True(sos.Magnitude(h * mainsHz, fs) < 1e-6, $"harmonic {h}");
            var single = Notch.Design(h * mainsHz, 30, fs).ToCoefficients();
            Assert.Equal(single, sos.ToCoefficients().AsSpan(6 * (h - 1), 6).ToArray());
        }
        Assert.True(sos.Magnitude(mainsHz * 1.5, fs) > 0.9);
    }

    [Fact]
    public void ButterworthHasUnitPassbandAndHalfPowerAtCutoff()
    {
        var lp = Butterworth.LowPass(4, 100, 1000);
        Assert.Equal(1.0, lp.Magnitude(0, 1000), 12);
        Assert.Equal(1 / Math.Sqrt(2), lp.Magnitude(100, 1000), 10);
        var bp = Butterworth.BandPass(4, 20, 450, 1000);
        Assert.Equal(1 / Math.Sqrt(2), bp.Magnitude(20, 1000), 10);
        Assert.Equal(1 / Math.Sqrt(2), bp.Magnitude(450, 1000), 10);
        Assert.Equal(4, bp.SectionCount);
    }

    [Fact]
    public void InvalidDesignsNameTheFrequenciesInHz()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.LowPass(4, 600, 1000));
        Assert.Contains("600 Hz", e.Message);
        Assert.Contains("500 Hz", e.Message);
        Assert.Equal("cutoffHz", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.BandPass(4, 20, 500, 1000));
        Assert.Contains("highHz", e.Message);
        Assert.Contains("500 Hz", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.BandPass(4, 300, 200, 1000));
        Assert.Contains("300 Hz", e.Message);
        Assert.Contains("200 Hz", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(0, 20, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(4, 0, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(4, 20, double.NaN));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Notch.Design(120, 30, 200));
        Assert.Contains("100 Hz", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Notch.Design(50, 0, 1000));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => PowerLineComb.Design(55, 30, 1000));
        Assert.Contains("55 Hz", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => PowerLineComb.Design(60, 30, 100));
        Assert.Contains("50 Hz", e.Message);
    }

    [Fact]
    public void SosFromCoefficientsNormalisesA0AndValidates()
    {
        var sos = Sos.FromCoefficients([2, 4, 2, 2, 1, 0.5]);
        Assert.Equal(new SosSection(1, 2, 1, 0.5, 0.25), sos[0]);
        Assert.Throws<ArgumentException>(() => Sos.FromCoefficients([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => Sos.FromCoefficients([1, 0, 0, 0, 0, 0]));
        Assert.Equal(2, sos.Then(sos).SectionCount);
    }
}
