using System.Text;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Writes tagged, length-prefixed tokens as bytes, so that no two different token sequences can give
/// the same byte stream. Subclasses decide what happens when the buffer fills: hash it, or grow it.
/// </summary>
internal abstract class TokenEncoder
{
    private const int InlineLimit = 1 << 15;
    private static readonly UTF8Encoding Utf8 = new(false);

    protected TokenEncoder(int capacity)
    {
        Buffer = new byte[capacity];
    }

    protected byte[] Buffer { get; set; }

    protected int Used { get; set; }

    public void Tag(char tag)
    {
        Reserve(1);
        Buffer[Used++] = (byte)tag;
    }

    public void Text(string value)
    {
        var byteCount = value.Length < 256 ? value.Length * 3 : Utf8.GetByteCount(value);
        if (byteCount + 5 <= InlineLimit)
        {
            Reserve(byteCount + 5);
            var written = Utf8.GetBytes(value, 0, value.Length, Buffer, Used + 5);
            WriteHeader(written);
            Used += written;
            return;
        }

        var bytes = Utf8.GetBytes(value);
        Reserve(5);
        WriteHeader(bytes.Length);
        Append(bytes, 0, bytes.Length);
    }

    /// <summary>A text token from bytes that are already the text's UTF-8.</summary>
    public void Text(byte[] utf8, int start, int length)
    {
        Reserve(5);
        WriteHeader(length);
        Append(utf8, start, length);
    }

    public void Bytes(byte[] value) => Append(value, 0, value.Length);

    public virtual void Append(byte[] buffer, int offset, int count)
    {
        Reserve(count);
        System.Buffer.BlockCopy(buffer, offset, Buffer, Used, count);
        Used += count;
    }

    /// <summary>Makes room for <paramref name="count"/> more bytes (at most <see cref="InlineLimit"/> for callers other than Append).</summary>
    protected abstract void Reserve(int count);

    private void WriteHeader(int length)
    {
        Buffer[Used] = (byte)'"';
        Buffer[Used + 1] = (byte)(length >> 24);
        Buffer[Used + 2] = (byte)(length >> 16);
        Buffer[Used + 3] = (byte)(length >> 8);
        Buffer[Used + 4] = (byte)length;
        Used += 5;
    }
}
