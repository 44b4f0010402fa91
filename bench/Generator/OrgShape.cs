namespace SandboxOps.Bench.Generator;

/// <summary>How many of each kind of component an org has; shaped like large real orgs (profiles dominate the bytes).</summary>
internal sealed record OrgShape(int Objects, int FieldsPerObject, int Profiles, int PermissionSets, int PermissionSetEntries, int ApexClasses, int ReportFolders, int ReportsPerFolder, int Labels, int StaticResources, int StaticResourceKilobytes)
{
    public static OrgShape ForComponents(int components) => components switch
    {
        <= 10_000 => new OrgShape(40, 200, 6, 10, 2000, 800, 10, 30, 500, 20, 256),
        <= 30_000 => new OrgShape(120, 200, 18, 30, 2000, 2400, 30, 30, 1500, 60, 256),
        _ => new OrgShape(400, 200, 60, 100, 2000, 8000, 100, 30, 5000, 200, 256),
    };
}
