using System.Linq;
using SandboxOps.Engine.Access;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Access;

/// <summary>Who can do what, from profiles, permission sets and groups read as metadata: muting applied, groups through their sets.</summary>
public sealed class AccessAuditorTests
{
    private const string Project = "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true}]}";

    private static string Permissions(string root, params (string Name, bool Enabled)[] permissions) =>
        Read.Doc(root, string.Concat(permissions.Select(p => $"<userPermissions><enabled>{(p.Enabled ? "true" : "false")}</enabled><name>{p.Name}</name></userPermissions>")));

    [Fact]
    public void Profiles_and_sets_grant_what_they_enable_and_a_group_grants_its_sets_less_what_it_mutes()
    {
        using var tree = new TempTree()
            .Write("sfdx-project.json", Project)
            .Write("force-app/main/default/profiles/Admin.profile-meta.xml", Permissions("Profile", ("ModifyAllData", true), ("ViewSetup", true), ("EmailSingle", true)))
            .Write("force-app/main/default/profiles/Standard.profile-meta.xml", Permissions("Profile", ("ModifyAllData", false), ("ApiEnabled", true)))
            .Write("force-app/main/default/permissionsets/Deployer.permissionset-meta.xml", Permissions("PermissionSet", ("ModifyMetadata", true), ("AuthorApex", true)))
            .Write("force-app/main/default/permissionsets/Admin_Lite.permissionset-meta.xml", Permissions("PermissionSet", ("ManageUsers", true), ("ViewAllData", true)))
            .Write("force-app/main/default/mutingpermissionsets/No_Users.mutingpermissionset-meta.xml", Permissions("MutingPermissionSet", ("ManageUsers", true)))
            .Write("force-app/main/default/permissionsetgroups/Release.permissionsetgroup-meta.xml", Read.Doc("PermissionSetGroup", "<label>Release</label><mutingPermissionSets>No_Users</mutingPermissionSets><permissionSets>Deployer</permissionSets><permissionSets>Admin_Lite</permissionSets><status>Updated</status>"));
        using var source = MetadataSource.Open(tree.Root);

        var grants = new AccessAuditor(new EngineContext(new RecordingObserver())).FromMetadata(source, "repo", AccessAuditor.Capabilities);

        Assert.Equal(
            new[]
            {
                "PermissionSet Admin_Lite ManageUsers", "PermissionSet Admin_Lite ViewAllData", "PermissionSet Deployer AuthorApex", "PermissionSet Deployer ModifyMetadata",
                "Profile Admin ModifyAllData", "Profile Admin ViewSetup", "Profile Standard ApiEnabled",
                "PermissionSetGroup Release AuthorApex", "PermissionSetGroup Release ModifyMetadata", "PermissionSetGroup Release ViewAllData",
            },
            grants.Select(g => $"{g.HolderType} {g.Holder} {g.Capability}").OrderBy(g => g.StartsWith("PermissionSetGroup", System.StringComparison.Ordinal)).ThenBy(g => g, System.StringComparer.Ordinal));
        Assert.Equal("PermissionSetGroup Release (via PermissionSet Admin_Lite)", grants.Single(g => g.Holder == "Release" && g.Capability == "ViewAllData").GrantedBy);
    }

    [Fact]
    public void What_is_gained_and_lost_between_two_audits_is_told_apart()
    {
        var before = new[] { new AccessGrant("prod", "dana", "User", "AuthorApex", "PermissionSet", "Dev"), new AccessGrant("prod", "sam", "User", "ApiEnabled", "Profile", "Standard User") };
        var after = new[] { new AccessGrant("prod", "dana", "User", "AuthorApex", "PermissionSet", "Dev"), new AccessGrant("prod", "sam", "User", "ModifyAllData", "Profile", "System Administrator") };

        var changes = AccessAuditor.Compare(before, after);

        Assert.Equal(new[] { "Added sam ModifyAllData", "Removed sam ApiEnabled" }, changes.Select(c => $"{c.Change} {c.Holder} {c.Capability}"));
    }
}
