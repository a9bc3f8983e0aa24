using System.Numerics;

namespace NetGen.Runtime.Tests;

/// <summary>
/// The scans and the check pass of the guarded update find a bad value at every position: in either of the two
/// vector accumulators, in the last odd vector, and in the scalar tail.
/// </summary>
public class ValueCheckTests
{
    [Fact]
    public void A_value_out_of_range_is_found_at_every_position()
    {
        EveryPosition<float>();
        EveryPosition<double>();
    }

    [Fact]
    public void A_step_that_is_not_finite_is_found_at_every_position()
    {
        StepEveryPosition<float>();
        StepEveryPosition<double>();
    }

    [Fact]
    public void Range_bounds_are_inclusive_and_negative_zero_is_zero()
    {
        Assert.Equal(-1, ValueChecks.IndexOutside<double>([0, 1, -0.0, 0.5], 0, 1));
        Assert.Equal(1, ValueChecks.IndexOutside<double>([0, Math.BitIncrement(1.0)], 0, 1));
        Assert.Equal(-1, ValueChecks.IndexNotFinite<float>([float.MaxValue, -float.MaxValue, float.Epsilon]));
    }

    private static void EveryPosition<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var length in Enumerable.Range(1, (3 * Vector<T>.Count) + 3))
        {
            for (var position = 0; position < length; position++)
            {
                foreach (var bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
                {
                    var values = Enumerable.Repeat(T.CreateTruncating(0.5), length).ToArray();
                    values[position] = bad;

                    Assert.Equal(position, ValueChecks.IndexNotFinite<T>(values));
                }

                var labels = Enumerable.Repeat(T.One, length).ToArray();
                labels[position] = T.CreateTruncating(2);
                Assert.Equal(position, ValueChecks.IndexOutside<T>(labels, T.Zero, T.One));
            }
        }
    }

    private static void StepEveryPosition<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var length in Enumerable.Range(1, (3 * Vector<T>.Count) + 3))
        {
            var parameter = Enumerable.Repeat(T.One, length).ToArray();
            Assert.True(GradientStep.IsFinite<T>(parameter, parameter, T.One));
            for (var position = 0; position < length; position++)
            {
                var gradient = Enumerable.Repeat(T.One, length).ToArray();
                gradient[position] = T.NaN;
                Assert.False(GradientStep.IsFinite<T>(parameter, gradient, T.One), $"NaN at {position} of {length}");

                gradient[position] = -T.BitDecrement(T.PositiveInfinity);
                Assert.False(GradientStep.IsFinite<T>(parameter, gradient, T.CreateTruncating(2)), $"overflow at {position} of {length}");
            }
        }
    }
}
