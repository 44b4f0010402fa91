namespace SandboxOps.Engine.Access;

/// <summary>One capability someone (a user in an org) or something (a profile, permission set or group) holds in an environment, and what grants it.</summary>
public sealed class AccessGrant
{
    public AccessGrant(string environment, string holder, string holderType, string capability, string grantorType, string grantor, string? via = null)
    {
        Environment = environment;
        Holder = holder;
        HolderType = holderType;
        Capability = capability;
        GrantorType = grantorType;
        Grantor = grantor;
        GrantedBy = grantorType + " " + grantor + (via is null ? string.Empty : $" (via PermissionSet {via})");
    }

    /// <summary>Where: the org or the folder read (or the pipeline environment's name).</summary>
    public string Environment { get; }

    /// <summary>A username, or the name of a profile, permission set or permission set group.</summary>
    public string Holder { get; }

    /// <summary>User, Profile, PermissionSet or PermissionSetGroup.</summary>
    public string HolderType { get; }

    /// <summary>The user permission (ModifyAllData, AuthorApex...).</summary>
    public string Capability { get; }

    /// <summary>What grants it: "Profile System Administrator", "PermissionSet Deployer", "PermissionSetGroup Release (via PermissionSet Deployer)".</summary>
    public string GrantedBy { get; }

    /// <summary>Profile, PermissionSet or PermissionSetGroup.</summary>
    public string GrantorType { get; }

    /// <summary>The profile's, permission set's or group's name.</summary>
    public string Grantor { get; }

    public override string ToString() => $"{Environment}: {HolderType} {Holder} holds {Capability} by {GrantedBy}";
}

/// <summary>A capability gained or lost between two audits of who can do what.</summary>
public sealed class AccessChange
{
    public AccessChange(string change, AccessGrant grant)
    {
        Change = change;
        Holder = grant.Holder;
        HolderType = grant.HolderType;
        Capability = grant.Capability;
        GrantedBy = grant.GrantedBy;
        Environment = grant.Environment;
    }

    /// <summary>Added (held now, not before) or Removed.</summary>
    public string Change { get; }

    public string Holder { get; }

    public string HolderType { get; }

    public string Capability { get; }

    public string GrantedBy { get; }

    /// <summary>The environment of the side it is held in.</summary>
    public string Environment { get; }

    public override string ToString() => $"{Change}: {HolderType} {Holder} {Capability} ({GrantedBy})";
}
