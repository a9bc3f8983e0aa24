using System.Runtime.Intrinsics;

namespace NetGen;

/// <summary>What the hardware and the compilation give NetGen's kernels, for logging.</summary>
public static class Acceleration
{
    /// <summary>
    /// The width, in bits, of the widest vectors NetGen's kernels run with: 512 (AVX-512), 256 (AVX2 and FMA), 128
    /// (SSE or Arm Neon: products then run as row loops, several times slower), or 0 (scalar code).
    /// </summary>
    /// <remarks>
    /// Under the JIT this is what the CPU offers. A Native AOT binary fixes it at publish time: NetGen's package
    /// compiles x64 AOT builds for x86-64-v3 (256) unless the project sets <c>IlcInstructionSet</c>, e.g. to
    /// <c>native</c> (512 on an AVX-512 machine).
    /// </remarks>
    public static int VectorBits =>
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;
}
