using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using NetGen.Samples.Serving;

namespace NetGen.Serving.Tests;

/// <summary>Each endpoint of the sample, and each request it must refuse, on the in-memory test server.</summary>
[Collection(ServingCollection.Name)]
public sealed class EndpointTests(TrainedServer server)
{
    private static readonly string Row0 = string.Join(",", Reference.Rows[0].Select(value => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task A_single_example_gets_the_probability_and_class_of_the_network_trained_on_standardized_features()
    {
        var network = Reference.Load(server.ParameterFile);
        foreach (var row in new[] { 0, 1, 19, 100, 568 })
        {
            var prediction = await PostAsync(new PredictRequest(Reference.Rows[row], null), ServingJsonContext.Default.Prediction);

            var expected = Reference.Single(network, row);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(prediction.Probability));
            Assert.Equal(expected > 0.5f ? 1 : 0, prediction.Class);
            Assert.Equal(expected > 0.5f ? "benign" : "malignant", prediction.Label);
        }
    }

    [Fact]
    public async Task A_batch_gets_one_prediction_per_example_in_order_equal_to_the_batch_prediction_of_the_network()
    {
        var network = Reference.Load(server.ParameterFile);
        var testRows = Enumerable.Range(0, Reference.Rows.Length).Where(i => i % 5 == 0).ToArray();

        var batch = await PostAsync(new PredictRequest(null, testRows.Select(i => Reference.Rows[i]).ToArray()), ServingJsonContext.Default.BatchPrediction);

        var expected = Reference.Batch(network, testRows);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), batch.Predictions.Select(p => BitConverter.SingleToInt32Bits(p.Probability)));
        Assert.Equal(expected.Select(p => p > 0.5f ? 1 : 0), batch.Predictions.Select(p => p.Class));
        // The test split's accuracy, as the quickstart computes it: the model /model describes is the one that answered.
        var accuracy = (double)batch.Predictions.Zip(testRows).Count(pair => pair.First.Class == Reference.Labels[pair.Second]) / testRows.Length;
        var model = await server.Client.GetFromJsonAsync("/model", ServingJsonContext.Default.ModelDescription);
        Assert.Equal(accuracy, model!.TestAccuracy);
    }

    [Fact]
    public async Task Model_describes_the_architecture_the_classes_and_the_limits()
    {
        var model = await server.Client.GetFromJsonAsync("/model", ServingJsonContext.Default.ModelDescription);

        Assert.NotNull(model);
        Assert.Equal("TumorClassifier", model.Network);
        Assert.Equal("30 → 20 ReLU → 7 ReLU → 5 ReLU → 1 Sigmoid (float)", model.Architecture);
        Assert.Equal(30, model.Inputs);
        Assert.Equal([20, 7, 5, 1], model.Layers.Select(layer => layer.Units));
        Assert.Equal([Activation.ReLU, Activation.ReLU, Activation.ReLU, Activation.Sigmoid], model.Layers.Select(layer => layer.Activation));
        Assert.Equal(620 + 147 + 40 + 6, model.Parameters);
        Assert.Equal(["malignant", "benign"], model.Classes);
        Assert.Equal(1000, model.MaxBatchSize);
    }

    public static TheoryData<string, string> InvalidRequests()
    {
        var row = Row0;
        var rows = (int count) => string.Join(",", Enumerable.Repeat($"[{row}]", count));
        var tail = row[(row.IndexOf(',') + 1)..];
        return new()
        {
            { "{\"features\":[1,2", "The body is not a valid prediction request: '2' is an invalid end of a number. Expected a delimiter. Path: $.features[1]" },
            { "", "The body is not a valid prediction request: The input does not contain any JSON tokens." },
            { "[1,2]", "could not be converted to NetGen.Samples.Serving.PredictRequest. Path: $" },
            { "null", "The body is JSON null. Send {\"features\": [30 numbers]} for one example, or {\"examples\": [[30 numbers], …]} for a batch of 1 to 1000." },
            { "{}", "The request has neither \"features\" nor \"examples\". Send {\"features\": [30 numbers]}" },
            { "{\"features\":null}", "The request has neither \"features\" nor \"examples\"." },
            { $"{{\"features\":[{row}],\"examples\":[[{row}]]}}", "The request has both \"features\" and \"examples\"" },
            { $"{{\"feature\":[{row}]}}", "The JSON property 'feature' could not be mapped to any .NET member" },
            { "{\"features\":\"all\"}", "could not be converted to System.Single[]. Path: $.features" },
            { $"{{\"features\":[{tail}]}}", "$.features has 29 numbers, but an example has 30: the raw features of the data set, in its column order." },
            { $"{{\"features\":[{row},1]}}", "$.features has 31 numbers, but an example has 30" },
            { "{\"features\":[]}", "$.features has 0 numbers, but an example has 30" },
            { $"{{\"examples\":[[{row}],[{tail}]]}}", "$.examples[1] has 29 numbers, but an example has 30" },
            { $"{{\"examples\":[[{row}],null]}}", "$.examples[1] is null, but an example is an array of 30 numbers." },
            { $"{{\"features\":[1e39,{tail}]}}", "$.features[0] reads as Infinity, but every feature must be a finite 32-bit number (at most ±3.4028235E+38)." },
            { $"{{\"examples\":[[{row}],[{tail},-1e39]]}}", "$.examples[1][29] reads as -Infinity, but every feature must be a finite 32-bit number" },
            { $"{{\"features\":[\"NaN\",{tail}]}}", "could not be converted to System.Single. Path: $.features[0]" },
            { $"{{\"features\":[null,{tail}]}}", "could not be converted to System.Single. Path: $.features[0]" },
            { "{\"examples\":[]}", "\"examples\" is empty, but a batch holds 1 to 1000 examples." },
            { $"{{\"examples\":[{rows(1001)}]}}", "\"examples\" has 1001 examples, but a batch holds at most 1000 (Serving:MaxBatchSize); split it into several requests." },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_request_gets_400_with_a_problem_that_says_what_was_expected_and_what_came(string body, string expected)
    {
        using var response = await server.Client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        Assert.Equal(PredictEndpoint.ProblemTitle, problem.Title);
        Assert.Contains(expected, problem.Detail);
    }

    [Fact]
    public async Task A_batch_of_exactly_the_maximum_size_is_answered()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => Reference.Rows[i % Reference.Rows.Length]).ToArray();

        var batch = await PostAsync(new PredictRequest(null, rows), ServingJsonContext.Default.BatchPrediction);

        Assert.Equal(1000, batch.Predictions.Count);
    }

    private async Task<T> PostAsync<T>(PredictRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> answer)
    {
        using var response = await server.Client.PostAsJsonAsync("/predict", request, ServingJsonContext.Default.PredictRequest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(answer))!;
    }
}
