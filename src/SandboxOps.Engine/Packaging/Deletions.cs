using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Packaging;

/// <summary>What Salesforce refuses to delete through destructiveChanges, and what to do instead: one list for the package writer and the package checks.</summary>
public static class Deletions
{
    /// <summary>Why a component cannot be deleted by a deploy (and what to do instead), or null when it can.</summary>
    public static string? WhyNot(ComponentKey key) => key.Type switch
    {
        "RecordType" => "record types cannot be deleted by deployment; deactivate it instead",
        "Flow" => "an active flow version cannot be deleted; deactivate the flow, then delete its versions",
        "CustomObject" when !key.FullName.Contains("__") => "standard objects cannot be deleted",
        "CustomField" when !key.FullName.Substring(key.FullName.IndexOf('.') + 1).Contains("__") => "standard fields cannot be deleted",
        MetadataTypeRegistry.UnknownTypeName => "its type is unknown",
        _ when MetadataTypeRegistry.Default.FindChild(key.Type) is { Addressable: false } =>
            $"a {key.Type} is not addressable alone; deploy its {MetadataTypeRegistry.Default.FindParentOfChild(key.Type)} without it",
        _ => null,
    };
}
