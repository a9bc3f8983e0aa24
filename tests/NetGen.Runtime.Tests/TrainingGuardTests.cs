using NetGen.CompilerServices;
using NetGen.Tests;

namespace NetGen.Runtime.Tests;

public class TrainingGuardTests
{
    [Fact]
    public void A_second_thread_cannot_enter_while_the_first_trains_but_the_first_can_nest()
    {
        var guard = new TrainingGuard();
        using (guard.Enter("Fit"))
        {
            using (guard.Enter("Forward"))
            {
            }

            var error = OtherThread.Run(() => guard.Enter("TrainStep"));
            Assert.Equal(
                "TrainStep was called while another thread is training this network. A network trains on one thread at a time; " +
                "prediction is safe from any number of threads once training has finished.",
                error?.Message);
            var seenFromAnotherThread = false;
            Assert.Null(OtherThread.Run(() => seenFromAnotherThread = guard.IsTrainingOnAnotherThread));
            Assert.True(seenFromAnotherThread);
            Assert.False(guard.IsTrainingOnAnotherThread);
        }

        Assert.Null(OtherThread.Run(() => guard.Enter("TrainStep").Dispose()));
    }

    [Fact]
    public void A_read_fails_when_another_thread_trains_before_or_during_it()
    {
        var guard = new TrainingGuard();

        var before = guard.BeginRead("Predict");
        Assert.Null(OtherThread.Run(() => guard.Enter("Update").Dispose()));
        Assert.StartsWith("Predict was called", Assert.Throws<InvalidOperationException>(() => guard.EndRead(before, "Predict")).Message);

        using (guard.Enter("Fit"))
        {
            Assert.IsType<InvalidOperationException>(OtherThread.Run(() => guard.BeginRead("Save")));

            // The training thread itself reads freely, from a progress callback for instance.
            guard.EndRead(guard.BeginRead("Predict"), "Predict");
        }

        guard.EndRead(guard.BeginRead("Predict"), "Predict");
    }
}
