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
    /// <summary>Salesforce's limits per deploy: 10,000 files and 39 MB zipped.</summary>
    public const int DefaultMaxFiles = 10000;
    public const long DefaultMaxBytes = 39L * 1024 * 1024;

    public PackageOptions(string? apiVersion = null, DeletionTiming deletionTiming = DeletionTiming.Post, bool noSplit = false, int maxFiles = DefaultMaxFiles, long maxBytes = DefaultMaxBytes)
    {
        ApiVersion = apiVersion;
        DeletionTiming = deletionTiming;
        NoSplit = noSplit;
        MaxFiles = maxFiles;
        MaxBytes = maxBytes;
    }

    /// <summary>The package.xml version; the source's own when null.</summary>
    public string? ApiVersion { get; }

    public DeletionTiming DeletionTiming { get; }

    /// <summary>Refuse a package over the limits instead of splitting it.</summary>
    public bool NoSplit { get; }

    public int MaxFiles { get; }

    /// <summary>Bytes a part may hold before zipping (a zip is never larger), so a part is safely under the zipped limit.</summary>
    public long MaxBytes { get; }
}
