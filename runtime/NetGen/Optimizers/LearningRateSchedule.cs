using System;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// How the learning rate changes from epoch to epoch during <c>Fit</c>, starting from the optimizer's learning rate α₀.
/// A schedule never takes the rate below <see cref="MinimumRate"/>: decay that would underflow to 0 stops there.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>
    /// The floor of every schedule, 10⁻³⁰: a decayed rate never goes below it (nor above α₀, when α₀ is smaller still).
    /// It is a normal number in single precision too (whose smallest normal number is about 1.2 · 10⁻³⁸), so it stays
    /// positive when a float network converts it, and it is far below any rate that still moves a parameter: a step
    /// of 10⁻³⁰ times a gradient of 1 vanishes in the rounding of any weight larger than 10⁻²³.
    /// </summary>
    public const double MinimumRate = 1e-30;

    private protected LearningRateSchedule()
    {
    }

    /// <summary>Step decay: α = α₀ · factor^⌊epoch / every⌋, dropping by <paramref name="factor"/> every <paramref name="every"/> epochs.</summary>
    /// <param name="every">The number of epochs between drops; positive.</param>
    /// <param name="factor">The multiplier at each drop, in (0, 1].</param>
    public static LearningRateSchedule Step(int every, double factor) => new StepDecay(every, factor);

    /// <summary>Exponential decay: α = α₀ · rate^epoch.</summary>
    /// <param name="rate">The multiplier per epoch, in (0, 1].</param>
    public static LearningRateSchedule Exponential(double rate) => new ExponentialDecay(rate);

    /// <summary>
    /// The learning rate of epoch <paramref name="epoch"/> (0 for the first) when training starts at
    /// <paramref name="initial"/>: the decayed rate, but at least <see cref="MinimumRate"/> (or
    /// <paramref name="initial"/>, if that is smaller).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="initial"/> is not a positive finite number, or <paramref name="epoch"/> is negative.
    /// </exception>
    public double At(double initial, int epoch)
    {
        Arguments.RequirePositiveFinite(initial, nameof(initial));
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Math.Max(initial * Decay(epoch), Math.Min(initial, MinimumRate));
    }

    /// <summary>The factor α / α₀ at <paramref name="epoch"/>, in [0, 1]; it may underflow to 0.</summary>
    private protected abstract double Decay(int epoch);

    private static double RequireFactor(double factor, string name) =>
        factor > 0 && factor <= 1 ? factor : throw new ArgumentOutOfRangeException(name, factor, "The decay factor must be greater than 0 and at most 1.");

    private sealed class StepDecay(int every, double factor) : LearningRateSchedule
    {
        private readonly int every = every > 0 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "The step must be at least one epoch.");
        private readonly double factor = RequireFactor(factor, nameof(factor));

        private protected override double Decay(int epoch) => PortableMath.Power(factor, epoch / every);

        public override string ToString() => $"step decay ×{factor} every {every} epochs";
    }

    private sealed class ExponentialDecay(double rate) : LearningRateSchedule
    {
        private readonly double rate = RequireFactor(rate, nameof(rate));

        private protected override double Decay(int epoch) => PortableMath.Power(rate, epoch);

        public override string ToString() => $"exponential decay ×{rate} per epoch";
    }
}
