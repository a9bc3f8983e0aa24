using NetGen;

// `NetGen.StartupProbe --save PATH` writes the initialized parameters; `NetGen.StartupProbe PATH` loads them and
// predicts one example, which is what a process serving a trained network does first. Prints the predicted class.
var network = new Probe(seed: 1);
switch (args)
{
    case ["--save", var path]:
        network.Save(path);
        return 0;
    case [var path]:
        network.Load(path);
        break;
    default:
        Console.Error.WriteLine("usage: NetGen.StartupProbe [--save] PATH");
        return 2;
}

var x = new float[Probe.InputSize];
for (var i = 0; i < x.Length; i++)
{
    x[i] = i % 7 / 7f;
}

var probabilities = new float[Probe.OutputSize];
network.Predict(x, probabilities);
Console.WriteLine($"class {Array.IndexOf(probabilities, probabilities.Max())}, vector bits {Acceleration.VectorBits}");
return 0;

/// <summary>The network of issue 9's measurement: 256 → 512 → 512 → 10.</summary>
[Network(Inputs = 256)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
internal partial class Probe;
