using NetGen;

// The networks of the performance protocol (docs/architecture.md, "Performance protocol"), each in both precisions. Apart
// from chains (tanh, linear output, squared error), hidden layers are ReLU and the output is a sigmoid, so the loss is
// inferred as binary cross-entropy. predict1 and serving reuse the mlp network.
namespace NetGen.Benchmarks;

/// <summary>tiny: 2 → 4 → 1, single precision.</summary>
[Network(Inputs = 2)]
[Dense(4, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TinyF32;

/// <summary>tiny: 2 → 4 → 1, double precision.</summary>
[Network(Inputs = 2, Precision = Precision.Double)]
[Dense(4, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TinyF64;

/// <summary>deep: 12288 → 20 → 7 → 5 → 1 (the textbook cat classifier), single precision.</summary>
[Network(Inputs = 12288)]
[Dense(20, Activation.ReLU)]
[Dense(7, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class DeepF32;

/// <summary>deep: 12288 → 20 → 7 → 5 → 1, double precision.</summary>
[Network(Inputs = 12288, Precision = Precision.Double)]
[Dense(20, Activation.ReLU)]
[Dense(7, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class DeepF64;

/// <summary>mlp: 784 → 128 → 64 → 1, single precision; also the predict1 network.</summary>
[Network(Inputs = 784)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class MlpF32;

/// <summary>mlp: 784 → 128 → 64 → 1, double precision; also the predict1 network.</summary>
[Network(Inputs = 784, Precision = Precision.Double)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class MlpF64;

/// <summary>wide: 1024 → 1024 → 1024 → 1, single precision.</summary>
[Network(Inputs = 1024)]
[Dense(1024, Activation.ReLU)]
[Dense(1024, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class WideF32;

/// <summary>wide: 1024 → 1024 → 1024 → 1, double precision.</summary>
[Network(Inputs = 1024, Precision = Precision.Double)]
[Dense(1024, Activation.ReLU)]
[Dense(1024, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class WideF64;

/// <summary>
/// chains: 4 → 32 → 16 → 4 with tanh hidden layers, a linear output and squared error, trained with Adam (SimpleChains.jl's
/// benchmark shape, workload "chains" of tools/bench/peers.py), single precision.
/// </summary>
[Network(Inputs = 4, Loss = Loss.MeanSquaredError)]
[Dense(32, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class ChainsF32;

/// <summary>chains: 4 → 32 → 16 → 4, tanh, linear output, squared error, double precision.</summary>
[Network(Inputs = 4, Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Dense(32, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4, Activation.Linear)]
public partial class ChainsF64;
