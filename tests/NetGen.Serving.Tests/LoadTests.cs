using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NetGen.Samples.Serving;
using Xunit.Abstractions;

namespace NetGen.Serving.Tests;

/// <summary>The sample on Kestrel, on the loopback interface: under concurrent clients, every answer checked; its size limit.</summary>
[Collection(ServingCollection.Name)]
public sealed class LoadTests(TrainedServer server, ITestOutputHelper output)
{
    private const int Clients = 8;
    private const int RequestsPerClient = 400;

    /// <summary>A request body and the probabilities it must get, bit for bit.</summary>
    private sealed record Case(string Body, bool IsBatch, float[] Expected);

    [Fact]
    public async Task Eight_clients_on_the_loopback_interface_get_exactly_the_single_threaded_predictions()
    {
        using var folder = new TemporaryFolder();
        using var factory = StartOnLoopback(folder, maxRequestBodySize: null, out var address);

        // Three single examples, then a batch of 1 to 16, in turn; the references computed here, on one thread.
        var network = Reference.Load(server.ParameterFile);
        var cases = Enumerable.Range(0, Clients * RequestsPerClient).Select(k => CaseFor(network, k)).ToArray();
        var latencies = new double[cases.Length];
        var wrong = 0;

        var clients = Enumerable.Range(0, Clients).Select(_ => new HttpClient { BaseAddress = address }).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(client => SendAsync(client, cases[0])));   // connections open, code compiled
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
            {
                for (var k = c; k < cases.Length; k += Clients)
                {
                    var start = Stopwatch.GetTimestamp();
                    var answer = await SendAsync(client, cases[k]);
                    latencies[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (!answer.SequenceEqual(cases[k].Expected.Select(BitConverter.SingleToInt32Bits)))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            })));
            stopwatch.Stop();

            Array.Sort(latencies);
            var examples = cases.Sum(c => c.Expected.Length);
            output.WriteLine(
                $"{Clients} clients, {cases.Length} requests ({cases.Count(c => !c.IsBatch)} single, {cases.Count(c => c.IsBatch)} batches of 1 to 16; {examples} examples) " +
                $"in {stopwatch.Elapsed.TotalSeconds:F2} s: {cases.Length / stopwatch.Elapsed.TotalSeconds:F0} requests/s, {examples / stopwatch.Elapsed.TotalSeconds:F0} examples/s; " +
                $"latency p50 {Percentile(latencies, 0.50):F3} ms, p99 {Percentile(latencies, 0.99):F3} ms; {wrong} wrong answers");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task A_body_over_the_servers_size_limit_gets_413_as_a_problem()
    {
        using var folder = new TemporaryFolder();
        using var factory = StartOnLoopback(folder, maxRequestBodySize: 10_000, out var address);
        using var client = new HttpClient { BaseAddress = address };
        var body = Json(new PredictRequest(null, Reference.Rows[..100]));

        using var response = await client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(413, problem!.Status);
        Assert.Equal("Request body too large. The max request body size is 10000 bytes.", problem.Detail);
    }

    /// <summary>The sample on Kestrel at 127.0.0.1 and a port the system picks, serving a copy of the shared parameter and standardizer files.</summary>
    private ServingFactory StartOnLoopback(TemporaryFolder folder, long? maxRequestBodySize, out Uri address)
    {
        var factory = new ServingFactory(server.CopyModelTo(folder));
        factory.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (maxRequestBodySize is { } limit)
            {
                kestrel.Limits.MaxRequestBodySize = limit;
            }
        });
        factory.StartServer();
        address = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        Assert.Equal("127.0.0.1", address.Host);
        return factory;
    }

    private static Case CaseFor(TumorClassifier network, int k)
    {
        if (k % 4 != 3)
        {
            var row = k % Reference.Rows.Length;
            return new Case(Json(new PredictRequest(Reference.Rows[row], null)), false, [Reference.Single(network, row)]);
        }

        var rows = Enumerable.Range(k, 1 + (k / 4 % 16)).Select(i => i * 7 % Reference.Rows.Length).ToArray();
        return new Case(Json(new PredictRequest(null, rows.Select(i => Reference.Rows[i]).ToArray())), true, Reference.Batch(network, rows));
    }

    /// <summary>The answer's probabilities as bits; a status other than 200 fails the test.</summary>
    private static async Task<IEnumerable<int>> SendAsync(HttpClient client, Case request)
    {
        using var response = await client.PostAsync("/predict", new StringContent(request.Body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var probabilities = request.IsBatch
            ? (await response.Content.ReadFromJsonAsync(ServingJsonContext.Default.BatchPrediction))!.Predictions.Select(p => p.Probability)
            : [(await response.Content.ReadFromJsonAsync(ServingJsonContext.Default.Prediction))!.Probability];
        return probabilities.Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    private static string Json(PredictRequest request) => JsonSerializer.Serialize(request, ServingJsonContext.Default.PredictRequest);

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
}
