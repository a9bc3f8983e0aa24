using System.Diagnostics;

namespace NetGen.Runtime.Tests;

/// <summary>
/// Predictions count themselves as running (<see cref="WorkerPool.SeveralPredictionsRunning"/>), so that a single-example
/// product does not hand rows to a worker while other callers have the cores, nor for a while after they overlapped. Run
/// alone: any other test's prediction would count too.
/// </summary>
[Collection(nameof(AllocationTests))]
public sealed class RunningPredictionTests : IDisposable
{
    private readonly long window = WorkerPool.OverlapWindow;

    public void Dispose() => WorkerPool.OverlapWindow = window;

    [Fact]
    public async Task A_prediction_sees_another_that_is_running_and_a_lone_one_sees_none()
    {
        WorkerPool.OverlapWindow = 0; // the count alone
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var seen = new List<bool>();
        var workspaces = Workspaces(() =>
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
    public async Task After_two_predictions_overlapped_a_lone_one_keeps_to_its_thread_until_the_window_has_passed()
    {
        WorkerPool.OverlapWindow = Stopwatch.Frequency * 3600; // an hour: no machine is that slow
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => Workspaces(() =>
        {
            inside.Set();
            Assert.True(release.Wait(TimeSpan.FromSeconds(10)));
        }).Predict([1f, 2f], new float[1]));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)));
        var overlapping = false;
        Workspaces(() => overlapping = WorkerPool.SeveralPredictionsRunning).Predict([3f, 4f], new float[1]);
        release.Set();
        await first;

        var withinTheWindow = false;
        Workspaces(() => withinTheWindow = WorkerPool.SeveralPredictionsRunning).Predict([5f, 6f], new float[1]);
        WorkerPool.OverlapWindow = 0; // the window has passed
        var afterIt = true;
        Workspaces(() => afterIt = WorkerPool.SeveralPredictionsRunning).Predict([7f, 8f], new float[1]);

        Assert.True(overlapping);
        Assert.True(withinTheWindow);
        Assert.False(afterIt);
    }

    [Fact]
    public void A_prediction_that_throws_stops_counting()
    {
        WorkerPool.OverlapWindow = 0; // the count alone
        var workspaces = Workspaces(() => throw new InvalidOperationException("the forward pass failed"));
        Assert.Throws<InvalidOperationException>(() => workspaces.Predict([1f, 2f], new float[1]));
        Assert.Throws<InvalidOperationException>(() => workspaces.Predict(new Matrix<float>(2, 3), new Matrix<float>(1, 3)));

        var seen = true;
        Workspaces(() => seen = WorkerPool.SeveralPredictionsRunning).Predict([1f, 2f], new float[1]);
        Assert.False(seen);
    }

    /// <summary>Prediction of a network with 2 inputs and 1 output whose forward passes, of a batch and of one example, run <paramref name="forward"/>.</summary>
    private static PredictionWorkspaces<float, Workspace> Workspaces(Action forward) =>
        new(new TrainingGuard(), inputSize: 2, outputSize: 1, (_, _, _, _) => forward(), (_, _) => forward(), exampleBuffers: 1);

    /// <summary>A network's workspace with no hidden layers: 1 output.</summary>
    public sealed class Workspace() : PredictionWorkspace<float>(1);
}
