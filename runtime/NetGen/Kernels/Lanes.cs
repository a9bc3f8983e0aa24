using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// The vector operations of the products written once for every width (<see cref="MatrixVector{T}"/>, and through
/// <see cref="IElementwiseLanes{T, TVector}"/> the small-layer kernels and the vector functions): the JIT compiles one
/// copy of such a kernel per width, and a kernel picks the widest the machine runs. <see cref="Vector{T}"/> is 256 bits
/// wide on AVX-512 hardware unless the process asks for more (DOTNET_MaxVectorTBitWidth), so 512-bit loops need
/// <see cref="Vector512{T}"/> by name; a Native AOT build for x86-64-v3 has only the 256-bit ones.
/// </summary>
internal unsafe interface ILanes<T, TVector>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVector : struct
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Load(T* source);

    /// <summary>a · b + c, rounded once where <see cref="FusesMultiplyAdd"/>, else twice.</summary>
    static abstract TVector Fma(TVector a, TVector b, TVector c);

    /// <summary>Whether <see cref="Fma"/> rounds once (FMA hardware, or Arm64).</summary>
    static abstract bool FusesMultiplyAdd { get; }

    static abstract TVector Add(TVector a, TVector b);

    /// <summary>The sum of the lanes.</summary>
    static abstract T Sum(TVector lanes);
}

/// <summary>
/// The elementwise operations the vector functions (<see cref="VectorMath{T, TVector, TLanes}"/>), the activations and
/// the small-layer kernels are written in, once for every width, as Eigen writes its packet math: each operation acts on
/// each lane alone and is the same instruction at every width, so a lane's result has the same bits whichever width
/// computed it.
/// </summary>
internal unsafe interface IElementwiseLanes<T, TVector> : ILanes<T, TVector>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVector : struct
{
    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(T value);

    static abstract void Store(TVector value, T* destination);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Divide(TVector a, TVector b);

    static abstract TVector Negate(TVector x);

    static abstract TVector Abs(TVector x);

    /// <summary>The magnitude of <paramref name="value"/> with the sign of <paramref name="sign"/>.</summary>
    static abstract TVector CopySign(TVector value, TVector sign);

    /// <summary>The larger lane, IEEE 754 maximum: NaN if either is NaN, +0 over −0.</summary>
    static abstract TVector Max(TVector a, TVector b);

    /// <summary>The instruction's minimum (its NaN and signed-zero rules, not IEEE 754's).</summary>
    static abstract TVector MinNative(TVector a, TVector b);

    /// <summary>The instruction's maximum (its NaN and signed-zero rules, not IEEE 754's).</summary>
    static abstract TVector MaxNative(TVector a, TVector b);

    /// <summary>The nearest whole number, ties to even.</summary>
    static abstract TVector Round(TVector x);

    static abstract TVector Floor(TVector x);

    /// <summary>All bits set in the lanes where a = b, else 0.</summary>
    static abstract TVector Equals(TVector a, TVector b);

    /// <summary>All bits set in the lanes where a &gt; b, else 0.</summary>
    static abstract TVector GreaterThan(TVector a, TVector b);

    /// <summary>All bits set in the lanes where a ≥ b, else 0.</summary>
    static abstract TVector GreaterThanOrEqual(TVector a, TVector b);

    /// <summary>All bits set in the lanes where a &lt; b, else 0.</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>Each lane from <paramref name="whereSet"/> where <paramref name="mask"/> is set, else from <paramref name="otherwise"/>.</summary>
    static abstract TVector ConditionalSelect(TVector mask, TVector whereSet, TVector otherwise);

    /// <summary>
    /// 2^k for each lane, built in the exponent field, for whole numbers k in the normal range (−126 … 127 in float,
    /// −1022 … 1023 in double). AVX2 has no double-to-long conversion: a double's exponent is read off the bits of
    /// k + 1.5·2⁵² + 1023, whose low bits hold 1023 + k.
    /// </summary>
    static abstract TVector PowerOfTwo(TVector k);
}

/// <summary>Which lanes the elementwise kernels run in, chosen once per precision when the JIT compiles for it.</summary>
internal static class Widest<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Whether <see cref="Lanes512{T}"/> is wider than <see cref="VectorLanes{T}"/> here: AVX-512 hardware, and a
    /// <see cref="Vector{T}"/> left at 256 bits (the default; DOTNET_MaxVectorTBitWidth=512 widens it).
    /// </summary>
    public static bool Is512 => Vector512.IsHardwareAccelerated && Vector<T>.Count < Vector512<T>.Count;

    /// <summary>Elements in a vector of the widest lanes.</summary>
    public static int Count => Is512 ? Vector512<T>.Count : Vector<T>.Count;
}

