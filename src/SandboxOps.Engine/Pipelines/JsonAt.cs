using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// A JSON value that knows where it was written: its JSON path and its line. System.Text.Json's document drops
/// positions, and a pipeline file's errors have to say where to look.
/// </summary>
internal sealed class JsonAt
{
    private JsonAt(JsonTokenType kind, string path, int line)
    {
        Kind = kind;
        Path = path;
        Line = line;
    }

    public JsonTokenType Kind { get; }

    public string Path { get; }

    public int Line { get; }

    /// <summary>A string's value, or a number's or literal's text.</summary>
    public string? Text { get; private set; }

    public List<KeyValuePair<string, JsonAt>> Properties { get; } = new();

    public List<JsonAt> Items { get; } = new();

    public bool IsObject => Kind == JsonTokenType.StartObject;

    public bool IsArray => Kind == JsonTokenType.StartArray;

    public bool IsString => Kind == JsonTokenType.String;

    public string Where(string file) => $"{file}, line {Line.ToString(CultureInfo.InvariantCulture)}, {Path}";

    /// <summary>
    /// Parses UTF-8 JSON (comments and trailing commas allowed, as editors accept them); a syntax error names the file
    /// and line. <paramref name="document"/> names what the file is (a pipeline file), <paramref name="writer"/> what
    /// writes one, and <paramref name="fail"/> makes the caller's exception from a reason, a message and the cause.
    /// </summary>
    public static JsonAt Parse(byte[] utf8, string file, string document, string writer, Func<string, string, Exception?, Exception> fail)
    {
        var lines = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        JsonAt root;
        try
        {
            if (!reader.Read())
            {
                throw fail("EmptyFile", $"'{file}' is empty. A {document} is a JSON object; {writer} writes one.", null);
            }

            root = Value(ref reader, "$", lines);
            if (reader.Read())
            {
                throw fail("InvalidJson", $"{file}, line {LineOf(lines, reader.TokenStartIndex)}: text after the end of the {document}'s object.", null);
            }
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } n ? (n + 1).ToString(CultureInfo.InvariantCulture) : "?";
            throw fail("InvalidJson", $"{file}, line {line}: not valid JSON ({ex.Message}) Fix the file and run the command again.", ex);
        }

        return root;
    }

    private static JsonAt Value(ref Utf8JsonReader reader, string path, List<long> lines)
    {
        var value = new JsonAt(reader.TokenType, path, LineOf(lines, reader.TokenStartIndex));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    value.Properties.Add(new KeyValuePair<string, JsonAt>(name, Value(ref reader, path + "." + name, lines)));
                }

                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    value.Items.Add(Value(ref reader, path + "[" + value.Items.Count.ToString(CultureInfo.InvariantCulture) + "]", lines));
                }

                break;
            case JsonTokenType.String:
                value.Text = reader.GetString();
                break;
            default:
                value.Text = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                break;
        }

        return value;
    }

    private static List<long> LineStarts(byte[] utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<long> starts, long offset)
    {
        var found = starts.BinarySearch(offset);
        return (found >= 0 ? found : ~found - 1) + 1;
    }
}
