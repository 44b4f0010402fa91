using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// The Metadata API over SOAP (<c>/services/Soap/m/&lt;version&gt;</c>), message shapes as the WSDL gives
/// them, the access token in the SessionHeader. Faults become <see cref="SalesforceException"/>s with
/// Salesforce's fault code.
/// </summary>
internal sealed class MetadataApiClient
{
    public const int MaxQueriesPerList = 3;

    /// <summary>How often a retrieve whose zip was lost on the way is started again.</summary>
    private const int MaxRetrievesOfLostResult = 3;

    private const string ResultLostCode = "RetrieveResultLost";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Metadata = "http://soap.sforce.com/2006/04/metadata";
    private static readonly XNamespace Instance = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly HashSet<string> TransientFaults = new(StringComparer.Ordinal) { "UNKNOWN_EXCEPTION", "REQUEST_LIMIT_EXCEEDED", "SERVER_UNAVAILABLE" };

    private readonly OrgSession _session;
    private readonly ILogger _logger;

    public MetadataApiClient(OrgSession session, string apiVersion, ILogger logger)
    {
        _session = session;
        ApiVersion = apiVersion;
        _logger = logger;
    }

    public string ApiVersion { get; }

    public async Task<IReadOnlyList<MetadataTypeInfo>> DescribeAsync(CancellationToken cancellation)
    {
        var result = await CallAsync("describeMetadata", new XElement(Metadata + "describeMetadata", new XElement(Metadata + "asOfVersion", ApiVersion)), true, cancellation).ConfigureAwait(false);
        return result.Elements(Metadata + "result").Elements(Metadata + "metadataObjects").Select(o => new MetadataTypeInfo(
            Text(o, "xmlName") ?? string.Empty,
            Text(o, "directoryName") ?? string.Empty,
            Text(o, "suffix"),
            Text(o, "inFolder") == "true",
            Text(o, "metaFile") == "true",
            o.Elements(Metadata + "childXmlNames").Select(c => c.Value).ToList())).ToList();
    }

