using System;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.CompilerServices;

/// <summary>
/// The checkpoints of <c>Fit</c> (<see cref="TrainingOptions.CheckpointPath"/>): the parameters, as in a parameter file,
/// and the training state that makes a resumed run continue bit for bit as if it had never stopped. The state, inside
/// the file's checksum (<see cref="NetworkFile"/> writes, checks and replaces the file atomically), is little-endian:
/// <code>
/// optimizer type             length-prefixed UTF-8, e.g. "Adam"
/// step count                 int64, t of Adam's bias correction
/// initial learning rate      float64, the rate the schedule starts from
/// optimizer state            bool; if true, per parameter matrix, per state array, its values
/// next epoch                 int32
/// shuffling generator        4 × uint64
/// dropout generator          bool; if true (a network with dropout), 4 × uint64
/// example order              int32 m, then m int32: the permutation the next shuffle starts from
/// </code>
/// Loading checks all of it (the optimizer's type, finite state, a permutation of the m examples of X) before it
/// changes anything, and rejects a checkpoint that does not fit with an <see cref="InvalidDataException"/>.
/// </summary>
internal static class TrainingCheckpoint
{
    /// <summary>Saves a checkpoint of the run after an epoch, atomically.</summary>
    public static void Save<T>(string path, INetwork<T> network, Optimizer optimizer, int nextEpoch, double initialLearningRate, int[] order, DeterministicRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(optimizer.GetType().Name);
            writer.Write(optimizer.StepCount);
            writer.Write(initialLearningRate);
            var state = optimizer.StateOf(network);
            writer.Write(state is not null);
            foreach (var arrays in state ?? [])
            {
                foreach (var array in arrays)
                {
                    writer.Write(MemoryMarshal.AsBytes(array.AsSpan()));
                }
            }

            writer.Write(nextEpoch);
            WriteGenerator(writer, random);
            writer.Write(network.DropoutMasks is not null);
            if (network.DropoutMasks is { } dropout)
            {
                WriteGenerator(writer, dropout.Random);
            }

            writer.Write(order.Length);
            foreach (var index in order)
            {
                writer.Write(index);
            }
        }

        NetworkFile.Save(network, path, NetworkFile.Checkpoint, buffer.ToArray());
    }

    /// <summary>
    /// Loads the checkpoint at <paramref name="path"/> into the network, the optimizer, the order and the generator, all
    /// checked first; returns the next epoch and, in <paramref name="initialLearningRate"/>, the rate the schedule starts from.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this network, optimizer and data, or is damaged; nothing was changed.</exception>
    public static int Load<T>(string path, INetwork<T> network, Optimizer optimizer, int[] order, DeterministicRandom random, out double initialLearningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[][] values;
        byte[] bytes;
        using (var stream = File.OpenRead(path))
        {
            var read = NetworkFile.Read(stream, network, NetworkFile.Checkpoint);
            (values, bytes) = (read.Values, read.TrainingState!);
        }

        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            var type = reader.ReadString();
            if (type != optimizer.GetType().Name)
            {
                throw Invalid($"it was written by a {type} optimizer, but this run's optimizer is a {optimizer.GetType().Name}");
            }

            var stepCount = reader.ReadInt64();
            initialLearningRate = reader.ReadDouble();
            if (stepCount < 0 || !(initialLearningRate > 0 && double.IsFinite(initialLearningRate)))
            {
                throw Invalid($"its step count ({stepCount}) or learning rate ({initialLearningRate}) is out of range");
            }

            var state = reader.ReadBoolean() ? ReadState(reader, network, optimizer.StateBufferCount) : null;
            var nextEpoch = reader.ReadInt32();
            var generator = ReadGenerator(reader);
            var dropout = reader.ReadBoolean() ? ReadGenerator(reader) : default;
            if ((dropout == default) != (network.DropoutMasks is null))
            {
                throw Invalid("it was written for a network with dropout and this one has none, or the other way round");
            }

            var saved = ReadOrder(reader, order.Length);
            if (nextEpoch < 0 || generator == default || reader.BaseStream.Position != bytes.Length)
            {
                throw Invalid("its epoch, shuffling state or length is out of range");
            }

            NetworkFile.SetParameters(network, values);
            optimizer.Restore(network, state, stepCount);
            random.State = generator;
            if (network.DropoutMasks is { } masks)
            {
                masks.Random.State = dropout;
            }
            saved.CopyTo(order, 0);
            return nextEpoch;
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("The checkpoint is corrupted: its training state ends early.", exception);
        }
    }

    private static void WriteGenerator(BinaryWriter writer, DeterministicRandom random)
    {
        var (s0, s1, s2, s3) = random.State;
        writer.Write(s0);
        writer.Write(s1);
        writer.Write(s2);
        writer.Write(s3);
    }

    /// <summary>A generator's 256-bit state; all zero is no state (xoshiro never reaches it).</summary>
    private static (ulong, ulong, ulong, ulong) ReadGenerator(BinaryReader reader) =>
        (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());

    private static T[][][] ReadState<T>(BinaryReader reader, INetwork<T> network, int buffers)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var state = new T[network.Parameters.Count][][];
        for (var p = 0; p < state.Length; p++)
        {
            state[p] = new T[buffers][];
            for (var s = 0; s < buffers; s++)
            {
                state[p][s] = new T[network.Parameters[p].Length];
                reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(state[p][s].AsSpan()));
                if (ValueChecks.IndexNotFinite<T>(state[p][s]) >= 0)
                {
                    throw Invalid($"the optimizer's state of parameter matrix {p} holds a value that is not finite");
                }
            }
        }

        return state;
    }

    /// <summary>The saved order of the examples, which must be a permutation of the m columns of X.</summary>
    private static int[] ReadOrder(BinaryReader reader, int examples)
    {
        var count = reader.ReadInt32();
        if (count != examples)
        {
            throw Invalid($"it holds the order of {count} examples, but X has {examples}");
        }

        var order = new int[count];
        var seen = new bool[count];
        for (var j = 0; j < count; j++)
        {
            order[j] = reader.ReadInt32();
            if ((uint)order[j] >= (uint)count || seen[order[j]])
            {
                throw Invalid("its order of the examples is not a permutation");
            }

            seen[order[j]] = true;
        }

        return order;
    }

    private static InvalidDataException Invalid(string reason) => new($"The checkpoint does not fit this run: {reason}. Delete it to start over.");
}
