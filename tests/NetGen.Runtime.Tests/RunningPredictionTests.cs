namespace NetGen.Runtime.Tests;

/// <summary>
/// Predictions count themselves as running (<see cref="WorkerPool.SeveralPredictionsRunning"/>), so that a single-example
/// product does not hand rows to a worker while other callers have the cores. Run alone: any other test's prediction
/// would count too.
/// </summary>
[Collection(nameof(AllocationTests))]
public class RunningPredictionTests
{
    [Fact]
    public async Task A_prediction_sees_another_that_is_running_and_a_lone_one_sees_none()
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var seen = new List<bool>();
        var workspaces = Workspaces((_, _, _, _) =>
        {
            lock (seen)
            {
                seen.Add(WorkerPool.SeveralPredictionsRunning);
            }

            if (!inside.IsSet)
            {
                inside.Set();
                Assert.True(release.Wait(TimeSpan.FromSeconds(10)));
            }
        });

        var first = Task.Run(() => workspaces.Predict([1f, 2f], new float[1]));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)));
        workspaces.Predict([3f, 4f], new float[1]); // while the first is held inside its forward pass
        release.Set();
        await first;
        workspaces.Predict(new Matrix<float>(2, 3), new Matrix<float>(1, 3));

        Assert.Equal([false, true, false], seen);
    }

    [Fact]
    public void A_prediction_that_throws_stops_counting()
    {
        var workspaces = Workspaces((_, _, _, _) => throw new InvalidOperationException("the forward pass failed"));
        Assert.Throws<InvalidOperationException>(() => workspaces.Predict([1f, 2f], new float[1]));
        Assert.Throws<InvalidOperationException>(() => workspaces.Predict(new Matrix<float>(2, 1), new Matrix<float>(1, 1)));

        var seen = true;
        Workspaces((_, _, _, _) => seen = WorkerPool.SeveralPredictionsRunning).Predict([1f, 2f], new float[1]);
        Assert.False(seen);
    }

    private static PredictionWorkspaces<float, Workspace> Workspaces(Action<Matrix<float>, Matrix<float>, Matrix<float>, Workspace> forward) =>
        new(new TrainingGuard(), inputSize: 2, outputSize: 1, forward);

    /// <summary>A network's workspace with no hidden layers: 2 inputs, 1 output.</summary>
    public sealed class Workspace() : PredictionWorkspace<float>(2, 1);
}
