using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Access;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Tests.Access;

/// <summary>Each kind of breach of a pipeline's access policy, and each way a holder is allowed.</summary>
public sealed class AccessPolicyCheckTests
{
    private static readonly AccessRule DevelopersStayDown = new(
        new[] { "AuthorApex", "ModifyMetadata" },
        new[] { EnvironmentRole.UAT, EnvironmentRole.Production },
        new[] { new AccessMatcher("profile", "System Administrator"), new AccessMatcher("user", "release@*"), new AccessMatcher("permissionSetGroup", "Release"), new AccessMatcher("permissionSet", "Deploy*") },
        "developers write only in development");

    public static TheoryData<string, AccessGrant, EnvironmentRole, string?> Cases => new()
    {
        { "a developer's profile grants Apex in UAT", new AccessGrant("uat", "dana@acme.example", "User", "AuthorApex", "Profile", "Developer"), EnvironmentRole.UAT, AccessPolicyCheck.ByProfile },
        { "a permission set grants metadata changes in production", new AccessGrant("prod", "dana@acme.example", "User", "ModifyMetadata", "PermissionSet", "Dev_Tools"), EnvironmentRole.Production, AccessPolicyCheck.ByPermissionSet },
        { "a group grants Apex in production", new AccessGrant("prod", "sam@acme.example", "User", "AuthorApex", "PermissionSetGroup", "Developers", "Dev_Tools"), EnvironmentRole.Production, AccessPolicyCheck.ByGroup },
        { "offline, a profile file grants Apex in UAT", new AccessGrant("./uat", "Developer", "Profile", "AuthorApex", "Profile", "Developer"), EnvironmentRole.UAT, AccessPolicyCheck.ByProfile },
        { "allowed: the release user by pattern", new AccessGrant("prod", "release@acme.example", "User", "ModifyMetadata", "PermissionSet", "Dev_Tools"), EnvironmentRole.Production, null },
        { "allowed: an administrator's profile", new AccessGrant("prod", "admin@acme.example", "User", "AuthorApex", "Profile", "System Administrator"), EnvironmentRole.Production, null },
        { "allowed: the release group", new AccessGrant("prod", "sam@acme.example", "User", "AuthorApex", "PermissionSetGroup", "Release", "Deployer"), EnvironmentRole.Production, null },
        { "allowed: a permission set by pattern", new AccessGrant("prod", "sam@acme.example", "User", "AuthorApex", "PermissionSet", "Deployer"), EnvironmentRole.Production, null },
        { "not covered: Apex in a developer sandbox", new AccessGrant("dev", "dana@acme.example", "User", "AuthorApex", "Profile", "Developer"), EnvironmentRole.Development, null },
        { "not covered: another capability", new AccessGrant("prod", "dana@acme.example", "User", "ApiEnabled", "Profile", "Developer"), EnvironmentRole.Production, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_grant_is_a_breach_of_its_kind_or_allowed(string shape, AccessGrant grant, EnvironmentRole role, string? ruleId)
    {
        var environment = new PipelineEnvironment(grant.Environment, SandboxType.Full, role, "org:x", "org:x");

        var findings = AccessPolicyCheck.Check(new List<AccessRule> { DevelopersStayDown }, environment, new[] { grant });

        Assert.True(ruleId == findings.SingleOrDefault()?.RuleId, shape);
        Assert.All(findings, f => Assert.Contains("developers write only in development", f.Message, System.StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Equal((grant.Holder, grant.Capability, grant.GrantedBy), (f.User, f.Capability, f.GrantedBy)));
    }
}
