using System;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// How the learning rate changes from epoch to epoch during <c>Fit</c>, starting from the optimizer's learning rate α₀.
/// </summary>
public abstract class LearningRateSchedule
{
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

    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0 for the first) when training starts at <paramref name="initial"/>.</summary>
    public abstract double At(double initial, int epoch);

    private static double RequireFactor(double factor, string name) =>
        factor > 0 && factor <= 1 ? factor : throw new ArgumentOutOfRangeException(name, factor, "The decay factor must be greater than 0 and at most 1.");

    private sealed class StepDecay(int every, double factor) : LearningRateSchedule
    {
        private readonly int every = every > 0 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "The step must be at least one epoch.");
        private readonly double factor = RequireFactor(factor, nameof(factor));

        public override double At(double initial, int epoch) => initial * PortableMath.Power(factor, epoch / every);

        public override string ToString() => $"step decay ×{factor} every {every} epochs";
    }

    private sealed class ExponentialDecay(double rate) : LearningRateSchedule
    {
        private readonly double rate = RequireFactor(rate, nameof(rate));

        public override double At(double initial, int epoch) => initial * PortableMath.Power(rate, epoch);

        public override string ToString() => $"exponential decay ×{rate} per epoch";
    }
}
