namespace SandboxOps.Engine.Registry;

/// <summary>A type whose components live inside a parent's file (Metadata API) or a parent's folder (source).</summary>
public sealed class ChildTypeDefinition
{
    public ChildTypeDefinition(string name, string xmlElement, string sourceDirectory, string sourceSuffix, bool nameIncludesParent, string identityElement = "fullName", bool addressable = true)
    {
        Addressable = addressable;
        Name = name;
        XmlElement = xmlElement;
        SourceDirectory = sourceDirectory;
        SourceSuffix = sourceSuffix;
        NameIncludesParent = nameIncludesParent;
        IdentityElement = identityElement;
    }

    public string Name { get; }

    /// <summary>The element that holds one child inside the parent's XML: <c>fields</c>, <c>labels</c>, <c>rules</c>.</summary>
    public string XmlElement { get; }

    /// <summary>The folder under the parent's folder in decomposed source: <c>fields</c>, <c>workflowRules</c>.</summary>
    public string SourceDirectory { get; }

    /// <summary>The suffix of a decomposed child file: <c>field</c> for <c>Rating__c.field-meta.xml</c>.</summary>
    public string SourceSuffix { get; }

    /// <summary>False for CustomLabel, whose fullName is the label name alone; true for <c>Account.Rating__c</c>.</summary>
    public bool NameIncludesParent { get; }

    /// <summary>The element inside a child that names it: <c>fullName</c>, or <c>name</c> in translations.</summary>
    public string IdentityElement { get; }

    /// <summary>
    /// False when a package cannot name the child alone (CustomFieldTranslation): it travels, is deployed
    /// and deleted with its parent.
    /// </summary>
    public bool Addressable { get; }
}