/// <summary><see cref="IElementwiseLanes{T, TVector}"/> in 512-bit vectors.</summary>
internal readonly unsafe struct Lanes512<T> : IElementwiseLanes<T, Vector512<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    // AVX-512 has FMA; without it Vector512's fused multiply-add is emulated, exactly.
    public static bool FusesMultiplyAdd => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c) => MicroKernel<T>.Fma(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> lanes) => Vector512.Sum(lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Create(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, T* destination) => Vector512.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> a, Vector512<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Negate(Vector512<T> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs(Vector512<T> x) => Vector512.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> CopySign(Vector512<T> value, Vector512<T> sign) => Vector512.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> a, Vector512<T> b) => Vector512.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MinNative(Vector512<T> a, Vector512<T> b) => Vector512.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MaxNative(Vector512<T> a, Vector512<T> b) => Vector512.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Round(Vector512<T> x) => typeof(T) == typeof(float)
        ? Vector512.Round(x.AsSingle()).As<float, T>()
        : Vector512.Round(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Floor(Vector512<T> x) => typeof(T) == typeof(float)
        ? Vector512.Floor(x.AsSingle()).As<float, T>()
        : Vector512.Floor(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Equals(Vector512<T> a, Vector512<T> b) => Vector512.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThan(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThanOrEqual(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThan(Vector512<T> a, Vector512<T> b) => Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ConditionalSelect(Vector512<T> mask, Vector512<T> whereSet, Vector512<T> otherwise) =>
        Vector512.ConditionalSelect(mask, whereSet, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> PowerOfTwo(Vector512<T> k) => typeof(T) == typeof(float)
        ? Vector512.ShiftLeft(Vector512.ConvertToInt32Native(k.AsSingle()) + Vector512.Create(127), 23).As<int, T>()
        : Vector512.ShiftLeft((k.AsDouble() + Vector512.Create(6755399441055744.0 + 1023)).AsInt64(), 52).As<long, T>();
}

/// <summary><see cref="ILanes{T, TVector}"/> in 256-bit vectors.</summary>
internal readonly unsafe struct Lanes256<T> : ILanes<T, Vector256<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    // Used where MicroKernel<T>.IsAccelerated: FMA hardware, or emulated exactly.
    public static bool FusesMultiplyAdd => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c) => MicroKernel<T>.Fma(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> lanes) => Vector256.Sum(lanes);
}

/// <summary>
/// <see cref="IElementwiseLanes{T, TVector}"/> in <see cref="Vector{T}"/>, whatever its width. Its multiply-add is rounded
/// once where the hardware has FMA and twice where it has not: a fused multiply-add without the instruction is emulated
/// exactly, one lane at a time, which made tiny's step 20× and chains' 60× slower (`DOTNET_EnableAVX2=0`, or a Native AOT
/// build below x86-64-v3).
/// </summary>
internal readonly unsafe struct VectorLanes<T> : IElementwiseLanes<T, Vector<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector<T>.Count;

    public static bool FusesMultiplyAdd => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(T* source) => Vector.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Fma(Vector<T> a, Vector<T> b, Vector<T> c) => typeof(T) == typeof(float)
        ? Vector.MultiplyAddEstimate(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
        : Vector.MultiplyAddEstimate(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Add(Vector<T> a, Vector<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector<T> lanes) => Vector.Sum(lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Create(T value) => new Vector<T>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, T* destination) => Vector.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Subtract(Vector<T> a, Vector<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Multiply(Vector<T> a, Vector<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Divide(Vector<T> a, Vector<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Negate(Vector<T> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Abs(Vector<T> x) => Vector.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> CopySign(Vector<T> value, Vector<T> sign) => Vector.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Max(Vector<T> a, Vector<T> b) => Vector.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MinNative(Vector<T> a, Vector<T> b) => Vector.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MaxNative(Vector<T> a, Vector<T> b) => Vector.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Round(Vector<T> x) => typeof(T) == typeof(float)
        ? Vector.Round(x.As<T, float>()).As<float, T>()
        : Vector.Round(x.As<T, double>()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Floor(Vector<T> x) => typeof(T) == typeof(float)
        ? Vector.Floor(x.As<T, float>()).As<float, T>()
        : Vector.Floor(x.As<T, double>()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Equals(Vector<T> a, Vector<T> b) => Vector.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> GreaterThan(Vector<T> a, Vector<T> b) => Vector.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> GreaterThanOrEqual(Vector<T> a, Vector<T> b) => Vector.GreaterThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> LessThan(Vector<T> a, Vector<T> b) => Vector.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> ConditionalSelect(Vector<T> mask, Vector<T> whereSet, Vector<T> otherwise) =>
        Vector.ConditionalSelect(mask, whereSet, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> PowerOfTwo(Vector<T> k) => typeof(T) == typeof(float)
        ? Vector.ShiftLeft(Vector.ConvertToInt32Native(k.As<T, float>()) + new Vector<int>(127), 23).As<int, T>()
        : Vector.ShiftLeft((k.As<T, double>() + new Vector<double>(6755399441055744.0 + 1023)).As<double, long>(), 52).As<long, T>();
}
