using System.IO;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Pipelines;

public sealed class PipelineFileTests
{
    private const string Smallest = """
        { "name": "Acme", "namingConvention": { "pattern": "^(dev|int|uat|prod|hotfix)", "description": "role first" },
          "environments": [ { "name": "prod", "type": "Production", "role": "Production", "location": "org:prod" },
                            { "name": "uat", "type": "Full", "role": "UAT", "location": "./retrieved/uat" } ],
          "promotions": [ { "from": "uat", "to": "prod" } ], "backPromotions": [ { "from": "prod", "to": "uat" } ] }
        """;

    private static SandboxPipeline Parse(string json, string folder = "/pipelines") =>
        PipelineFile.Parse(Encoding.UTF8.GetBytes(json), Path.Combine(folder, "p.json"), folder);

    [Fact]
    public void The_smallest_useful_file_reads_with_its_locations_resolved_against_its_folder()
    {
        using var tree = new TempTree();
        var pipeline = Parse(Smallest, tree.Root);

        Assert.Equal("Acme", pipeline.Name);
        Assert.Equal(new[] { "prod", "uat" }, pipeline.Environments.Select(e => e.Name));
        Assert.Equal("org:prod", pipeline.Environment("prod")!.Source);
        Assert.Equal(Path.Combine(tree.Root, "retrieved", "uat"), pipeline.Environment("uat")!.Source);
        Assert.Equal("./retrieved/uat", pipeline.Environment("uat")!.Location);
        Assert.Equal(EnvironmentRole.UAT, pipeline.Environment("UAT")!.Role);
        Assert.Equal(("uat", "prod", LinkKind.Promotion), (pipeline.Promotions[0].From, pipeline.Promotions[0].To, pipeline.Promotions[0].Kind));
        Assert.Equal(LinkKind.BackPromotion, pipeline.BackPromotions.Single().Kind);
        Assert.Same(pipeline, pipeline.Environments[0].Pipeline);
    }

    [Fact]
    public void A_pipeline_round_trips_through_the_file_unchanged()
    {
        using var tree = new TempTree();
        var file = tree.PathOf("acme.pipeline.json");
        var first = Parse(Smallest.Replace("\"location\": \"./retrieved/uat\" }", "\"location\": \"./retrieved/uat@main\", \"owner\": \"QA\", \"expectedDrift\": [ { \"rule\": \"Profile:*:loginIpRanges*\", \"reason\": \"per org\" } ], \"sandboxName\": \"uat2\", \"masking\": { \"rules\": \"./masking/rules.json\" }, \"lastRefresh\": \"2026-11-02T18:30:00Z\", \"postRefresh\": { \"endpoints\": [ { \"from\": \"https://api.example.com\", \"to\": \"https://api-uat.example.com\" } ], \"customSettings\": [ { \"object\": \"S__c\", \"field\": \"Url__c\" } ], \"users\": [ \"*@example.com.uat2\" ] } }").Replace("\"environments\"", "\"refresh\": { \"objects\": [ \"Account\" ], \"recordsPerMinute\": 2500 }, \"access\": [ { \"capabilities\": [ \"ModifyAllData\" ], \"roles\": [ \"Production\" ], \"allow\": [ \"profile:System Administrator\", \"user:release@*\" ], \"reason\": \"admins only\" } ], \"environments\"").Replace("{ \"from\": \"uat\", \"to\": \"prod\" } ], \"backPromotions\"", "{ \"from\": \"uat\", \"to\": \"prod\", \"gates\": { \"failOn\": \"warning\", \"testLevel\": \"RunLocalTests\", \"minimumCoverage\": 80, \"approvals\": [ \"release-manager\" ] } } ], \"backPromotions\""), tree.Root);

        PipelineFile.Write(first, file, "../module/" + PipelineFile.SchemaFileName, overwrite: false);
        var second = PipelineFile.Read(file);
        PipelineFile.Write(second, tree.PathOf("again.json"), "../module/" + PipelineFile.SchemaFileName, overwrite: false);

        Assert.Equal(File.ReadAllText(file), File.ReadAllText(tree.PathOf("again.json")));
        var uat = second.Environment("uat")!;
        Assert.Equal(("QA", "Profile:*:loginIpRanges*", "per org"), (uat.Owner, uat.ExpectedDrift.Single().Rule.Text, uat.ExpectedDrift.Single().Reason));
        Assert.Equal(Path.Combine(tree.Root, "retrieved", "uat") + "@main", uat.Source);
        Assert.Equal(file, second.File);
        Assert.Equal(("uat2", new System.DateTimeOffset(2026, 11, 2, 18, 30, 0, System.TimeSpan.Zero)), (uat.SandboxName, uat.Refresh.LastRefresh!.Value));
        Assert.Equal(("https://api-uat.example.com/v1", "S__c.Url__c"), (uat.Refresh.PostRefresh.Endpoints.Single().Rewrite("https://api.example.com/v1"), uat.Refresh.PostRefresh.CustomSettings.Single().ToString()));
        Assert.True(uat.Refresh.PostRefresh.NamesUser("Dana@Example.com.UAT2"));
        Assert.Equal(Path.Combine(tree.Root, "masking", "rules.json"), uat.Refresh.Masking!.Rules);
        Assert.Equal(new[] { "Account" }, second.Refresh.Objects);
        Assert.Equal(2500d, second.Refresh.RecordsPerMinute);
        var gates = second.Promotions.Single().Gates!;
        Assert.Equal((true, FindingSeverity.Warning, "RunLocalTests", (int?)80, "release-manager"), (gates.StaticChecks, gates.FailOn, gates.TestLevel, gates.MinimumCoverage, gates.Approvals.Single()));
        Assert.Null(second.BackPromotions.Single().Gates);
        Assert.Equal("ModifyAllData in Production: only profile:System Administrator, user:release@* (admins only)", second.Access.Single().ToString());
    }

