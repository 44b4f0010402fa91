using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Masking;

/// <summary>
/// Proposes masking rules from an org's own field metadata: the standard personal fields of Contact, Lead, Account
/// (person accounts), User and Case, and every field whose type (Email, Phone, EncryptedText), compliance group,
/// security classification or name (a birth date, an address) says it holds personal data. A proposal is a
/// starting point to review: its Reason says why each rule is there.
/// </summary>
public sealed class MaskingProposer
{
    private const string Standard = "a standard personal field";

    private static readonly (string Object, string Field, MaskingMethod Method)[] StandardFields =
    {
        ("Contact", "FirstName", MaskingMethod.FirstName), ("Contact", "LastName", MaskingMethod.LastName), ("Contact", "Email", MaskingMethod.Email),
        ("Contact", "Phone", MaskingMethod.Phone), ("Contact", "MobilePhone", MaskingMethod.Phone), ("Contact", "HomePhone", MaskingMethod.Phone),
        ("Contact", "OtherPhone", MaskingMethod.Phone), ("Contact", "AssistantName", MaskingMethod.FullName), ("Contact", "AssistantPhone", MaskingMethod.Phone),
        ("Contact", "MailingStreet", MaskingMethod.Street), ("Contact", "MailingCity", MaskingMethod.City), ("Contact", "MailingPostalCode", MaskingMethod.PostalCode),
        ("Contact", "OtherStreet", MaskingMethod.Street), ("Contact", "OtherCity", MaskingMethod.City), ("Contact", "OtherPostalCode", MaskingMethod.PostalCode),
        ("Contact", "Birthdate", MaskingMethod.ShiftDate),
        ("Lead", "FirstName", MaskingMethod.FirstName), ("Lead", "LastName", MaskingMethod.LastName), ("Lead", "Email", MaskingMethod.Email),
        ("Lead", "Phone", MaskingMethod.Phone), ("Lead", "MobilePhone", MaskingMethod.Phone), ("Lead", "Company", MaskingMethod.Company),
        ("Lead", "Street", MaskingMethod.Street), ("Lead", "City", MaskingMethod.City), ("Lead", "PostalCode", MaskingMethod.PostalCode),
        ("Account", "PersonEmail", MaskingMethod.Email), ("Account", "PersonMobilePhone", MaskingMethod.Phone), ("Account", "PersonHomePhone", MaskingMethod.Phone),
        ("Account", "PersonBirthdate", MaskingMethod.ShiftDate), ("Account", "PersonMailingStreet", MaskingMethod.Street), ("Account", "PersonMailingCity", MaskingMethod.City),
        ("Account", "PersonMailingPostalCode", MaskingMethod.PostalCode), ("Account", "FirstName", MaskingMethod.FirstName), ("Account", "LastName", MaskingMethod.LastName),
        ("User", "FirstName", MaskingMethod.FirstName), ("User", "LastName", MaskingMethod.LastName), ("User", "Email", MaskingMethod.Email),
        ("User", "Phone", MaskingMethod.Phone), ("User", "MobilePhone", MaskingMethod.Phone), ("User", "Street", MaskingMethod.Street),
        ("User", "City", MaskingMethod.City), ("User", "PostalCode", MaskingMethod.PostalCode),
        ("Case", "SuppliedEmail", MaskingMethod.Email), ("Case", "SuppliedName", MaskingMethod.FullName), ("Case", "SuppliedPhone", MaskingMethod.Phone),
        ("Case", "SuppliedCompany", MaskingMethod.Company),
    };

    private static readonly Regex BirthDate = new("birth|dob|dateofbirth", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex StreetName = new("street|address", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex PostalName = new("postal|zip", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly ReadOptions Fields = new(new[] { "CustomField" });
    private static readonly string[] SensitiveClassifications = { "Confidential", "Restricted", "MissionCritical" };

    private readonly EngineContext _context;

    public MaskingProposer(EngineContext context)
    {
        _context = context;
    }

    /// <summary>The standard personal fields first, then each field of the source the metadata flags, objects in <paramref name="objects"/> only when given.</summary>
    public IEnumerable<MaskingRule> Propose(MetadataSource source, IReadOnlyCollection<string>? objects)
    {
        bool Wanted(string objectName) => objects is null || objects.Contains(objectName, StringComparer.OrdinalIgnoreCase);
        var proposed = new HashSet<(string, string)>();
        foreach (var (objectName, field, method) in StandardFields.Where(f => Wanted(f.Object)))
        {
            proposed.Add((objectName.ToUpperInvariant(), field.ToUpperInvariant()));
            yield return new MaskingRule(objectName, field, new FieldRule(method), Standard);
        }

        var reader = new MetadataReader(_context);
        var sourceReader = reader.ReaderFor(reader.Index(source), hashesOnly: false);
        foreach (var content in sourceReader.ReadAll(Fields, "Reading the fields of " + source.Description, _context.Cancellation))
        {
            var dot = content.Component.FullName.IndexOf('.');
            var objectName = content.Component.FullName.Substring(0, dot);
            var field = content.Component.FullName.Substring(dot + 1);
            if (!Wanted(objectName) || content.Parts.FirstOrDefault(p => p.Tree is not null)?.Tree is not { } tree || !proposed.Add((objectName.ToUpperInvariant(), field.ToUpperInvariant())))
            {
                continue;
            }

            if (Proposal(field, tree) is { } proposal)
            {
                yield return new MaskingRule(objectName, field, new FieldRule(proposal.Method), proposal.Reason);
            }
        }
    }

    /// <summary>The method a field's metadata calls for, and why; null for a field that holds nothing personal by its metadata.</summary>
    private static (MaskingMethod Method, string Reason)? Proposal(string field, XmlNode tree)
    {
        string? Value(string name) => tree.Children.FirstOrDefault(c => c.Name == name)?.Text;
        var type = Value("type") ?? string.Empty;
        var compliance = Value("complianceGroup");
        var classification = Value("securityClassification");
        var flagged = compliance is not null ? "complianceGroup " + compliance
            : classification is not null && SensitiveClassifications.Contains(classification, StringComparer.OrdinalIgnoreCase) ? "securityClassification " + classification
            : null;
        switch (type)
        {
            case "Email":
                return (MaskingMethod.Email, "an Email field");
            case "Phone":
                return (MaskingMethod.Phone, "a Phone field");
            case "EncryptedText":
                return (MaskingMethod.Hash, "an EncryptedText field");
            case "Date" or "DateTime" when BirthDate.IsMatch(field):
                return (MaskingMethod.ShiftDate, "a date of birth by its name");
            case "Date" or "DateTime" when flagged is not null:
                return (MaskingMethod.ShiftDate, flagged);
        }

        if (flagged is null || type is not ("Text" or "TextArea" or "LongTextArea" or "Html" or "Url"))
        {
            return null;
        }

        var method = StreetName.IsMatch(field) ? MaskingMethod.Street : PostalName.IsMatch(field) ? MaskingMethod.PostalCode : MaskingMethod.Text;
        return (method, flagged);
    }
}
