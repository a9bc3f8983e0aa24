using NetGen;

// Every activation and every kind of output, in both precisions: each network exported and run in ONNX Runtime.
namespace NetGen.Interop.Tests;

/// <summary>ReLU, then one sigmoid unit (binary cross-entropy).</summary>
[Network(Inputs = 5)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class ReLUSigmoidF32;

/// <summary>Leaky ReLU with its own slope, then softmax (categorical cross-entropy).</summary>
[Network(Inputs = 5)]
[Dense(8, Activation.LeakyReLU, Slope = 0.2)]
[Dense(4, Activation.Softmax)]
public partial class LeakySoftmaxF32;

/// <summary>Tanh, a linear hidden layer, then a linear output (squared error).</summary>
[Network(Inputs = 5)]
[Dense(8, Activation.Tanh)]
[Dense(6, Activation.Linear)]
[Dense(2, Activation.Linear)]
public partial class TanhLinearF32;

/// <summary>SiLU with dropout, then several sigmoid units (multi-label binary cross-entropy).</summary>
[Network(Inputs = 5)]
[Dense(8, Activation.SiLU, Dropout = 0.5)]
[Dense(3, Activation.Sigmoid)]
public partial class SiLUMultiLabelF32;

/// <summary>Sigmoid hidden layer with dropout, then a tanh output under squared error.</summary>
[Network(Inputs = 5, Loss = Loss.MeanSquaredError)]
[Dense(8, Activation.Sigmoid, Dropout = 0.25)]
[Dense(3, Activation.Tanh)]
public partial class SigmoidTanhF32;

/// <summary><see cref="ReLUSigmoidF32"/> in double precision.</summary>
[Network(Inputs = 5, Precision = Precision.Double)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class ReLUSigmoidF64;

/// <summary><see cref="LeakySoftmaxF32"/> in double precision.</summary>
[Network(Inputs = 5, Precision = Precision.Double)]
[Dense(8, Activation.LeakyReLU, Slope = 0.2)]
[Dense(4, Activation.Softmax)]
public partial class LeakySoftmaxF64;

/// <summary><see cref="TanhLinearF32"/> in double precision.</summary>
[Network(Inputs = 5, Precision = Precision.Double)]
[Dense(8, Activation.Tanh)]
[Dense(6, Activation.Linear)]
[Dense(2, Activation.Linear)]
public partial class TanhLinearF64;

/// <summary><see cref="SiLUMultiLabelF32"/> in double precision.</summary>
[Network(Inputs = 5, Precision = Precision.Double)]
[Dense(8, Activation.SiLU, Dropout = 0.5)]
[Dense(3, Activation.Sigmoid)]
public partial class SiLUMultiLabelF64;

/// <summary><see cref="SigmoidTanhF32"/> in double precision.</summary>
[Network(Inputs = 5, Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Dense(8, Activation.Sigmoid, Dropout = 0.25)]
[Dense(3, Activation.Tanh)]
public partial class SigmoidTanhF64;

/// <summary>The benchmarks' mlp shape, large enough for ONNX Runtime's blocked GEMM paths.</summary>
[Network(Inputs = 784)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class MlpF32;

/// <summary><see cref="MlpF32"/> in double precision.</summary>
[Network(Inputs = 784, Precision = Precision.Double)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class MlpF64;
