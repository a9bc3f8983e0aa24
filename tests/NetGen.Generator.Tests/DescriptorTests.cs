extern alias generator;

using generator::NetGen.Generator.Model;

namespace NetGen.Generator.Tests;

// Inside the namespace, so that they win over NetGen.Activation, which both the generator and the runtime define.
using Activation = generator::NetGen.Activation;
using Initialization = generator::NetGen.Initialization;
using Loss = generator::NetGen.Loss;

/// <summary>
/// The descriptor tables are complete and consistent: every enum value has exactly one row, a value without a row is
/// an exception rather than another value's behaviour, and every loss can form the output gradient of every output it
/// fits.
/// </summary>
public class DescriptorTests
{
    [Fact]
    public void Every_activation_has_exactly_one_row()
    {
        Assert.Equal(
            Enum.GetValues<Activation>().Order(),
            ActivationDescriptor.All.Select(row => row.Activation).Order());
        Assert.All(Enum.GetValues<Activation>(), activation => Assert.Equal(activation, ActivationDescriptor.For(activation).Activation));
    }

    [Fact]
    public void Every_loss_has_exactly_one_row()
    {
        Assert.Equal(Enum.GetValues<Loss>().Order(), LossDescriptor.All.Select(row => row.Loss).Order());
        Assert.All(Enum.GetValues<Loss>(), loss => Assert.Equal(loss, LossDescriptor.For(loss).Loss));
    }

    [Fact]
    public void A_value_without_a_row_throws_instead_of_borrowing_another_row()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationDescriptor.For((Activation)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossDescriptor.For((Loss)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => InitializationNames.Describe(Initialization.Auto));
        Assert.Throws<ArgumentOutOfRangeException>(() => InitializationNames.RuntimeMethod((Initialization)99));
    }

    [Fact]
    public void Every_resolved_initialization_has_a_name_and_a_runtime_method()
    {
        foreach (var initialization in Enum.GetValues<Initialization>().Where(i => i != Initialization.Auto))
        {
            Assert.NotEmpty(InitializationNames.Describe(initialization));
            Assert.NotNull(typeof(NetGen.CompilerServices.Initializers).GetMethod(InitializationNames.RuntimeMethod(initialization)));
        }
    }

    [Fact]
    public void Every_activation_names_a_runtime_operator_that_exists()
    {
        foreach (var row in ActivationDescriptor.All)
        {
            var type = typeof(NetGen.CompilerServices.Activations).Assembly.GetType($"NetGen.CompilerServices.{row.RuntimeOperator}`1");
            Assert.True(type is not null, $"{row.Activation}: no runtime type {row.RuntimeOperator}<T>");
            Assert.Contains(type.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(NetGen.CompilerServices.IActivationOperator<>));
            Assert.Equal(row.HasSlope, type.GetConstructors().Any(c => c.GetParameters().Length == 1));
        }
    }

    [Fact]
    public void Every_loss_fits_its_fused_output_and_has_a_gradient_for_every_other_output_it_fits()
    {
        foreach (var loss in LossDescriptor.All)
        {
            Assert.True(loss.Fits(ActivationDescriptor.For(loss.FusedOutput)), $"{loss.Loss} does not fit {loss.FusedOutput}");
            foreach (var output in ActivationDescriptor.All.Where(a => loss.Fits(a) && !loss.IsFusedWith(a.Activation)))
            {
                Assert.True(loss.OutputGradient is not null, $"{loss.Loss} fits {output.Activation} but cannot form its output gradient");
            }
        }
    }

    [Fact]
    public void Every_implied_loss_fits_the_activation_that_implies_it()
    {
        foreach (var row in ActivationDescriptor.All.Where(row => row.ImpliedLoss is not null))
        {
            Assert.True(LossDescriptor.For(row.ImpliedLoss!.Value).Fits(row), $"{row.Activation} implies {row.ImpliedLoss}, which does not fit it");
        }
    }

    [Fact]
    public void Every_equation_fills_its_holes()
    {
        foreach (var row in ActivationDescriptor.All)
        {
            Assert.DoesNotContain("{", generator::NetGen.Generator.Emission.Templates.Fill(row.ForwardEquation, "Z1", "A1"));
            Assert.DoesNotContain("{", generator::NetGen.Generator.Emission.Templates.Fill(row.BackwardEquation, "Z1", "A1", "dA1", "dZ1"));
        }
    }
}
