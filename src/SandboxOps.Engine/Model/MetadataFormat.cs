namespace SandboxOps.Engine.Model;

/// <summary>The on-disk layout a component was read from.</summary>
public enum MetadataFormat
{
    /// <summary>What retrieve returns and deploy accepts: package.xml and one folder per type.</summary>
    MetadataApi,

    /// <summary>A Salesforce DX project: -meta.xml files, decomposed objects.</summary>
    Source,
}