    /// <summary>listMetadata for at most three queries (the API's limit per call).</summary>
    public async Task<IReadOnlyList<OrgComponentInfo>> ListAsync(IReadOnlyList<ListMetadataQuery> queries, CancellationToken cancellation)
    {
        if (queries.Count > MaxQueriesPerList)
        {
            throw new ArgumentException($"listMetadata takes at most {MaxQueriesPerList} queries per call.", nameof(queries));
        }

        var request = new XElement(
            Metadata + "listMetadata",
            queries.Select(q => new XElement(Metadata + "queries", q.Folder is null ? null : new XElement(Metadata + "folder", q.Folder), new XElement(Metadata + "type", q.Type))),
            new XElement(Metadata + "asOfVersion", ApiVersion));
        var result = await CallAsync("listMetadata", request, true, cancellation).ConfigureAwait(false);
        return result.Elements(Metadata + "result").Select(r => new OrgComponentInfo(
            TypeOf(r),
            Text(r, "fullName") ?? string.Empty,
            Text(r, "fileName") ?? string.Empty,
            Text(r, "id"),
            DateTime.TryParse(Text(r, "lastModifiedDate"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var modified) ? modified : null,
            Text(r, "lastModifiedByName"),
            Text(r, "manageableState"),
            Text(r, "namespacePrefix"))).ToList();
    }

    /// <summary>
    /// A listed member's type. Salesforce answers some types with a nil type (xsi:nil) and a fileName; the type is
    /// then the one its file suffix or type folder names, as source-deploy-retrieve's connection resolver reads it.
    /// </summary>
    private static string TypeOf(XElement result)
    {
        var type = Text(result, "type");
        if (!string.IsNullOrEmpty(type))
        {
            return type!;
        }

        var fileName = Text(result, "fileName") ?? string.Empty;
        var name = fileName.Substring(fileName.LastIndexOf('/') + 1);
        var dot = name.LastIndexOf('.');
        var registry = Registry.MetadataTypeRegistry.Default;
        var slash = fileName.IndexOf('/');
        return (dot > 0 ? registry.FindBySuffix(name.Substring(dot + 1))?.Name : null)
            ?? (slash > 0 ? registry.FindByDirectory(fileName.Substring(0, slash))?.Name : null)
            ?? string.Empty;
    }

    /// <summary>Starts a retrieve of the given members (unpackaged, single package) and returns its id.</summary>
    public async Task<string> StartRetrieveAsync(IEnumerable<ComponentKey> members, CancellationToken cancellation)
    {
        var package = new XElement(
            Metadata + "unpackaged",
            members.GroupBy(m => m.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new XElement(
                Metadata + "types",
                g.Select(m => new XElement(Metadata + "members", m.FullName)),
                new XElement(Metadata + "name", g.Key))),
            new XElement(Metadata + "version", ApiVersion));
        var request = new XElement(
            Metadata + "retrieve",
            new XElement(
                Metadata + "retrieveRequest",
                new XElement(Metadata + "apiVersion", ApiVersion),
                new XElement(Metadata + "singlePackage", "true"),
                package));

        // A retrieve changes nothing in the org, so starting it again after a lost answer is harmless.
        var result = await CallAsync("retrieve", request, true, cancellation).ConfigureAwait(false);
        return Text(result.Element(Metadata + "result")!, "id") ?? throw new SalesforceException("UnexpectedAnswer", "retrieve answered without an id.");
    }

    public async Task<RetrieveStatus> CheckRetrieveAsync(string id, CancellationToken cancellation)
    {
        var request = new XElement(Metadata + "checkRetrieveStatus", new XElement(Metadata + "asyncProcessId", id), new XElement(Metadata + "includeZip", "true"));
        var result = (await CallAsync("checkRetrieveStatus", request, true, cancellation).ConfigureAwait(false)).Element(Metadata + "result")!;
        var zip = Text(result, "zipFile");
        return new RetrieveStatus(
            Text(result, "done") == "true",
            Text(result, "status") ?? "Pending",
            Text(result, "errorStatusCode"),
            Text(result, "errorMessage"),
            string.IsNullOrEmpty(zip) ? null : Convert.FromBase64String(zip),
            result.Elements(Metadata + "messages").Select(m => Text(m, "fileName") + ": " + Text(m, "problem")).ToList());
    }

    /// <summary>Retrieves the members and waits for the zip, polling with a growing interval.</summary>
    public async Task<RetrieveStatus> RetrieveAsync(IReadOnlyCollection<ComponentKey> members, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RetrieveOnceAsync(members, cancellation).ConfigureAwait(false);
            }
            catch (SalesforceException ex) when (IsResultLost(ex) && attempt < MaxRetrievesOfLostResult)
            {
                SalesforceLog.ResultLost(_logger, members.Count, attempt + 1);
            }
        }
    }

    /// <summary>
    /// checkRetrieveStatus hands a finished retrieve's zip out once and deletes it (the Metadata API guide;
    /// a second ask answers "No zip file found for async process id ... retrieve results are deleted after first
    /// download"). When the answer that carried it is lost and the call is repeated, only a new retrieve brings it.
    /// </summary>
    private static bool IsResultLost(SalesforceException ex) =>
        ex.Code == ResultLostCode || ex.Message.IndexOf("No zip file found", StringComparison.OrdinalIgnoreCase) >= 0;

    private async Task<RetrieveStatus> RetrieveOnceAsync(IReadOnlyCollection<ComponentKey> members, CancellationToken cancellation)
    {
        var id = await StartRetrieveAsync(members, cancellation).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var wait = _session.Retry.FirstPollFor(members.Count);
        while (true)
        {
            await Task.Delay(wait, cancellation).ConfigureAwait(false);
            var status = await CheckRetrieveAsync(id, cancellation).ConfigureAwait(false);
            if (status.Done)
            {
                if (status.Status == "Succeeded" && status.ZipFile is null)
                {
                    throw new SalesforceException(ResultLostCode, $"The retrieve {id} of {members.Count} components succeeded, but its zip was not in the answer.");
                }

                if (status.Status != "Succeeded")
                {
                    var code = status.ErrorStatusCode ?? "RetrieveFailed";
                    var why = string.IsNullOrWhiteSpace(status.ErrorMessage) ? "Salesforce gave no reason (status " + status.Status + ")" : status.ErrorMessage;
                    throw new SalesforceException(code, $"The retrieve {id} of {members.Count} components failed: {code}: {why}", isTransient: TransientFaults.Contains(code));
                }

                return status;
            }

            if (clock.Elapsed > _session.Retry.JobTimeout)
            {
                throw new SalesforceException("Timeout", $"The retrieve {id} did not finish within {_session.Retry.JobTimeout}. Retrieve fewer components at a time, or allow longer.");
            }

            wait = _session.Retry.NextPoll(wait);
        }
    }

    /// <summary>Starts a deploy. Never repeated after a failure: the first attempt may have started it.</summary>
    public async Task<string> StartDeployAsync(byte[] zip, DeployOptions options, CancellationToken cancellation)
    {
        var request = new XElement(
            Metadata + "deploy",
            new XElement(Metadata + "ZipFile", Convert.ToBase64String(zip)),
            new XElement(
                Metadata + "DeployOptions",
                new XElement(Metadata + "allowMissingFiles", "false"),
                new XElement(Metadata + "autoUpdatePackage", "false"),
                new XElement(Metadata + "checkOnly", options.CheckOnly ? "true" : "false"),
                new XElement(Metadata + "ignoreWarnings", "false"),
                new XElement(Metadata + "performRetrieve", "false"),
                new XElement(Metadata + "purgeOnDelete", "false"),
                new XElement(Metadata + "rollbackOnError", "true"),
                options.RunTests.Select(t => new XElement(Metadata + "runTests", t)),
                new XElement(Metadata + "singlePackage", "true"),
                new XElement(Metadata + "testLevel", options.TestLevel)));
        var result = await CallAsync("deploy", request, false, cancellation).ConfigureAwait(false);
        return Text(result.Element(Metadata + "result")!, "id") ?? throw new SalesforceException("UnexpectedAnswer", "deploy answered without an id.");
    }

    /// <summary>Quick-deploys a validation that passed with tests in the last ten days.</summary>
    public async Task<string> DeployRecentValidationAsync(string validationId, CancellationToken cancellation)
    {
        var result = await CallAsync("deployRecentValidation", new XElement(Metadata + "deployRecentValidation", new XElement(Metadata + "validationId", validationId)), false, cancellation).ConfigureAwait(false);
        return result.Element(Metadata + "result")?.Value ?? throw new SalesforceException("UnexpectedAnswer", "deployRecentValidation answered without an id.");
    }

    public Task CancelDeployAsync(string id, CancellationToken cancellation) =>
        CallAsync("cancelDeploy", new XElement(Metadata + "cancelDeploy", new XElement(Metadata + "String", id)), true, cancellation);

    public async Task<DeployResult> CheckDeployAsync(string id, string org, CancellationToken cancellation)
    {
        var request = new XElement(Metadata + "checkDeployStatus", new XElement(Metadata + "asyncProcessId", id), new XElement(Metadata + "includeDetails", "true"));
        var result = (await CallAsync("checkDeployStatus", request, true, cancellation).ConfigureAwait(false)).Element(Metadata + "result")!;
        var details = result.Element(Metadata + "details");
        int Number(string name) => int.TryParse(Text(result, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        DeployComponentResult Message(XElement m) => new(
            Text(m, "componentType") ?? string.Empty,
            Text(m, "fullName") ?? string.Empty,
            Text(m, "fileName") ?? string.Empty,
            Text(m, "success") == "true",
            Text(m, "created") == "true",
            Text(m, "changed") == "true",
            Text(m, "deleted") == "true",
            Text(m, "problem"),
            Text(m, "problemType"),
            Optional(m, "lineNumber"),
            Optional(m, "columnNumber"));

        // Every failure reaches the user, a package-level one too (no componentType: a package.xml naming an
        // unknown type); successes without a name are the package.xml itself.
        var components = (details?.Elements(Metadata + "componentFailures") ?? Enumerable.Empty<XElement>()).Select(Message)
            .Concat((details?.Elements(Metadata + "componentSuccesses") ?? Enumerable.Empty<XElement>()).Select(Message).Where(m => m.FullName.Length > 0 && m.Type.Length > 0))
            .ToList();
        var testResult = details?.Element(Metadata + "runTestResult");
        var failures = (testResult?.Elements(Metadata + "failures") ?? Enumerable.Empty<XElement>())
            .Select(f => new DeployTestFailure(Text(f, "name") ?? string.Empty, Text(f, "methodName") ?? string.Empty, Text(f, "message") ?? string.Empty, Text(f, "stackTrace")))
            .ToList();
        var coverage = (testResult?.Elements(Metadata + "codeCoverageWarnings") ?? Enumerable.Empty<XElement>())
            .Select(w => new DeployCoverageWarning(string.IsNullOrEmpty(Text(w, "name")) ? null : Text(w, "name"), Text(w, "message") ?? string.Empty))
            .ToList();
        var measured = (testResult?.Elements(Metadata + "codeCoverage") ?? Enumerable.Empty<XElement>())
            .Select(c => (Lines: Optional(c, "numLocations") ?? 0, Missed: Optional(c, "numLocationsNotCovered") ?? 0))
            .ToList();
        var lines = measured.Sum(c => c.Lines);
        return new DeployResult(
            id,
            org,
            Text(result, "status") ?? "Pending",
            Text(result, "success") == "true",
            Text(result, "checkOnly") == "true",
            Number("numberComponentsDeployed"),
            Number("numberComponentsTotal"),
            Number("numberComponentErrors"),
            Number("numberTestsCompleted"),
            Number("numberTestsTotal"),
            Number("numberTestErrors"),
            Text(result, "errorMessage"),
            components,
            failures,
            coverage,
            Text(result, "errorStatusCode"),
            lines == 0 ? null : 100.0 * (lines - measured.Sum(c => c.Missed)) / lines);
    }

    private static string? Text(XElement parent, string name) => parent.Element(Metadata + name)?.Value;

    private static int? Optional(XElement parent, string name) =>
        int.TryParse(Text(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private Task<XElement> CallAsync(string operation, XElement request, bool changesNothing, CancellationToken cancellation) =>
        _session.CallAsync(grant => SendAsync(grant, operation, request, cancellation), changesNothing, operation, cancellation);

    private async Task<XElement> SendAsync(TokenGrant grant, string operation, XElement request, CancellationToken cancellation)
    {
        var envelope = new XDocument(new XElement(
            Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap),
            new XAttribute(XNamespace.Xmlns + "met", Metadata),
            new XElement(Soap + "Header", new XElement(Metadata + "SessionHeader", new XElement(Metadata + "sessionId", grant.AccessToken.Reveal()))),
            new XElement(Soap + "Body", request)));
        using var message = new HttpRequestMessage(HttpMethod.Post, grant.InstanceUrl + "/services/Soap/m/" + ApiVersion)
        {
            Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml"),
        };
        message.Headers.Add("SOAPAction", "\"\"");
        var clock = Stopwatch.StartNew();
        using var response = await HttpCall.SendAsync(_session.Http, message, _session.Retry.RequestTimeout, operation, cancellation).ConfigureAwait(false);
        var body = await ReadAsync(response, operation).ConfigureAwait(false);
        SalesforceLog.Called(_logger, operation, clock.ElapsedMilliseconds);
        var bodyElement = body?.Root?.Element(Soap + "Body");
        var fault = bodyElement?.Element(Soap + "Fault");
        if (fault is not null)
        {
            var code = fault.Element("faultcode")?.Value ?? "UNKNOWN_EXCEPTION";
            code = code.Substring(code.IndexOf(':') + 1);
            var text = fault.Element("faultstring")?.Value ?? string.Empty;
            throw new SalesforceException(code, $"{operation} failed: {text}", TransientFaults.Contains(code));
        }

        if (!response.IsSuccessStatusCode || bodyElement?.Elements().FirstOrDefault() is not { } answer)
        {
            var status = (int)response.StatusCode;
            throw new SalesforceException("HTTP" + status, $"{operation} failed: the server answered HTTP {status} without a SOAP result.", isTransient: status >= 500);
        }

        return answer;
    }

    private static async Task<XDocument?> ReadAsync(HttpResponseMessage response, string operation)
    {
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        try
        {
            using var reader = SafeXml.Open(stream);
            return XDocument.Load(reader);
        }
        catch (XmlException) when (!response.IsSuccessStatusCode)
        {
            return null; // an error page, not SOAP: the status code tells
        }
        catch (XmlException ex)
        {
            throw new SalesforceException("MalformedAnswer", $"{operation}: the answer is not well-formed XML: {ex.Message}", isTransient: true, ex);
        }
        catch (IOException ex)
        {
            throw new SalesforceException("ConnectionLost", $"{operation}: the connection dropped while the answer was read.", isTransient: true, ex);
        }
    }
}
