# The reference: Python's csv module and hmac applying the same six rules as bench/masking/rules.json (one keyed
# HMAC-SHA256 per masked value, shaped like the value), streaming the file as Protect-SandboxData does.
import csv, hashlib, hmac, sys

key = open(sys.argv[3], "rb").read()
rules = {"FirstName": "firstName", "LastName": "lastName", "Email": "email", "Phone": "phone", "MailingStreet": "street", "Description": "text"}
names = ["Alex", "Amara", "Ben", "Carla", "Chen", "Dana", "Elena", "Felix"]

def digest(method, value):
    return hmac.new(key, (method + "\0" + value).encode("utf-8"), hashlib.sha256).digest()

def shape(method, value):
    d = digest(method, value)
    out = []
    for i, c in enumerate(value):
        b = d[i % 32]
        out.append(chr(48 + b % 10) if c.isdigit() else chr(65 + b % 26) if c.isupper() else chr(97 + b % 26) if c.isalpha() else c)
    return "".join(out)

def mask(method, value):
    if not value or value == "#N/A":
        return value
    if method == "email":
        d = digest("email", value.strip().lower())
        return "u" + d[:5].hex() + "@m" + d[5:8].hex() + ".invalid"
    if method in ("firstName", "lastName"):
        return names[int.from_bytes(digest("name", value)[:4], "little") % len(names)]
    if method == "street":
        d = digest("street", value)
        return f"{int.from_bytes(d[12:14], 'little') % 9899 + 1} Elm Street"
    return shape(method, value)

with open(sys.argv[1], newline="", encoding="utf-8") as source, open(sys.argv[2], "w", newline="", encoding="utf-8") as target:
    reader, writer = csv.reader(source), csv.writer(target, quoting=csv.QUOTE_ALL, lineterminator="\n")
    header = next(reader)
    writer.writerow(header)
    plan = [rules.get(name) for name in header]
    for row in reader:
        writer.writerow([mask(plan[i], v) if plan[i] else v for i, v in enumerate(row)])
