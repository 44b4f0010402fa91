using System;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Refreshes;

/// <summary>Integration endpoints rewritten offline, in both formats, once; credentials listed for re-authentication; bad files refused.</summary>
public sealed class EndpointRewriterTests
{
    private static readonly PostRefreshRules Rules = new(new[] { new EndpointRewrite("https://billing.example.com", "https://billing-uat.example.com") }, Array.Empty<SettingField>(), Array.Empty<string>());

    private const string Workflow = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Workflow xmlns="http://soap.sforce.com/2006/04/metadata">
            <outboundMessages>
                <fullName>Send_Invoice</fullName>
                <apiVersion>62.0</apiVersion>
                <endpointUrl>https://billing.example.com/hooks/invoice?src=sf&amp;v=2</endpointUrl>
                <includeSessionId>false</includeSessionId>
                <integrationUser>admin@acme.example</integrationUser>
                <name>Send Invoice</name>
                <protected>false</protected>
                <useDeadLetterQueue>false</useDeadLetterQueue>
            </outboundMessages>
        </Workflow>
        """;

    private const string CustomMetadata = """
        <?xml version="1.0" encoding="UTF-8"?>
        <CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
            <label>Default</label>
            <protected>false</protected>
            <values>
                <field>Endpoint__c</field>
                <value xsi:type="xsd:string">https://billing.example.com/api/v2</value>
            </values>
            <values>
                <field>Other__c</field>
                <value xsi:type="xsd:string">https://elsewhere.example.com</value>
            </values>
        </CustomMetadata>
        """;

    [Theory]
    [InlineData("docs/samples/production", "")]
    [InlineData("docs/samples/uat", "force-app/main/default/")]
    public void Production_endpoints_are_rewritten_once_and_a_second_run_finds_them_done(string sample, string prefix)
    {
        using var tree = new TempTree().CopyFrom(sample);
        var context = new EngineContext(new RecordingObserver());
        if (prefix.Length == 0)
        {
            tree.Write("workflows/Invoice__c.workflow", Workflow).Write("customMetadata/Billing_Setting.Default.md", CustomMetadata);
        }

        var (changes, settled) = new EndpointRewriter(tree.Root, context).Plan(Rules);
        foreach (var change in changes)
        {
            EndpointRewriter.Apply(change);
        }

        var expected = new[] { "NamedCredential Billing_API", "RemoteSiteSetting Billing_API" }.Concat(prefix.Length == 0 ? new[] { "CustomMetadata Billing_Setting.Default", "Workflow Invoice__c" } : Array.Empty<string>()).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(expected, changes.Select(c => c.Component.ToString()).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Empty(settled);
        Assert.Contains("<url>https://billing-uat.example.com</url>", File.ReadAllText(tree.PathOf(prefix + "remoteSiteSettings/Billing_API.remoteSite" + (prefix.Length == 0 ? string.Empty : "-meta.xml"))), StringComparison.Ordinal);
        if (prefix.Length == 0)
        {
            Assert.Contains("https://billing-uat.example.com/hooks/invoice?src=sf&amp;v=2", File.ReadAllText(tree.PathOf("workflows/Invoice__c.workflow")), StringComparison.Ordinal);
            Assert.Contains("https://elsewhere.example.com", File.ReadAllText(tree.PathOf("customMetadata/Billing_Setting.Default.md")), StringComparison.Ordinal);
        }

        var (again, done) = new EndpointRewriter(tree.Root, context).Plan(Rules);
        Assert.Empty(again);
        Assert.Equal(expected, done.Select(t => t.Target).OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(done, t => Assert.Equal(PostRefreshStatus.AlreadyDone, t.Status));
        Assert.Empty(Directory.GetFiles(tree.Root, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Credentials_whose_secrets_a_copy_loses_are_listed_for_a_person()
    {
        using var tree = new TempTree().CopyFrom("docs/samples/production")
            .Write("namedCredentials/Legacy.namedCredential", "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\"><endpoint>https://billing.example.com</endpoint><label>Legacy</label><principalType>NamedUser</principalType><protocol>Password</protocol><username>svc</username></NamedCredential>")
            .Write("namedCredentials/Open.namedCredential", "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\"><endpoint>https://status.example.com</endpoint><label>Open</label><principalType>Anonymous</principalType><protocol>NoAuthentication</protocol></NamedCredential>")
            .Write("authproviders/Okta.authprovider", "<AuthProvider xmlns=\"http://soap.sforce.com/2006/04/metadata\"><consumerKey>abc</consumerKey><friendlyName>Okta</friendlyName><providerType>OpenIdConnect</providerType></AuthProvider>");

        var lines = new EndpointRewriter(tree.Root, new EngineContext(new RecordingObserver())).Reauthentication().ToList();

        Assert.Equal(new[] { "AuthProvider Okta", "NamedCredential Billing_API", "NamedCredential Legacy" }, lines.Select(l => l.Target).OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(PostRefreshStatus.NeedsManualAction, l.Status));
        Assert.Contains(lines, l => l.Detail.Contains("Billing_Service", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<RemoteSiteSetting xmlns=\"http://soap.sforce.com/2006/04/metadata\"><url>https://billing.example.com</url>", "not well-formed")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"https://billing.example.com\">]><RemoteSiteSetting xmlns=\"http://soap.sforce.com/2006/04/metadata\"><url>&e;</url></RemoteSiteSetting>", "declares a DTD")]
    public void A_file_that_is_not_plain_xml_is_refused_naming_it_and_nothing_is_written(string content, string message)
    {
        using var tree = new TempTree().CopyFrom("docs/samples/production").Write("remoteSiteSettings/Broken.remoteSite", content);

        var failure = Assert.Throws<MetadataSourceException>(() => new EndpointRewriter(tree.Root, new EngineContext(new RecordingObserver())).Plan(Rules));

        Assert.Contains("Broken.remoteSite", failure.Message, StringComparison.Ordinal);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.Contains("https://billing.example.com", File.ReadAllText(tree.PathOf("remoteSiteSettings/Billing_API.remoteSite")), StringComparison.Ordinal);
    }
}
