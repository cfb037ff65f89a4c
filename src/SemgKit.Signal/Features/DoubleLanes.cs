using System.Numerics;
using System.Runtime.Intrinsics;

namespace SemgKit.Signal.Features;

/// <summary>
/// A SIMD register of double lanes, so one generic kernel serves 512-bit AVX-512 registers (<see cref="Lanes512"/>, 8 lanes)
/// and the portable <see cref="Vector{T}"/> (<see cref="LanesVector"/>, 4 lanes with AVX2, 2 with SSE/NEON).
/// The JIT specialises every generic method per struct, so the wrappers cost nothing. Masks are lanes with all bits set.
/// </summary>
internal interface IDoubleLanes<TSelf> where TSelf : unmanaged, IDoubleLanes<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf Create(double value);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator |(TSelf a, TSelf b);
    /// <summary>Mask of a &gt; b.</summary>
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    /// <summary>a and not b, bitwise.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);
    /// <summary>Lanes of <paramref name="ifSet"/> where <paramref name="mask"/> is set, else of <paramref name="ifClear"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifSet, TSelf ifClear);
    /// <summary>Every lane of the mask set.</summary>
    static abstract bool AllSet(TSelf mask);
    double this[int lane] { get; }
    /// <summary>Lane <paramref name="lane"/> of a mask set.</summary>
    bool IsSet(int lane);
}

/// <summary>Eight double lanes in one AVX-512 register.</summary>
internal readonly struct Lanes512(Vector512<double> v) : IDoubleLanes<Lanes512>
{
    private readonly Vector512<double> _v = v;
    public static int Count => Vector512<double>.Count;
    public static Lanes512 Create(double value) => new(Vector512.Create(value));
    public static Lanes512 operator +(Lanes512 a, Lanes512 b) => new(a._v + b._v);
    public static Lanes512 operator -(Lanes512 a, Lanes512 b) => new(a._v - b._v);
    public static Lanes512 operator *(Lanes512 a, Lanes512 b) => new(a._v * b._v);
    public static Lanes512 operator /(Lanes512 a, Lanes512 b) => new(a._v / b._v);
    public static Lanes512 operator |(Lanes512 a, Lanes512 b) => new(a._v | b._v);
    public static Lanes512 GreaterThan(Lanes512 a, Lanes512 b) => new(Vector512.GreaterThan(a._v, b._v));
    public static Lanes512 AndNot(Lanes512 a, Lanes512 b) => new(Vector512.AndNot(a._v, b._v));
    public static Lanes512 Select(Lanes512 mask, Lanes512 ifSet, Lanes512 ifClear) => new(Vector512.ConditionalSelect(mask._v, ifSet._v, ifClear._v));
    public static bool AllSet(Lanes512 mask) => Vector512.EqualsAll(mask._v.AsInt64(), Vector512<long>.AllBitsSet);
    public double this[int lane] => _v.GetElement(lane);
    public bool IsSet(int lane) => _v.AsInt64().GetElement(lane) != 0;
}

/// <summary>The portable <see cref="Vector{T}"/> of double.</summary>
internal readonly struct LanesVector(Vector<double> v) : IDoubleLanes<LanesVector>
{
    private readonly Vector<double> _v = v;
    public static int Count => Vector<double>.Count;
    public static LanesVector Create(double value) => new(new Vector<double>(value));
    public static LanesVector operator +(LanesVector a, LanesVector b) => new(a._v + b._v);
    public static LanesVector operator -(LanesVector a, LanesVector b) => new(a._v - b._v);
    public static LanesVector operator *(LanesVector a, LanesVector b) => new(a._v * b._v);
    public static LanesVector operator /(LanesVector a, LanesVector b) => new(a._v / b._v);
    public static LanesVector operator |(LanesVector a, LanesVector b) => new(a._v | b._v);
    public static LanesVector GreaterThan(LanesVector a, LanesVector b) => new(Vector.GreaterThan(a._v, b._v).As<long, double>());
    public static LanesVector AndNot(LanesVector a, LanesVector b) => new(Vector.AndNot(a._v, b._v));
    public static LanesVector Select(LanesVector mask, LanesVector ifSet, LanesVector ifClear) => new(Vector.ConditionalSelect(mask._v, ifSet._v, ifClear._v));
    public static bool AllSet(LanesVector mask) => Vector.EqualsAll(mask._v.As<double, long>(), Vector<long>.AllBitsSet);
    public double this[int lane] => _v[lane];
    public bool IsSet(int lane) => _v.As<double, long>()[lane] != 0;
}
