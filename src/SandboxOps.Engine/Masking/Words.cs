namespace SandboxOps.Engine.Masking;

/// <summary>The invented names masks are drawn from: common enough to look real, with no link to the value masked.</summary>
internal static class Words
{
    public static readonly string[] FirstNames =
    {
        "Alex", "Amara", "Ana", "Ben", "Carla", "Chen", "Dana", "David", "Elena", "Emil", "Fatima", "Felix", "Grace", "Hugo", "Ines", "Ivan",
        "Jade", "Jonas", "Kai", "Kira", "Lena", "Leo", "Maya", "Milan", "Nadia", "Noah", "Olga", "Omar", "Paula", "Priya", "Rafael", "Rosa",
        "Sam", "Sara", "Tariq", "Tess", "Uma", "Victor", "Wen", "Yara", "Zoe", "Luis", "Mia", "Nils", "Oscar", "Pia", "Ruth", "Theo",
    };

    public static readonly string[] LastNames =
    {
        "Adler", "Baker", "Castro", "Dalton", "Ek", "Ferreira", "Garcia", "Hansen", "Ibarra", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
        "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Young", "Zimmer", "Alvarez", "Brandt", "Cohen",
        "Dubois", "Evans", "Fischer", "Gupta", "Horvat", "Iqbal", "Jovanovic", "Kim", "Larsen", "Mendes", "Novak", "Olsen", "Park", "Reyes", "Silva",
    };

    public static readonly string[] CompanyWords =
    {
        "Blue", "Bright", "Cedar", "Clear", "Coastal", "Golden", "Granite", "Harbor", "Iron", "Lakeside", "Maple", "Northern", "Oak", "Prairie",
        "Quantum", "River", "Silver", "Summit", "Union", "Valley",
    };

    public static readonly string[] CompanyNouns =
    {
        "Analytics", "Bakery", "Builders", "Consulting", "Dynamics", "Energy", "Foods", "Freight", "Health", "Industries", "Logistics", "Media",
        "Partners", "Robotics", "Software", "Systems", "Textiles", "Travel", "Ventures", "Works",
    };

    public static readonly string[] CompanySuffixes = { "Inc.", "Ltd", "LLC", "GmbH", "SA", "Group", "Co." };

    public static readonly string[] StreetNames =
    {
        "Acacia", "Birch", "Canal", "Chestnut", "Elm", "Fern", "Garden", "Hill", "Juniper", "Lake", "Linden", "Meadow", "Mill", "Orchard",
        "Park", "Pine", "Quarry", "Ridge", "Station", "Willow",
    };

    public static readonly string[] StreetTypes = { "Street", "Avenue", "Road", "Lane", "Way", "Drive", "Court", "Place" };

    public static readonly string[] Cities =
    {
        "Ashford", "Bayview", "Brookfield", "Cedar Falls", "Clearwater", "Eastport", "Fairhaven", "Glenwood", "Greenville", "Hillcrest",
        "Kingsbridge", "Lakewood", "Maplewood", "Millbrook", "Northfield", "Oakridge", "Riverside", "Springdale", "Westbury", "Woodland",
    };
}
