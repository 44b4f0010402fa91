# Writes a Bulk API 2.0 style Contact export (every field quoted, LF line ends, quoted line breaks) of about the
# size asked for, 20 columns: the input of bench/Invoke-MaskingBenchmark.ps1. Seeded, so every run is the same file.
import random, sys

target, path = int(sys.argv[1]), sys.argv[2]
random.seed(20)
firsts = ["Dana", "Sam", "Alex", "Rita", "Omar", "Lena", "Kai", "Maya", "Jonas", "Priya", "Hugo", "Ines"]
cities = ["Paris", "Oslo", "Lima", "Kyoto", "Austin", "Porto", "Accra", "Perth"]
columns = ["Id", "FirstName", "LastName", "Email", "Phone", "Birthdate", "MailingStreet", "MailingCity", "MailingPostalCode",
           "Description", "AccountId", "OwnerId", "LeadSource", "Title", "Department", "CreatedDate", "Status__c", "Score__c",
           "Region__c", "Notes__c"]
def quoted(values): return ",".join('"' + v.replace('"', '""') + '"' for v in values) + "\n"
with open(path, "w", newline="", encoding="utf-8") as out:
    out.write(quoted(columns))
    written, i = 0, 0
    while written < target:
        first, last = random.choice(firsts), "Surname%06d" % random.randint(0, 999999)
        row = [f"003{i:015d}", first, last, f"{first.lower()}.{last.lower()}.{i}@example{i % 997}.com",
               f"+1 ({random.randint(200, 999)}) 555-{random.randint(0, 9999):04d}",
               f"19{random.randint(40, 99)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}",
               f"{random.randint(1, 9999)} {random.choice(['Market', 'Elm', 'Harbor', 'Mill'])} Street", random.choice(cities),
               f"{random.randint(10000, 99999)}",
               "Called about the renewal.\nPrefers e-mail, \"not\" phone." if i % 4 == 0 else f"Contact {i} of the spring campaign",
               f"001{i % 50000:015d}", "005000000000001AAA", random.choice(["Web", "Event", "Partner"]), "Manager",
               random.choice(["Sales", "Finance", "IT"]), "2026-01-01T10:00:00.000Z", "Active", str(random.randint(0, 100)),
               random.choice(["EMEA", "AMER", "APAC"]), "x" * random.randint(10, 60)]
        line = quoted(row)
        out.write(line)
        written += len(line.encode("utf-8"))
        i += 1
