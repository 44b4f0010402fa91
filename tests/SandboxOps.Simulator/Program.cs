using SandboxOps.Simulator;

// Runs the simulator on its own for Pester tests and benchmarks:
//   SandboxOps.Simulator --org <folder> [--port N] [--latency-ms N] [--access-token T] [--refresh-token T]
//                        [--public-key <PEM file of the JWT certificate's key>] [--username U] [--production]
//                        [--polls N] [--retrieve-ms-per-component N] [--data <records JSON>]
//                        [--sandboxes <JSON array of { name, licenseType, lastRefresh, copyTo, pollsToComplete, fails }>]
//                        [--failing-tests "Class.method=message;..."] [--coverage "Class=percent,..."] [--latest-api-version 62.0]
// It prints "Listening on <url>" and serves until its standard input closes.
var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal)).ToDictionary(p => p.a, p => p.i + 1 < args.Length ? args[p.i + 1] : string.Empty);
string? Get(string name) => arguments.TryGetValue(name, out var value) ? value : null;
var options = new SimulatorOptions
{
    OrgFolder = Get("--org") ?? throw new ArgumentException("--org <folder> is required"),
    Latency = TimeSpan.FromMilliseconds(int.Parse(Get("--latency-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture)),
    AccessTokens = Get("--access-token") is { } access ? new[] { access } : Array.Empty<string>(),
    RefreshTokens = Get("--refresh-token") is { } refresh ? new[] { refresh } : Array.Empty<string>(),
    IsSandbox = !arguments.ContainsKey("--production"),
    PollsToFinish = int.Parse(Get("--polls") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
    RetrieveTimePerComponent = TimeSpan.FromMilliseconds(double.Parse(Get("--retrieve-ms-per-component") ?? "0", System.Globalization.CultureInfo.InvariantCulture)),
    JwtPublicKey = Get("--public-key") is { } keyFile ? LoadKey(keyFile) : null,
    Username = Get("--username") ?? "admin@simulated.example",
    DataFile = Get("--data"),
    FailingTests = Pairs(Get("--failing-tests"), ';', v => v),
    ClassCoverage = Pairs(Get("--coverage"), ',', v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)),
    LatestApiVersion = Get("--latest-api-version") ?? "62.0",
    Sandboxes = Get("--sandboxes") is { } sandboxes
        ? System.Text.Json.JsonSerializer.Deserialize<List<SimulatedSandbox>>(File.ReadAllText(sandboxes), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!
        : Array.Empty<SimulatedSandbox>(),
};
await using var simulator = await MetadataApiSimulator.StartAsync(options, int.Parse(Get("--port") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
Console.WriteLine("Listening on " + simulator.BaseUrl);
Console.Out.Flush();
await Console.In.ReadToEndAsync();

static Dictionary<string, T> Pairs<T>(string? text, char separator, Func<string, T> value) =>
    (text ?? string.Empty).Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => value(p[1].Trim()));

static System.Security.Cryptography.RSA LoadKey(string path)
{
    var key = System.Security.Cryptography.RSA.Create();
    key.ImportFromPem(File.ReadAllText(path));
    return key;
}