    [Fact]
    public void Writing_over_a_file_needs_overwrite_and_leaves_nothing_beside_it()
    {
        using var tree = new TempTree();
        var file = tree.PathOf("p.json");
        var pipeline = Parse(Smallest, tree.Root);
        PipelineFile.Write(pipeline, file, null, overwrite: false);

        var refused = Assert.Throws<PipelineFileException>(() => PipelineFile.Write(pipeline, file, null, overwrite: false));
        PipelineFile.Write(pipeline, file, null, overwrite: true);

        Assert.Equal(FailureKind.AlreadyExists, refused.Kind);
        Assert.Equal(new[] { "p.json" }, Directory.GetFileSystemEntries(tree.Root).Select(Path.GetFileName));
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "{ \"name\": \"A\", ", "line 1", "not valid JSON" },
        { "[]", "$", "expected an object" },
        { "{ \"environments\": [ { \"name\": \"p\", \"type\": \"Production\", \"role\": \"Production\", \"location\": \"org:p\" } ] }", "line 1, $:", "\"name\" is missing" },
        { "{ \"name\": \"A\",\n \"environments\": [\n { \"name\": \"p\", \"type\": \"Sandboxy\", \"role\": \"Production\", \"location\": \"org:p\" } ] }", "line 3, $.environments[0].type", "use one of: Production, Full" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"QA\", \"location\": \"org:p\" } ] }", "$.environments[0].role", "'QA' is not a role" },
        { "{ \"name\": \"A\", \"envs\": [] }", "$.envs", "\"envs\" is not a pipeline setting" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" }, { \"name\": \"P\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:q\" } ] }", "$.environments[1].name", "is used twice" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ],\n \"promotions\": [ { \"from\": \"p\", \"to\": \"prod\" } ] }", "line 2, $.promotions[0].to", "'prod' is not an environment" },
        { "{ \"name\": \"A\", \"namingConvention\": { \"pattern\": \"(unclosed\" }, \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ] }", "$.namingConvention.pattern", "not a valid regular expression" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\", \"expectedDrift\": [ { \"rule\": \"Profile\", \"reason\": \"x\" } ] } ] }", "$.environments[0].expectedDrift[0].rule", "Type:FullNamePattern" },
        { "{ \"$schema\": \"https://example.com/other.json\", \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ] }", "$.$schema", "names another schema" },
        { "{ \"name\": \"A\", \"environments\": [] }", "$.environments", "no environments" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ], \"promotions\": [ { \"from\": \"p\", \"to\": \"p\" } ] }", "$.promotions[0]", "linked to itself" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\", \"masking\": { \"rules\": \"r.json\", \"exempt\": \"no data\" } } ] }", "$.environments[0].masking", "one of them" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\", \"sandboxName\": \"user-acceptance\" } ] }", "$.environments[0].sandboxName", "at most 10 letters and digits" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\", \"lastRefresh\": \"last Tuesday\" } ] }", "$.environments[0].lastRefresh", "is not a date" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\", \"postRefresh\": { \"endpoints\": [ { \"from\": \"billing.example.com\", \"to\": \"https://b.example.com\" } ] } } ] }", "$.environments[0].postRefresh.endpoints[0].from", "not an absolute URL" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\", \"postRefresh\": { \"customSettings\": [ { \"object\": \"S__c\" } ] } } ] }", "$.environments[0].postRefresh.customSettings[0]", "\"field\" is missing" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\", \"postRefresh\": { \"users\": [ 42 ] } } ] }", "$.environments[0].postRefresh.users[0]", "a user is a username" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Production\", \"role\": \"Production\", \"location\": \"org:p\" }, { \"name\": \"u\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:u\" } ], \"promotions\": [ { \"from\": \"u\", \"to\": \"p\", \"gates\": { \"testLevel\": \"RunSomeTests\" } } ] }", "$.promotions[0].gates.testLevel", "not a test level" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Production\", \"role\": \"Production\", \"location\": \"org:p\" }, { \"name\": \"u\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:u\" } ], \"promotions\": [ { \"from\": \"u\", \"to\": \"p\", \"gates\": { \"minimumCoverage\": 120 } } ] }", "$.promotions[0].gates.minimumCoverage", "0 to 100" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Production\", \"role\": \"Production\", \"location\": \"org:p\" }, { \"name\": \"u\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:u\" } ], \"promotions\": [ { \"from\": \"u\", \"to\": \"p\", \"gates\": { \"failOn\": \"info\", \"approvals\": [ 3 ] } } ] }", "$.promotions[0].gates.failOn", "\"error\" or \"warning\"" },
        { "{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"Production\", \"role\": \"Production\", \"location\": \"org:p\" }, { \"name\": \"u\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:u\" } ], \"backPromotions\": [ { \"from\": \"p\", \"to\": \"u\", \"gates\": { } } ] }", "$.backPromotions[0].gates", "gates" },
        { "{ \"name\": \"A\", \"access\": [ { \"capabilities\": [ \"Modify All\" ], \"roles\": [ \"Production\" ] } ], \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ] }", "$.access[0].capabilities[0]", "user permission's API name" },
        { "{ \"name\": \"A\", \"access\": [ { \"capabilities\": [ \"AuthorApex\" ], \"roles\": [ \"Prod\" ] } ], \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ] }", "$.access[0].roles[0]", "an environment role" },
        { "{ \"name\": \"A\", \"access\": [ { \"capabilities\": [ \"AuthorApex\" ], \"roles\": [ \"UAT\" ], \"allow\": [ \"group:Release\" ] } ], \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ] }", "$.access[0].allow[0]", "kind:pattern" },
        { "{ \"name\": \"A\", \"refresh\": { \"recordsPerMinute\": -5 }, \"environments\": [ { \"name\": \"p\", \"type\": \"Full\", \"role\": \"UAT\", \"location\": \"org:p\" } ] }", "$.refresh.recordsPerMinute", "positive number" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_refused_naming_the_file_the_line_and_the_json_path(string json, string where, string what)
    {
        var failure = Assert.Throws<PipelineFileException>(() => Parse(json));

        Assert.Contains(Path.Combine("/pipelines", "p.json"), failure.Message, System.StringComparison.Ordinal);
        Assert.Contains(where, failure.Message, System.StringComparison.Ordinal);
        Assert.Contains(what, failure.Message, System.StringComparison.Ordinal);
        Assert.Equal(FailureKind.InvalidData, failure.Kind);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var failure = Assert.Throws<PipelineFileException>(() => Parse("{ \"name\": \"A\", \"environments\": [ { \"name\": \"p\", \"type\": \"X\", \"role\": \"Y\", \"location\": \"org:p\" } ], \"extra\": 1 }"));

        Assert.Contains("3 problem(s)", failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_not_found_and_says_how_to_make_one()
    {
        var failure = Assert.Throws<PipelineFileException>(() => PipelineFile.Read(Path.Combine(Path.GetTempPath(), "no-such-pipeline.json")));

        Assert.Equal(FailureKind.NotFound, failure.Kind);
        Assert.Contains("New-SandboxPipeline", failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_lists_exactly_the_types_and_roles_the_reader_accepts()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TempTree.RepositoryRoot, "module", PipelineFile.SchemaFileName)));
        var environment = schema.RootElement.GetProperty("definitions").GetProperty("environment").GetProperty("properties");

        Assert.Equal(System.Enum.GetNames<SandboxType>(), environment.GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(System.Enum.GetNames<EnvironmentRole>(), environment.GetProperty("role").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "$schema", "name", "namingConvention", "repository", "environments", "promotions", "backPromotions", "access", "refresh" }, schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "name", "type", "role", "location", "owner", "description", "expectedDrift", "sandboxName", "masking", "lastRefresh", "postRefresh" }, environment.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_sample_pipeline_reads_and_names_the_modules_schema()
    {
        var file = Path.Combine(TempTree.RepositoryRoot, "docs", "samples", "pipeline", "acme.pipeline.json");
        var pipeline = PipelineFile.Read(file);
        var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("$schema").GetString()!;

        Assert.Equal(5, pipeline.Environments.Count);
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, schema))));
    }
}
