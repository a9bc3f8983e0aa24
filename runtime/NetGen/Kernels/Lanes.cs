using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// The vector operations of the kernels written once for every width (<see cref="MatrixVector{T}"/>,
/// <see cref="SmallDense"/>'s products for dW): the JIT compiles one copy of such a kernel per width, and a kernel picks
/// the widest the machine runs. <see cref="Vector{T}"/> is 256 bits wide on AVX-512 hardware unless the process asks for
/// more (DOTNET_MaxVectorTBitWidth), so 512-bit loops need <see cref="Vector512{T}"/> by name; a Native AOT build for
/// x86-64-v3 has only the 256-bit ones.
/// </summary>
internal unsafe interface ILanes<T, TVector>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVector : struct
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Load(T* source);

    /// <summary>a · b + c, rounded once.</summary>
    static abstract TVector Fma(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    /// <summary>The sum of the lanes.</summary>
    static abstract T Sum(TVector lanes);
}

/// <summary><see cref="ILanes{T, TVector}"/> in 512-bit vectors.</summary>
internal readonly unsafe struct Lanes512<T> : ILanes<T, Vector512<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c) => MicroKernel<T>.Fma(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> lanes) => Vector512.Sum(lanes);
}

/// <summary><see cref="ILanes{T, TVector}"/> in 256-bit vectors.</summary>
internal readonly unsafe struct Lanes256<T> : ILanes<T, Vector256<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

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
/// <see cref="ILanes{T, TVector}"/> in <see cref="Vector{T}"/>, whatever its width; its multiply-add is
/// <see cref="SmallDense.MultiplyAdd{T}"/> (rounded twice where the hardware has no FMA).
/// </summary>
internal readonly unsafe struct VectorLanes<T> : ILanes<T, Vector<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(T* source) => Vector.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Fma(Vector<T> a, Vector<T> b, Vector<T> c) => SmallDense.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Add(Vector<T> a, Vector<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector<T> lanes) => Vector.Sum(lanes);
}
