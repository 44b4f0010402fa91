namespace SandboxOps.Engine.Packaging;

public enum DeletionTiming
{
    /// <summary>destructiveChangesPre.xml: delete before the rest deploys.</summary>
    Pre,

    /// <summary>destructiveChangesPost.xml: delete after the rest deploys (the usual choice).</summary>
    Post,
}

/// <summary>How New-DeploymentPackage writes its package.</summary>
public sealed class PackageOptions
{
    /// <summary>Salesforce's limits per deploy: 10,000 files, 39 MB as a zip, 600 MB unzipped.</summary>
    public const int DefaultMaxFiles = 10000;
    public const long DefaultMaxZippedBytes = 39L * 1024 * 1024;
    public const long DefaultMaxUnzippedBytes = 600L * 1024 * 1024;

    public PackageOptions(
        string? apiVersion = null,
        DeletionTiming deletionTiming = DeletionTiming.Post,
        bool noSplit = false,
        int maxFiles = DefaultMaxFiles,
        long maxZippedBytes = DefaultMaxZippedBytes,
        long maxUnzippedBytes = DefaultMaxUnzippedBytes)
    {
        ApiVersion = apiVersion;
        DeletionTiming = deletionTiming;
        NoSplit = noSplit;
        MaxFiles = maxFiles;
        MaxZippedBytes = maxZippedBytes;
        MaxUnzippedBytes = maxUnzippedBytes;
    }

    /// <summary>The package.xml version; the source's own when null.</summary>
    public string? ApiVersion { get; }

    public DeletionTiming DeletionTiming { get; }

    /// <summary>Refuse a package over the limits instead of splitting it.</summary>
    public bool NoSplit { get; }

    public int MaxFiles { get; }

    /// <summary>The size a part's zip may have (what the deploy call carries).</summary>
    public long MaxZippedBytes { get; }

    /// <summary>The bytes a part's files may add up to, unzipped.</summary>
    public long MaxUnzippedBytes { get; }
}
