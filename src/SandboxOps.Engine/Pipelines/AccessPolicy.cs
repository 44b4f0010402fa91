using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// One rule of a pipeline's access policy: in environments of these roles, these capabilities may be held only
/// through what <see cref="Allow"/> names (people by username pattern, profiles, permission sets, groups).
/// </summary>
public sealed class AccessRule
{
    public AccessRule(IReadOnlyList<string> capabilities, IReadOnlyList<EnvironmentRole> roles, IReadOnlyList<AccessMatcher> allow, string? reason)
    {
        Capabilities = capabilities;
        Roles = roles;
        Allow = allow;
        Reason = reason;
    }

    public IReadOnlyList<string> Capabilities { get; }

    public IReadOnlyList<EnvironmentRole> Roles { get; }

    public IReadOnlyList<AccessMatcher> Allow { get; }

    /// <summary>Why the rule is there ("developers write only in their own sandboxes").</summary>
    public string? Reason { get; }

    public override string ToString() =>
        $"{string.Join(", ", Capabilities)} in {string.Join(", ", Roles)}: only {(Allow.Count == 0 ? "nobody" : string.Join(", ", Allow))}" + (Reason is null ? string.Empty : $" ({Reason})");
}

/// <summary>Who a rule allows: "user:release@*", "profile:System Administrator", "permissionSet:Deployer", "permissionSetGroup:Release" (* matches anything).</summary>
public sealed class AccessMatcher
{
    public static readonly IReadOnlyList<string> Kinds = new[] { "user", "profile", "permissionSet", "permissionSetGroup" };

    private readonly Regex _pattern;

    public AccessMatcher(string kind, string pattern)
    {
        Kind = kind;
        Pattern = pattern;
        _pattern = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Kind { get; }

    public string Pattern { get; }

    /// <summary>Whether a holder (a user, or offline a profile, permission set or group) holding through a grantor is allowed by this matcher.</summary>
    public bool Matches(string holderType, string holder, string grantorType, string grantor) => Kind switch
    {
        "user" => holderType == "User" && _pattern.IsMatch(holder),
        "profile" => grantorType == "Profile" && _pattern.IsMatch(grantor),
        "permissionSet" => grantorType == "PermissionSet" && _pattern.IsMatch(grantor),
        _ => grantorType == "PermissionSetGroup" && _pattern.IsMatch(grantor),
    };

    public override string ToString() => Kind + ":" + Pattern;
}
