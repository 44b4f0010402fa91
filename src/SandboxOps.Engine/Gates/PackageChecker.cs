using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Gates;

/// <summary>
/// Checks a package before it reaches an org, reading it once: what its components name and neither it nor the
/// target holds, API versions the target cannot take or Salesforce has retired, deletions Salesforce refuses,
/// permissions a profile deploy cannot take away, Apex without a test class, Salesforce's deploy limits, record ids
/// and production URLs written into code and metadata. Each finding says what to do.
/// </summary>
public sealed class PackageChecker
{
    public const string MissingReference = "PKG001";
    public const string ApiVersion = "PKG002";
    public const string UndeletableDeletion = "PKG003";
    public const string CannotRevoke = "PKG004";
    public const string ApexWithoutTests = "PKG005";
    public const string DeployLimit = "PKG006";
    public const string HardCodedId = "PKG007";
    public const string ProductionUrl = "PKG008";

    /// <summary>Versions 21.0 to 30.0 were retired in Summer '25: a deploy at them fails.</summary>
    private static readonly Version OldestApiVersion = new(31, 0);
    private static readonly Regex TestAnnotation = new(@"@istest\b|\btestmethod\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly string[] DestructiveManifests = { "destructiveChanges.xml", "destructiveChangesPre.xml", "destructiveChangesPost.xml" };

    private readonly EngineContext _context;

    public PackageChecker(EngineContext context)
    {
        _context = context;
    }

    /// <summary>Every finding about the package, and its test classes; <paramref name="zippedBytes"/> is the size of a zip package, null for a folder.</summary>
    public PackageCheck Check(MetadataSource package, PackageTarget target, long? zippedBytes)
    {
        var findings = new List<PackageFinding>();
        var files = package.FileSystem.Files;
        Limits(files.Count, files.Sum(f => f.Size), zippedBytes, findings);
        foreach (var manifest in DestructiveManifests.Where(m => files.Any(f => f.Path == m)))
        {
            foreach (var key in Manifest(package, manifest).Members)
            {
                if (Deletions.WhyNot(key) is { } why)
                {
                    findings.Add(new PackageFinding(UndeletableDeletion, FindingSeverity.Error, key.ToString(), $"{manifest} deletes it, which Salesforce refuses: {why}.", "Take it out of " + manifest + " and do what the message says, in Setup or in a later package."));
                }
            }
        }

        if (files.Any(f => f.Path == "package.xml") && Version(Manifest(package, "package.xml").Version) is { } version)
        {
            NewerThanTarget(null, "package.xml", version, target, findings);
        }

        var read = new PackageContents(target, new LiteralScanner(target.ProductionUrls), findings);
        var reader = new MetadataReader(_context);
        foreach (var content in reader.ReaderFor(reader.Index(package), hashesOnly: false).ReadAll(ReadOptions.All, "Checking " + package.Description, _context.Cancellation))
        {
            read.Add(content);
        }

        read.Finish();
        return new PackageCheck(findings, read.TestClasses);
    }

    private static (List<ComponentKey> Members, string? Version) Manifest(MetadataSource package, string file)
    {
        using var stream = package.FileSystem.OpenRead(file);
        return PackageManifest.Read(stream, package.FileSystem.DisplayPath(file));
    }

    internal static void Limits(int fileCount, long bytes, long? zippedBytes, List<PackageFinding> findings)
    {
        void Over(string what, string limit) => findings.Add(new PackageFinding(DeployLimit, FindingSeverity.Error, null, $"The package has {what}; Salesforce deploys at most {limit} at once.", "Split it: New-DeploymentPackage writes numbered parts under Salesforce's limits."));
        if (fileCount > PackageOptions.DefaultMaxFiles)
        {
            Over($"{fileCount:N0} files", $"{PackageOptions.DefaultMaxFiles:N0} files");
        }

        if (bytes > PackageOptions.DefaultMaxUnzippedBytes)
        {
            Over($"{bytes / (1024 * 1024):N0} MB of files", $"{PackageOptions.DefaultMaxUnzippedBytes / (1024 * 1024):N0} MB unzipped");
        }

        if (zippedBytes > PackageOptions.DefaultMaxZippedBytes)
        {
            Over($"{zippedBytes / (1024 * 1024):N0} MB zipped", $"{PackageOptions.DefaultMaxZippedBytes / (1024 * 1024):N0} MB as a zip");
        }
    }

    private static Version? Version(string? text) =>
        System.Version.TryParse(text, out var version) ? version : null;

    private static void NewerThanTarget(string? component, string where, Version version, PackageTarget target, List<PackageFinding> findings)
    {
        if (version < OldestApiVersion)
        {
            findings.Add(new PackageFinding(ApiVersion, FindingSeverity.Error, component, $"{where} is at API version {version}, which Salesforce retired: versions before {OldestApiVersion} can no longer be deployed.", $"Raise it to {OldestApiVersion} or later (and test what the newer version changes)."));
        }
        else if (target.LatestApiVersion is { } latest && version > latest)
        {
            findings.Add(new PackageFinding(ApiVersion, FindingSeverity.Error, component, $"{where} is at API version {version}; {target.Description} serves versions up to {latest}.", $"Lower it to {latest}, or deploy once {target.Description} is on the release that brings {version}."));
        }
    }

    /// <summary>What reading the package's components finds, and the checks that need all of them (references, tests).</summary>
    private sealed class PackageContents
    {
        private readonly PackageTarget _target;
        private readonly LiteralScanner _scanner;
        private readonly List<PackageFinding> _findings;
        private readonly HashSet<ComponentKey> _keys = new();
        private readonly List<(ComponentKey From, ComponentKey To, string Where)> _references = new();
        private readonly List<string> _untestedApex = new();
        private readonly List<string> _testClasses = new();

        public PackageContents(PackageTarget target, LiteralScanner scanner, List<PackageFinding> findings)
        {
            _target = target;
            _scanner = scanner;
            _findings = findings;
        }

        public IReadOnlyList<string> TestClasses => _testClasses;

        public void Add(ComponentContent content)
        {
            var component = content.Component;
            _keys.Add(component.Key);
            if (content.Parts.FirstOrDefault(p => p.Tree is not null)?.Tree is { } tree)
            {
                _references.AddRange(ComponentReferences.Of(component, tree).Select(r => (component.Key, r.Key, r.Where)));
                if (Version(tree.ChildText("apiVersion")?.Trim()) is { } version)
                {
                    NewerThanTarget(component.ToString(), "It", version, _target, _findings);
                }

                Revocations(component, tree);
                Literals(component, _scanner.InXml(tree));
            }

            if (component.Type is "ApexClass" or "ApexTrigger" && content.Parts.FirstOrDefault(p => p.IsText) is { } code)
            {
                var text = code.LoadText();
                if (component.Type == "ApexClass" && TestAnnotation.IsMatch(text))
                {
                    _testClasses.Add(component.FullName); // its ids are a test's made-up ones, and it never runs against an integration
                }
                else
                {
                    _untestedApex.Add(component.ToString());
                    Literals(component, _scanner.InApex(text));
                }
            }
        }

        public void Finish()
        {
            foreach (var missing in _references.Where(r => !_keys.Contains(r.To) && _target.Components?.Contains(r.To) != true).GroupBy(r => r.To))
            {
                var by = missing.Select(r => $"{r.From} ({r.Where})").Distinct().ToList();
                var named = $"{string.Join(", ", by.Take(3))}{(by.Count > 3 ? $" and {by.Count - 3} more" : string.Empty)}";
                _findings.Add(_target.Components is null
                    ? new PackageFinding(MissingReference, FindingSeverity.Warning, missing.Key.ToString(), $"{named} {Names(by.Count)} it, and the package does not carry it.", "Give -Target the org or folder it goes to, to check that it is there; or add it to the package.")
                    : new PackageFinding(MissingReference, FindingSeverity.Error, missing.Key.ToString(), $"{named} {Names(by.Count)} it, and neither the package nor {_target.Description} has it: the deploy would fail.", "Add it to the package (New-DeploymentPackage -FullName), or take the reference out."));
            }

            if (_untestedApex.Count > 0 && _testClasses.Count == 0)
            {
                var severity = _target.IsProduction ? FindingSeverity.Error : FindingSeverity.Warning;
                _findings.Add(new PackageFinding(ApexWithoutTests, severity, null, $"{_untestedApex.Count} Apex class(es) or trigger(s) change ({string.Join(", ", _untestedApex.Take(3))}{(_untestedApex.Count > 3 ? ", ..." : string.Empty)}) and the package has no test class.", "Add the test classes that cover them, so the deploy runs them (RunSpecifiedTests), or deploy with -TestLevel RunLocalTests."));
            }
        }

        private static string Names(int count) => count == 1 ? "names" : "name";

        /// <summary>
        /// Permissions the target's profile grants that the package's leaves out: a profile deploy changes only what the
        /// file mentions, so they stay granted. (A permission set deploy replaces it whole since API 40.0: nothing to say.)
        /// </summary>
        private void Revocations(MetadataComponent component, XmlNode tree)
        {
            if (component.Type != "Profile" || !_target.Profiles.TryGetValue(component.Key, out var current))
            {
                return;
            }

            var deployed = new HashSet<string>(tree.Children.Select(Identity).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            var kept = current.Children.Where(Grants).Select(Identity).OfType<string>().Where(id => !deployed.Contains(id)).ToList();
            if (kept.Count > 0)
            {
                _findings.Add(new PackageFinding(CannotRevoke, FindingSeverity.Warning, component.ToString(), $"{kept.Count} permission(s) granted in {_target.Description} are not in the deployed file ({string.Join(", ", kept.Take(3))}{(kept.Count > 3 ? ", ..." : string.Empty)}): a profile deploy leaves what the file does not mention as it is, so they stay granted.", "To take them away, write each with its permissions false (<editable>false</editable>, <enabled>false</enabled>...), or remove them in Setup."));
            }
        }

        private void Literals(MetadataComponent component, (List<string> Ids, List<string> Urls) found)
        {
            if (found.Ids.Count > 0)
            {
                _findings.Add(new PackageFinding(HardCodedId, FindingSeverity.Warning, component.ToString(), $"It names record id(s) {string.Join(", ", found.Ids.Take(3))}: record ids differ in every org, so it works only where they were copied from.", "Look the record up by a stable value (a developer name, an external id, a custom setting or custom metadata) instead."));
            }

            if (found.Urls.Count > 0 && !_target.IsProduction)
            {
                _findings.Add(new PackageFinding(ProductionUrl, FindingSeverity.Warning, component.ToString(), $"It names production URL(s) {string.Join(", ", found.Urls.Take(3))}: deployed to {_target.Description}, it would call production.", "Use a named credential (rewritten per environment by Invoke-PostRefreshTask) or the org's own URL (URL.getOrgDomainUrl())."));
            }
        }

        /// <summary>What a permission entry is about, "fieldPermissions Account.Rating__c"; null for entries without one.</summary>
        private static string? Identity(XmlNode entry)
        {
            var key = entry.Name switch
            {
                "fieldPermissions" => "field",
                "objectPermissions" => "object",
                "userPermissions" or "customPermissions" => "name",
                "classAccesses" => "apexClass",
                "pageAccesses" => "apexPage",
                "recordTypeVisibilities" => "recordType",
                "tabVisibilities" => "tab",
                "applicationVisibilities" => "application",
                _ => null,
            };
            return key is null || entry.ChildText(key) is not { } name ? null : entry.Name + " " + name.Trim();
        }

        private static bool Grants(XmlNode entry) =>
            entry.Children.Any(c => c.Children.Count == 0 && c.Name != "default" && string.Equals(c.Text.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            || (entry.Name == "tabVisibilities" && entry.ChildText("visibility")?.Trim() is { } visibility && visibility != "Hidden");
    }
}

/// <summary>What checking a package found, and the test classes it carries (what a RunSpecifiedTests validation runs).</summary>
public sealed class PackageCheck
{
    public PackageCheck(IReadOnlyList<PackageFinding> findings, IReadOnlyList<string> testClasses)
    {
        Findings = findings;
        TestClasses = testClasses;
    }

    public IReadOnlyList<PackageFinding> Findings { get; }

    public IReadOnlyList<string> TestClasses { get; }
}
