using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Model;

namespace SandboxOps.Simulator;

/// <summary>
/// A Salesforce org on 127.0.0.1 for tests: the OAuth token endpoint (JWT bearer checked against a
/// certificate, refresh token), REST query of Organization and userinfo, and the Metadata API calls
/// describeMetadata, listMetadata (at most 3 queries), retrieve and checkRetrieveStatus (jobs that pass
/// through Pending and InProgress over several polls and finish when their zip is built; the file and size
/// limits enforced) with the WSDL's message
/// shapes and SOAP faults. Faults and latency can be injected.
/// </summary>
public sealed partial class MetadataApiSimulator : IAsyncDisposable
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RetrieveJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PermissionFile> _permissionFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeployJob> _deploys = new(StringComparer.Ordinal);
    private int _calls;

    private MetadataApiSimulator(WebApplication app, SimulatorOptions options, SimulatedOrg org)
    {
        _app = app;
        Options = options;
        Org = org;
        foreach (var token in options.AccessTokens)
        {
            _sessions[token] = 0;
        }
    }

    public SimulatorOptions Options { get; }

    public SimulatedOrg Org { get; }

    public FaultPlan Faults { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Calls answered so far (every endpoint).</summary>
    public int Calls => _calls;

    /// <summary>Access tokens issued by the token endpoint, for tests that look for them where they must not be.</summary>
    public ConcurrentBag<string> IssuedTokens { get; } = new();

    /// <summary>Every SOAP call answered: its name, when it arrived and when it was answered (faults excluded).</summary>
    public ConcurrentQueue<SoapCallRecord> SoapCalls { get; } = new();

    /// <summary>The most retrieves that ran at once.</summary>
    public int PeakConcurrentRetrieves { get; private set; }

    /// <summary>How many retrieves were asked for, refused ones included.</summary>
    public int RetrieveCount => _jobs.Count;

    public static async Task<MetadataApiSimulator> StartAsync(SimulatorOptions options, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var simulator = new MetadataApiSimulator(app, options, new SimulatedOrg(options.OrgFolder));
        app.MapPost("/services/oauth2/token", simulator.TokenAsync);
        app.MapGet("/services/oauth2/userinfo", simulator.UserInfoAsync);
        app.MapGet("/services/data/{version}/query", simulator.QueryAsync);
        app.MapPost("/services/Soap/m/{version}", simulator.SoapAsync);
        simulator.MapRest(app);
        await app.StartAsync().ConfigureAwait(false);
        simulator.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Org.Dispose();
        Sandboxes.Dispose();
    }

    /// <summary>Every access token stops working, as when sessions time out.</summary>
    public void ExpireSessions() => _sessions.Clear();

    private async Task<bool> EnterAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        if (Options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(Options.Latency).ConfigureAwait(false);
        }

        if (Faults.TryTake(f => f is SimulatedFault.ServiceUnavailable, out _))
        {
            context.Response.StatusCode = 503;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Service Unavailable</body></html>").ConfigureAwait(false);
            return false;
        }

        if (Faults.TryTake(f => f is SimulatedFault.DropConnection, out _))
        {
            context.Abort();
            return false;
        }

        if (Faults.TryTake(f => f is SimulatedFault.ExpireSessions, out _))
        {
            ExpireSessions();
        }

        return true;
    }

    private async Task TokenAsync(HttpContext context)
    {
        if (!await EnterAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var error = form["grant_type"].ToString() switch
        {
            "refresh_token" => form["client_id"] != Options.ClientId ? "invalid_client_id" : Options.RefreshTokens.Contains(form["refresh_token"].ToString()) ? null : "invalid_grant",
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => CheckAssertion(form["assertion"].ToString()),
            _ => "unsupported_grant_type",
        };
        if (error is not null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = error, ["error_description"] = error == "invalid_grant" ? "authentication failure" : error }).ConfigureAwait(false);
            return;
        }

        var token = string.Concat(OrgId.AsSpan(0, 15), "!") + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _sessions[token] = 0;
        IssuedTokens.Add(token);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["access_token"] = token,
            ["instance_url"] = BaseUrl,
            ["id"] = BaseUrl + "/id/" + OrgId + "/005000000000001AAA",
            ["token_type"] = "Bearer",
            ["issued_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
    }

    /// <summary>Null when the assertion is signed by the configured certificate for this app, user and audience and not expired; else the OAuth error.</summary>
    private string? CheckAssertion(string assertion)
    {
        var parts = assertion.Split('.');
        if (Options.JwtPublicKey is null || parts.Length != 3)
        {
            return "invalid_grant";
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!Options.JwtPublicKey.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "invalid_grant";
        }

        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        var root = claims.RootElement;
        var fresh = root.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var right = root.GetProperty("iss").GetString() == Options.ClientId
            && root.GetProperty("sub").GetString() == Options.Username
            && root.GetProperty("aud").GetString() == BaseUrl;
        return fresh && right ? null : "invalid_grant";
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    private bool HasBearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && _sessions.ContainsKey(header.Substring(7));
    }

    private async Task UserInfoAsync(HttpContext context)
    {
        if (!await EnterAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!HasBearer(context))
        {
            await RestErrorAsync(context, 401, "INVALID_SESSION_ID", "Session expired or invalid").ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["preferred_username"] = Options.Username, ["organization_id"] = OrgId }).ConfigureAwait(false);
    }

    private async Task QueryAsync(HttpContext context)
    {
        if (!await EnterAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!HasBearer(context))
        {
            await RestErrorAsync(context, 401, "INVALID_SESSION_ID", "Session expired or invalid").ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query["q"].ToString();
        if (query.IndexOf("FROM Organization", StringComparison.OrdinalIgnoreCase) < 0)
        {
            await AnswerQueryAsync(context, Data, query).ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            totalSize = 1,
            done = true,
            records = new[]
            {
                new Dictionary<string, object> { ["Id"] = OrgId, ["Name"] = Options.OrgName, ["IsSandbox"] = Options.IsSandbox, ["OrganizationType"] = Options.OrganizationType, ["InstanceName"] = "SIM1" },
            },
        }).ConfigureAwait(false);
    }

    private static async Task RestErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new[] { new Dictionary<string, string> { ["errorCode"] = code, ["message"] = message } }).ConfigureAwait(false);
    }

    private async Task SoapAsync(HttpContext context)
    {
        var arrived = DateTime.UtcNow;
        if (!await EnterAsync(context).ConfigureAwait(false))
        {
            return;
        }

        XDocument request;
        try
        {
            using var reader = XmlReader.Create(context.Request.Body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true });
            request = await XDocument.LoadAsync(reader, LoadOptions.None, context.RequestAborted).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            await FaultAsync(context, "INVALID_XML", "Malformed request: " + ex.Message).ConfigureAwait(false);
            return;
        }

        var session = request.Root?.Element(Soap + "Header")?.Element(Md + "SessionHeader")?.Element(Md + "sessionId")?.Value;
        if (session is null || !_sessions.ContainsKey(session))
        {
            await FaultAsync(context, "INVALID_SESSION_ID", "INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session").ConfigureAwait(false);
            return;
        }

        if (Faults.TryTake(f => f is SimulatedFault.UnknownException, out _))
        {
            await FaultAsync(context, "UNKNOWN_EXCEPTION", "UNKNOWN_EXCEPTION: An unexpected error occurred. Please include this ErrorId if you contact support: 12345").ConfigureAwait(false);
            return;
        }

        if (Faults.TryTake(f => f is SimulatedFault.RequestLimitExceeded, out _))
        {
            await FaultAsync(context, "REQUEST_LIMIT_EXCEEDED", "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.").ConfigureAwait(false);
            return;
        }

        var call = request.Root?.Element(Soap + "Body")?.Elements().FirstOrDefault();
        var answer = call?.Name.LocalName switch
        {
            "describeMetadata" => Describe(),
            "listMetadata" => List(call),
            "retrieve" => Retrieve(call),
            "checkRetrieveStatus" => CheckRetrieve(call),
            "deploy" => Deploy(call),
            "checkDeployStatus" => CheckDeploy(call),
            "cancelDeploy" => CancelDeploy(call),
            "deployRecentValidation" => DeployRecentValidation(call),
            _ => null,
        };
        if (answer is null)
        {
            await FaultAsync(context, call?.Name.LocalName == "listMetadata" ? "INVALID_QUERY" : "UNSUPPORTED_OPERATION", $"The simulator does not answer '{call?.Name.LocalName}' as asked").ConfigureAwait(false);
            return;
        }

        if (answer.Name == Soap + "Fault")
        {
            await FaultAsync(context, answer.Element("faultcode")!.Value, answer.Element("faultstring")!.Value).ConfigureAwait(false);
            return;
        }

        if (answer.Descendants(Md + "zipFile").Any() && Faults.TryTake(f => f is SimulatedFault.LoseRetrieveAnswer, out _))
        {
            context.Abort(); // handed out, and lost on the way: Salesforce has deleted it all the same
            return;
        }

        context.Response.ContentType = "text/xml; charset=utf-8";
        var answered = DateTime.UtcNow; // before the client can see the answer and call again
        var body = Encoding.UTF8.GetBytes(new XDocument(new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soapenv", Soap), new XElement(Soap + "Body", answer))).ToString(SaveOptions.DisableFormatting));

        // Salesforce compresses an answer when the request says it takes gzip (Accept-Encoding), as large retrieves need.
        var gzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (gzip)
        {
            context.Response.Headers.ContentEncoding = "gzip";
            using var compressed = new MemoryStream();
            using (var zipper = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zipper.Write(body);
            }

            body = compressed.ToArray();
        }

        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
        SoapCalls.Enqueue(new SoapCallRecord(call!.Name.LocalName, arrived, answered, gzip));
    }

    private static async Task FaultAsync(HttpContext context, string code, string message)
    {
        XNamespace sf = "urn:fault.soap.sforce.com";
        context.Response.StatusCode = 500;
        context.Response.ContentType = "text/xml; charset=utf-8";
        var fault = new XElement(
            Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap),
            new XAttribute(XNamespace.Xmlns + "sf", sf),
            new XElement(Soap + "Body", new XElement(
                Soap + "Fault",
                // Real faults come both ways: the sf prefix bound to the Metadata API's namespace on the faultcode
                // itself (an expired session), or to urn:fault.soap.sforce.com on the envelope.
                code is "INVALID_SESSION_ID" or "INVALID_ID_FIELD"
                    ? new XElement("faultcode", new XAttribute(XNamespace.Xmlns + "sf", Md.NamespaceName), "sf:" + code)
                    : new XElement("faultcode", "sf:" + code),
                new XElement("faultstring", message),
                new XElement("detail", new XElement(sf + "UnexpectedErrorFault", new XElement(sf + "exceptionCode", code), new XElement(sf + "exceptionMessage", message))))));
        await context.Response.WriteAsync(fault.ToString(SaveOptions.DisableFormatting)).ConfigureAwait(false);
    }

    private XElement Describe()
    {
        // Like an org, every type the API knows, whether or not the org has one (folder types are not described).
        return new XElement(
            Md + "describeMetadataResponse",
            new XElement(
                Md + "result",
                SimulatedCatalog.Described.Select(name =>
                {
                    var type = SimulatedCatalog.ByName(name);
                    return new XElement(
                        Md + "metadataObjects",
                        (type?.Children?.Values ?? Enumerable.Empty<string>()).Select(c => new XElement(Md + "childXmlNames", c)),
                        new XElement(Md + "directoryName", type?.Directory ?? string.Empty),
                        new XElement(Md + "inFolder", type?.Layout == SimulatedLayout.InFolder ? "true" : "false"),
                        new XElement(Md + "metaFile", type?.Layout is SimulatedLayout.WithMeta or SimulatedLayout.Resource || name == "EmailTemplate" || name == "Document" ? "true" : "false"),
                        type?.Suffix is null ? null : new XElement(Md + "suffix", type.Suffix),
                        new XElement(Md + "xmlName", name));
                }),
                new XElement(Md + "organizationNamespace"),
                new XElement(Md + "partialSaveAllowed", "true"),
                new XElement(Md + "testRequired", Options.IsSandbox ? "false" : "true")));
    }

    private XElement? List(XElement call)
    {
        var queries = call.Elements(Md + "queries").ToList();
        if (queries.Count > 3)
        {
            return null; // the API refuses more than three queries a call
        }

        var stamp = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return new XElement(
            Md + "listMetadataResponse",
            queries.SelectMany(q =>
            {
                var type = q.Element(Md + "type")?.Value ?? string.Empty;
                return ListedAs(type, q.Element(Md + "folder")?.Value).Select(name =>
                {
                    // Standard objects: Salesforce answers the epoch and an empty id, and never moves them.
                    var standard = type == "CustomObject" && !name.Contains("__", StringComparison.Ordinal);
                    return new XElement(
                        Md + "result",
                        new XElement(Md + "createdById", "005000000000001AAA"),
                        new XElement(Md + "createdByName", "Admin"),
                        new XElement(Md + "createdDate", stamp),
                        new XElement(Md + "fileName", Org.FileNameOf(ContentListedAs(type), name)),
                        new XElement(Md + "fullName", name),
                        new XElement(Md + "id", standard ? string.Empty : "0" + Math.Abs(name.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture).PadLeft(14, '0')),
                        new XElement(Md + "lastModifiedById", "005000000000001AAA"),
                        new XElement(Md + "lastModifiedByName", "Admin"),
                        new XElement(Md + "lastModifiedDate", (standard ? DateTime.UnixEpoch : Org.LastModified(ContentListedAs(type), name)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
                        new XElement(Md + "manageableState", "unmanaged"),
                        Options.NilTypes.Contains(type) ? new XElement(Md + "type", new XAttribute(Xsi + "nil", "true")) : new XElement(Md + "type", type));
                });
            }));
    }

    /// <summary>
    /// What listMetadata answers for a type, as Salesforce answers it rather than as the files lie: no
    /// StandardValueSet at all (they are retrieved by name), never the unfiled$public folder, and Lightning
    /// email template folders (meta root EmailTemplateFolder) under EmailTemplateFolder, not EmailFolder.
    /// </summary>
    private IEnumerable<string> ListedAs(string type, string? folder) => type switch
    {
        "StandardValueSet" => Array.Empty<string>(),
        "ReportFolder" or "EmailFolder" or "DashboardFolder" or "DocumentFolder" => Org.List(type, folder).Where(f => f != "unfiled$public" && !IsLightningEmailFolder(type, f)),
        "EmailTemplateFolder" => Org.List("EmailFolder", folder).Where(f => IsLightningEmailFolder("EmailFolder", f)),
        _ => Org.List(type, folder),
    };

    private static string ContentListedAs(string type) => type == "EmailTemplateFolder" ? "EmailFolder" : type;

    private bool IsLightningEmailFolder(string type, string folder) =>
        type == "EmailFolder" && Org.FilesOf("EmailFolder", folder)?.FirstOrDefault() is { } meta
        && File.ReadAllText(Path.Combine(Org.Folder, meta)).Contains("<EmailTemplateFolder", StringComparison.Ordinal);

    private XElement Retrieve(XElement call)
    {
        var package = call.Element(Md + "retrieveRequest")?.Element(Md + "unpackaged");
        var members = package?.Elements(Md + "types")
            .SelectMany(t => t.Elements(Md + "members").Select(m => new ComponentKey(t.Element(Md + "name")?.Value ?? string.Empty, m.Value)))
            .ToList() ?? new List<ComponentKey>();
        var id = "09S" + Interlocked.Increment(ref _calls).ToString("D12", CultureInfo.InvariantCulture) + "AAA";
        var job = new RetrieveJob(members, Faults.TryTake(f => f is SimulatedFault.RetrieveLimitExceeded, out _));
        job.Work = RunRetrieveAsync(job); // as Salesforce does: the job runs whether or not anyone asks
        _jobs[id] = job;
        var running = _jobs.Values.Count(j => !j.Finished);
        PeakConcurrentRetrieves = Math.Max(PeakConcurrentRetrieves, running);
        return new XElement(Md + "retrieveResponse", AsyncResult(id));
    }

    /// <summary>
    /// Builds the zip on a thread of its own, then waits the modelled server time. A zip is up to seconds of
    /// CPU work; on the thread pool, four at once held back the threads that answer calls (a retrieve call
    /// answered in 2.7 s instead of the latency), which no real org's front end does.
    /// </summary>
    private async Task<(string Status, object[] Details)> RunRetrieveAsync(RetrieveJob job)
    {
        var answer = await Task.Factory.StartNew(() => BuildRetrieve(job), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        await Task.Delay(Options.RetrieveTimePerComponent * job.Members.Sum(m => Org.ComponentsIn(m.Type, m.FullName))).ConfigureAwait(false);
        return answer;
    }

    private static XElement AsyncResult(string id) =>
        new(Md + "result", new XElement(Md + "done", "false"), new XElement(Md + "id", id), new XElement(Md + "state", "Queued"));

    private XElement? CheckRetrieve(XElement call)
    {
        var id = call.Element(Md + "asyncProcessId")?.Value ?? string.Empty;
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        var polls = Interlocked.Increment(ref job.Polls);
        if (polls < Options.PollsToFinish || !job.Work!.IsCompleted)
        {
            return RetrieveResult(id, done: false, polls == 1 ? "Pending" : "InProgress");
        }

        if (job.Finished && job.Work.Result.Status == "Succeeded")
        {
            // The zip is handed out once; Salesforce deletes it then (Workbench shows this text for a second download).
            return new XElement(Soap + "Fault", new XElement("faultcode", "INVALID_ID_FIELD"), new XElement("faultstring", $"INVALID_ID_FIELD: No zip file found for async process id '{id}'. Note, retrieve results are deleted after first download."));
        }

        job.Finished = true;
        var (status, details) = job.Work.Result;
        return RetrieveResult(id, done: true, status, details);
    }

    /// <summary>What the finished job answers: the zip, or why there is none.</summary>
    private (string Status, object[] Details) BuildRetrieve(RetrieveJob job)
    {
        var files = job.Members.SelectMany(m => Org.FilesOf(m.Type, m.FullName) ?? Array.Empty<string>()).Distinct().ToList();
        if (job.ForcedLimit || files.Count > Options.MaxFilesPerRetrieve)
        {
            return LimitExceeded($"Too many files in retrieve ({files.Count}); the limit is {Options.MaxFilesPerRetrieve}");
        }

        var unzipped = files.Sum(f => new FileInfo(Path.Combine(Org.Folder, f)).Length);
        if (unzipped > Options.MaxRetrieveUnzippedBytes)
        {
            return LimitExceeded($"Retrieve result is too large ({unzipped} bytes unzipped); the limit is {Options.MaxRetrieveUnzippedBytes}");
        }

        var missing = job.Members.Where(m => Org.FilesOf(m.Type, m.FullName) is null).ToList();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var requested = new HashSet<ComponentKey>(job.Members);
            foreach (var file in files)
            {
                var entry = archive.CreateEntry(file, CompressionLevel.Fastest);
                using var output = entry.Open();
                output.Write(IsPermissions(file) ? PermissionsFor(file, requested) : File.ReadAllBytes(Path.Combine(Org.Folder, file)));
            }

            var manifest = archive.CreateEntry("package.xml");
            using var writer = new StreamWriter(manifest.Open(), new UTF8Encoding(false));
            writer.Write(Manifest(job.Members.Except(missing)));
        }

        if (zip.Length > Options.MaxRetrieveZipBytes)
        {
            return LimitExceeded($"Retrieve result is too large ({zip.Length} bytes zipped); the limit is {Options.MaxRetrieveZipBytes}");
        }

        return ("Succeeded", missing
            .Select(m => (object)new XElement(Md + "messages", new XElement(Md + "fileName", "unpackaged/package.xml"), new XElement(Md + "problem", $"Entity of type '{m.Type}' named '{m.FullName}' cannot be found")))
            .Append(new XElement(Md + "success", "true"))
            .Append(new XElement(Md + "zipFile", Convert.ToBase64String(zip.ToArray())))
            .ToArray());
    }

    /// <summary>The package.xml a retrieve's zip carries: the members it holds, by type.</summary>
    private static string Manifest(IEnumerable<ComponentKey> members) =>
        new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(
                Md + "Package",
                members.GroupBy(m => m.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new XElement(
                    Md + "types",
                    g.Select(m => m.FullName).Distinct().OrderBy(n => n, StringComparer.Ordinal).Select(n => new XElement(Md + "members", n)),
                    new XElement(Md + "name", g.Key))),
                new XElement(Md + "version", "62.0"))).ToString();

    private static (string Status, object[] Details) LimitExceeded(string message) =>
        ("Failed", new object[] { new XElement(Md + "errorMessage", "LIMIT_EXCEEDED: " + message), new XElement(Md + "errorStatusCode", "LIMIT_EXCEEDED") });

    private static bool IsPermissions(string file) =>
        file.StartsWith("profiles/", StringComparison.Ordinal) || file.StartsWith("permissionsets/", StringComparison.Ordinal) || file.StartsWith("mutingpermissionsets/", StringComparison.Ordinal);

    /// <summary>
    /// What Salesforce puts in a retrieved profile or permission set: its own settings, and only the
    /// entries about components retrieved in the same request (or standard ones, which cannot be named).
    /// A client must retrieve profiles with everything and merge the pieces to get them whole.
    /// </summary>
    private byte[] PermissionsFor(string file, HashSet<ComponentKey> requested)
    {
        var parsed = ParsedPermissions(file);
        var kept = parsed.Entries
            .Where(e => e.Refers.Count == 0 || e.Refers.Any(requested.Contains) || !e.Refers.Any(r => Org.FilesOf(r.Type, r.FullName) is not null))
            .Select(e => e.Entry);
        return Encoding.UTF8.GetBytes(parsed.Declaration + "\n" + new XElement(parsed.Root.Name, parsed.Root.Attributes(), kept).ToString());
    }

    /// <summary>A profile or permission set parsed once per version of its file: every chunk of a retrieve asks for it.</summary>
    private PermissionFile ParsedPermissions(string file)
    {
        var path = Path.Combine(Org.Folder, file);
        var written = File.GetLastWriteTimeUtc(path);
        if (_permissionFiles.TryGetValue(file, out var cached) && cached.Written == written)
        {
            return cached;
        }

        var document = XDocument.Parse(File.ReadAllText(path));
        var parsed = new PermissionFile(written, document.Declaration?.ToString() ?? string.Empty, document.Root!, document.Root!.Elements().Select(e => (e, References(e))).ToList());
        _permissionFiles[file] = parsed;
        return parsed;
    }

    private static List<ComponentKey> References(XElement entry)
    {
        string? Value(string name) => entry.Element(Md + name)?.Value;
        string Before(string value) => value.Split('.')[0];
        return entry.Name.LocalName switch
        {
            "fieldPermissions" when Value("field") is { } field => new() { new("CustomObject", Before(field)), new("CustomField", field) },
            "objectPermissions" when Value("object") is { } name => new() { new("CustomObject", name) },
            "recordTypeVisibilities" when Value("recordType") is { } type => new() { new("CustomObject", Before(type)) },
            "classAccesses" when Value("apexClass") is { } name => new() { new("ApexClass", name) },
            "pageAccesses" when Value("apexPage") is { } name => new() { new("ApexPage", name) },
            "tabVisibilities" or "tabSettings" when Value("tab") is { } name => new() { new("CustomTab", name) },
            "applicationVisibilities" when Value("application") is { } name => new() { new("CustomApplication", name) },
            "layoutAssignments" when Value("layout") is { } name => new() { new("Layout", name) },
            "customPermissions" when Value("name") is { } name => new() { new("CustomPermission", name) },
            "flowAccesses" when Value("flow") is { } name => new() { new("Flow", name) },
            _ => new(),
        };
    }

    private static XElement RetrieveResult(string id, bool done, string status, params object[] more) =>
        new(Md + "checkRetrieveStatusResponse", new XElement(
            Md + "result",
            new XElement(Md + "done", done ? "true" : "false"),
            new XElement(Md + "id", id),
            new XElement(Md + "status", status),
            more));

    private XElement Deploy(XElement call)
    {
        var zip = Convert.FromBase64String(call.Element(Md + "ZipFile")?.Value ?? string.Empty);
        var options = call.Element(Md + "DeployOptions");
        var id = "0Af" + Interlocked.Increment(ref _calls).ToString("D12", CultureInfo.InvariantCulture) + "AAA";
        _deploys[id] = new DeployJob(
            zip,
            options?.Element(Md + "checkOnly")?.Value == "true",
            options?.Element(Md + "testLevel")?.Value ?? "NoTestRun",
            options?.Elements(Md + "runTests").Select(t => t.Value).ToList() ?? new List<string>());
        return new XElement(Md + "deployResponse", AsyncResult(id));
    }

    private XElement? DeployRecentValidation(XElement call)
    {
        var validationId = call.Element(Md + "validationId")?.Value ?? string.Empty;
        if (!_deploys.TryGetValue(validationId, out var validation) || !validation.CheckOnly || validation.Outcome is not { Success: true })
        {
            return null; // the API faults: no recent validation with that id
        }

        if (validation.TestLevel == "NoTestRun")
        {
            // Quick deploy takes a validation whose Apex tests ran (Metadata API guide, deployRecentValidation).
            return new XElement(Soap + "Fault", new XElement("faultcode", "INVALID_ID_FIELD"), new XElement("faultstring", $"INVALID_ID_FIELD: The validation {validationId} ran no tests and cannot be quick deployed."));
        }

        var id = "0Af" + Interlocked.Increment(ref _calls).ToString("D12", CultureInfo.InvariantCulture) + "AAA";
        _deploys[id] = new DeployJob(validation.Zip, checkOnly: false, "NoTestRun", new List<string>());
        return new XElement(Md + "deployRecentValidationResponse", new XElement(Md + "result", id));
    }

    private XElement? CancelDeploy(XElement call)
    {
        var id = call.Element(Md + "String")?.Value ?? string.Empty;
        if (!_deploys.TryGetValue(id, out var job))
        {
            return null;
        }

        job.Canceled |= job.Outcome is null;
        return new XElement(Md + "cancelDeployResponse", new XElement(Md + "result", new XElement(Md + "done", "true"), new XElement(Md + "id", id)));
    }

    private XElement? CheckDeploy(XElement call)
    {
        var id = call.Element(Md + "asyncProcessId")?.Value ?? string.Empty;
        if (!_deploys.TryGetValue(id, out var job))
        {
            return null;
        }

        var polls = Interlocked.Increment(ref job.Polls);
        if (job.Canceled)
        {
            // Salesforce answers Canceling (not done) before Canceled.
            return job.CancelChecks++ == 0
                ? DeployResultElement(id, job, "Canceling", done: false, null)
                : DeployResultElement(id, job, "Canceled", done: true, new DeployOutcome(false, new List<XElement>(), new List<XElement>(), 0, 0, 0));
        }

        if (polls < Options.PollsToFinish && job.Outcome is null)
        {
            return DeployResultElement(id, job, polls == 1 ? "Pending" : "InProgress", done: false, null);
        }

        lock (job)
        {
            job.Outcome ??= Run(job);
        }

        return DeployResultElement(id, job, job.Outcome.Success ? "Succeeded" : "Failed", done: true, job.Outcome);
    }

    /// <summary>Checks and (unless check-only) applies a deploy as Salesforce would: all or nothing.</summary>
    private DeployOutcome Run(DeployJob job)
    {
        using var archive = new ZipArchive(new MemoryStream(job.Zip), ZipArchiveMode.Read);
        var files = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            using (var entry = e.Open())
            {
                entry.CopyTo(content);
            }

            return content.ToArray();
        });
        List<ComponentKey> Members(string manifest) => files.TryGetValue(manifest, out var bytes)
            ? XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!.Elements(Md + "types")
                .SelectMany(t => t.Elements(Md + "members").Select(m => new ComponentKey(t.Element(Md + "name")!.Value, m.Value))).ToList()
            : new List<ComponentKey>();
        var deploy = Members("package.xml");
        var deletions = Members("destructiveChanges.xml").Concat(Members("destructiveChangesPre.xml")).Concat(Members("destructiveChangesPost.xml")).ToList();

        var failures = new List<XElement>();
        var successes = new List<XElement>();
        foreach (var member in deploy)
        {
            var known = SimulatedCatalog.IsKnown(member.Type);
            var problem = !known
                ? $"Unknown type name '{member.Type}' specified in package.xml"
                : member.Type == "CustomField" && member.FullName.Contains('.', StringComparison.Ordinal) && !ObjectExists(member.FullName.Substring(0, member.FullName.IndexOf('.', StringComparison.Ordinal)), files)
                    ? $"In field: {member.FullName} - no CustomObject named {member.FullName.Substring(0, member.FullName.IndexOf('.', StringComparison.Ordinal))} found"
                    : null;
            var existed = Org.FilesOf(member.Type, member.FullName) is not null;
            if (!known)
            {
                // A package-level failure names no component: componentType empty, fullName and fileName package.xml.
                failures.Add(DeployMessage(new ComponentKey(string.Empty, "package.xml"), false, created: false, changed: false, deleted: false, problem, "package.xml"));
                continue;
            }

            if (member.Type == "ApexClass" && Options.BrokenApex.TryGetValue(member.FullName, out var broken))
            {
                failures.Add(DeployMessage(member, false, created: false, changed: false, deleted: false, broken.Problem, FileNameGuess(member), broken.Line, broken.Column));
                continue;
            }

            var message = DeployMessage(member, problem is null, created: !existed, changed: existed, deleted: false, problem, FileNameGuess(member));
            (problem is null ? successes : failures).Add(message);
        }

        foreach (var member in deletions)
        {
            successes.Add(DeployMessage(member, true, created: false, changed: false, deleted: true, null, FileNameGuess(member)));
        }

        var testsRun = job.TestLevel != "NoTestRun";
        var failingTests = testsRun ? Options.FailingTests.Where(t => job.TestLevel != "RunSpecifiedTests" || job.RunTests.Contains(t.Key.Split('.')[0])).ToList() : new List<KeyValuePair<string, string>>();
        var testsTotal = testsRun ? Math.Max(1, failingTests.Count + 1) : 0;
        var testFailures = failingTests.Select(t => new XElement(
            Md + "failures",
            new XElement(Md + "id", "01p000000000001AAA"),
            new XElement(Md + "message", t.Value),
            new XElement(Md + "methodName", t.Key.Split('.')[1]),
            new XElement(Md + "name", t.Key.Split('.')[0]),
            new XElement(Md + "namespace"),
            new XElement(Md + "packageName", t.Key.Split('.')[0]),
            new XElement(Md + "stackTrace", $"Class.{t.Key}: line 12, column 1"),
            new XElement(Md + "time", "12.0"),
            new XElement(Md + "type", "Class"))).ToList();

        var coverage = testsRun && Options.CoverageWarning is not null
            ? new List<XElement> { new(Md + "codeCoverageWarnings", new XElement(Md + "id", "01p000000000001AAA"), new XElement(Md + "message", Options.CoverageWarning), new XElement(Md + "name", new XAttribute(Xsi + "nil", "true")), new XElement(Md + "namespace", new XAttribute(Xsi + "nil", "true"))) }
            : new List<XElement>();
        // Each Apex class deployed that is not a test is measured by the run, at the coverage the options give it.
        var measured = testsRun
            ? deploy.Where(m => m.Type == "ApexClass" && files.TryGetValue("classes/" + m.FullName + ".cls", out var code) && !Encoding.UTF8.GetString(code).Contains("@istest", StringComparison.OrdinalIgnoreCase))
                .Select(m => CodeCoverage(m.FullName, Options.ClassCoverage.TryGetValue(m.FullName, out var percent) ? percent : Options.DefaultCoverage)).ToList()
            : new List<XElement>();
        var success = failures.Count == 0 && testFailures.Count == 0 && coverage.Count == 0;
        if (success && !job.CheckOnly)
        {
            Org.Apply(files.Where(f => f.Key is not "package.xml" and not "destructiveChanges.xml" and not "destructiveChangesPre.xml" and not "destructiveChangesPost.xml").ToDictionary(f => f.Key, f => f.Value), deletions);
        }

        return new DeployOutcome(success, failures, success ? successes : new List<XElement>(), testsTotal, testFailures.Count, deploy.Count + deletions.Count)
        {
            TestFailures = testFailures.Concat(coverage).Concat(measured).ToList(),
        };
    }

    /// <summary>runTestResult's codeCoverage of one class: 20 lines, of which the given percent covered.</summary>
    private static XElement CodeCoverage(string className, int percent) =>
        new(
            Md + "codeCoverage",
            new XElement(Md + "id", "01p000000000001AAA"),
            new XElement(Md + "name", className),
            new XElement(Md + "namespace", new XAttribute(Xsi + "nil", "true")),
            new XElement(Md + "numLocations", "20"),
            new XElement(Md + "numLocationsNotCovered", (20 - (int)Math.Round(20 * percent / 100.0)).ToString(CultureInfo.InvariantCulture)),
            new XElement(Md + "type", "Class"));

    private bool ObjectExists(string objectName, Dictionary<string, byte[]> files) =>
        Org.FilesOf("CustomObject", objectName) is not null || files.ContainsKey("objects/" + objectName + ".object");

    private static string FileNameGuess(ComponentKey member)
    {
        var type = SimulatedCatalog.ByName(member.Type) ?? SimulatedCatalog.ParentOf(member.Type);
        return type is null ? "package.xml" : type.Directory + "/" + member.FullName.Split('.')[0] + (type.Suffix is null ? string.Empty : "." + type.Suffix);
    }

    private static XElement DeployMessage(ComponentKey member, bool success, bool created, bool changed, bool deleted, string? problem, string fileName, int? line = null, int? column = null) =>
        new(
            Md + (success ? "componentSuccesses" : "componentFailures"),
            new XElement(Md + "changed", changed ? "true" : "false"),
            column is null ? null : new XElement(Md + "columnNumber", column.Value.ToString(CultureInfo.InvariantCulture)),
            new XElement(Md + "componentType", member.Type),
            new XElement(Md + "created", created ? "true" : "false"),
            new XElement(Md + "createdDate", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
            new XElement(Md + "deleted", deleted ? "true" : "false"),
            new XElement(Md + "fileName", fileName),
            new XElement(Md + "fullName", member.FullName),
            line is null ? null : new XElement(Md + "lineNumber", line.Value.ToString(CultureInfo.InvariantCulture)),
            problem is null ? null : new XElement(Md + "problem", problem),
            problem is null ? null : new XElement(Md + "problemType", "Error"),
            new XElement(Md + "success", success ? "true" : "false"));

    private static XElement DeployResultElement(string id, DeployJob job, string status, bool done, DeployOutcome? outcome)
    {
        string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        return new XElement(Md + "checkDeployStatusResponse", new XElement(
            Md + "result",
            new XElement(Md + "checkOnly", job.CheckOnly ? "true" : "false"),
            new XElement(Md + "createdBy", "005000000000001AAA"),
            new XElement(Md + "createdByName", "Admin"),
            new XElement(Md + "createdDate", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
            new XElement(
                Md + "details",
                outcome?.Failures,
                outcome?.Successes,
                outcome is null ? null : new XElement(Md + "runTestResult", new XElement(Md + "numFailures", Count(outcome.TestErrors)), new XElement(Md + "numTestsRun", Count(outcome.TestsTotal)), outcome.TestFailures)),
            new XElement(Md + "done", done ? "true" : "false"),
            outcome is { Success: false } && status == "Failed" ? new XElement(Md + "errorStatusCode", outcome.TestErrors > 0 ? "APEX_TEST_FAILURE" : "DEPLOYMENT_FAILED") : null,
            new XElement(Md + "id", id),
            new XElement(Md + "ignoreWarnings", "false"),
            new XElement(Md + "numberComponentErrors", Count(outcome?.Failures.Count ?? 0)),
            new XElement(Md + "numberComponentsDeployed", Count(outcome is { Success: true } ? outcome.Components : 0)),
            new XElement(Md + "numberComponentsTotal", Count(outcome?.Components ?? 0)),
            new XElement(Md + "numberTestErrors", Count(outcome?.TestErrors ?? 0)),
            new XElement(Md + "numberTestsCompleted", Count(outcome?.TestsTotal ?? 0)),
            new XElement(Md + "numberTestsTotal", Count(outcome?.TestsTotal ?? 0)),
            new XElement(Md + "rollbackOnError", "true"),
            new XElement(Md + "runTestsEnabled", job.TestLevel != "NoTestRun" ? "true" : "false"),
            new XElement(Md + "status", status),
            new XElement(Md + "success", outcome is { Success: true } ? "true" : "false")));
    }

    private sealed class DeployJob
    {
        public DeployJob(byte[] zip, bool checkOnly, string testLevel, List<string> runTests)
        {
            Zip = zip;
            CheckOnly = checkOnly;
            TestLevel = testLevel;
            RunTests = runTests;
        }

        public byte[] Zip { get; }

        public bool CheckOnly { get; }

        public string TestLevel { get; }

        public List<string> RunTests { get; }

        public bool Canceled { get; set; }

        public int CancelChecks { get; set; }

        public DeployOutcome? Outcome { get; set; }

#pragma warning disable SA1401 // Interlocked needs a field
        public int Polls;
#pragma warning restore SA1401
    }

    private sealed record DeployOutcome(bool Success, List<XElement> Failures, List<XElement> Successes, int TestsTotal, int TestErrors, int Components)
    {
        public List<XElement> TestFailures { get; init; } = new();
    }

    private sealed record PermissionFile(DateTime Written, string Declaration, XElement Root, List<(XElement Entry, List<ComponentKey> Refers)> Entries);

    private sealed class RetrieveJob
    {
        public RetrieveJob(List<ComponentKey> members, bool forcedLimit)
        {
            Members = members;
            ForcedLimit = forcedLimit;
        }

        public List<ComponentKey> Members { get; }

        public bool ForcedLimit { get; }

        public bool Finished { get; set; }

        /// <summary>Building the answer, started when the job was queued.</summary>
        public Task<(string Status, object[] Details)>? Work { get; set; }

#pragma warning disable SA1401 // Interlocked needs a field
        public int Polls;
#pragma warning restore SA1401
    }
}

/// <summary>One SOAP call the simulator answered.</summary>
public sealed record SoapCallRecord(string Call, DateTime Arrived, DateTime Answered, bool Gzipped = false);
