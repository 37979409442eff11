using Sluice.Sflow.Text;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Sflow.Tests.Text;

/// <summary>Records no public capture carries, built with SflowWriter and checked against sflowtool's spelling.</summary>
public sealed class SflowtoolRecordTests
{
    [Fact]
    public void Format_HttpRequest_PrintsSflowtoolFields()
    {
        var text = FormatFlow(0, 2206, static (ref SflowWriter w) =>
        {
            w.WriteUInt32(2);
            w.WriteUInt32(1001);
            WriteString(ref w, "/index.html");
            WriteString(ref w, "example.org");
            WriteString(ref w, string.Empty);
            WriteString(ref w, "curl/8");
            WriteString(ref w, string.Empty);
            WriteString(ref w, string.Empty);
            WriteString(ref w, "text/html");
            w.WriteUInt64(120);
            w.WriteUInt64(4096);
            w.WriteUInt32(350);
            w.WriteUInt32(200);
        });
        Assert.Contains("flowBlock_tag 0:2206\nflowSampleType http\nhttp_method 2\nhttp_protocol 1001\nhttp_uri /index.html\nhttp_host example.org\nhttp_useragent curl/8\nhttp_mimetype text/html\nhttp_request_bytes 120\nhttp_bytes 4096\nhttp_duration_uS 350\nhttp_status 200\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_SocketIPv4_PrintsSflowtoolFields()
    {
        var text = FormatFlow(0, 2100, static (ref SflowWriter w) =>
        {
            w.WriteUInt32(6);
            w.WriteFixed([10, 0, 0, 1]);
            w.WriteFixed([10, 0, 0, 2]);
            w.WriteUInt32(443);
            w.WriteUInt32(50000);
        });
        Assert.Contains("flowBlock_tag 0:2100\nextendedType socket4\nsocket4_ip_protocol 6\nsocket4_local_ip 10.0.0.1\nsocket4_remote_ip 10.0.0.2\nsocket4_local_port 443\nsocket4_remote_port 50000\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Format_HostCpu_ShortAndLongForms(bool longForm)
    {
        var text = FormatCounters(0, 2003, (ref SflowWriter w) =>
        {
            w.WriteSingle(3.1f);
            w.WriteSingle(1.97f);
            w.WriteSingle(0.82f);
            for (uint i = 0; i < (longForm ? 17u : 14u); i++)
            {
                w.WriteUInt32(i);
            }
        });
        Assert.Contains("cpu_load_one 3.100\ncpu_load_five 1.970\ncpu_load_fifteen 0.820\ncpu_proc_run 0\n", text, StringComparison.Ordinal);
        Assert.Contains("cpu_contexts 13\n", text, StringComparison.Ordinal);
        Assert.Equal(longForm, text.Contains("cpu_steal 14\ncpu_guest 15\ncpu_guest_nice 16\n", StringComparison.Ordinal));
        Assert.Contains("endSample", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatJson_StringWithQuote_IsEscaped()
    {
        var json = FormatCounters(0, 1005, static (ref SflowWriter w) => WriteString(ref w, "a\"b\\c"), json: true);
        Assert.Contains("\"ifName\":\"a\\\"b\\\\c\"", json, StringComparison.Ordinal);
        using var _ = System.Text.Json.JsonDocument.Parse(json);
    }

    private delegate void Body(ref SflowWriter writer);

    private static void WriteString(ref SflowWriter w, string s) => w.WriteOpaque(System.Text.Encoding.UTF8.GetBytes(s));

    private static string FormatFlow(uint enterprise, uint format, Body body) => Format(3, enterprise, format, body, json: false);

    private static string FormatCounters(uint enterprise, uint format, Body body, bool json = false) => Format(4, enterprise, format, body, json);

    // One v5 datagram, one expanded sample (0:3 flow or 0:4 counters) holding one record.
    private static string Format(uint sampleFormat, uint enterprise, uint format, Body body, bool json)
    {
        var buffer = new byte[2048];
        var w = new SflowWriter(buffer);
        w.WriteUInt32(5);
        w.WriteAddress(SflowAddress.FromIPv4([192, 0, 2, 1]));
        w.WriteUInt32(0);
        w.WriteUInt32(1);
        w.WriteUInt32(1000);
        w.WriteUInt32(1);
        w.WriteUInt32(sampleFormat);
        var sample = w.BeginLength();
        w.WriteUInt32(7);
        w.WriteUInt32(0);
        w.WriteUInt32(3);
        if (sampleFormat == 3)
        {
            w.WriteUInt32(100);
            w.WriteUInt32(1000);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
            w.WriteUInt32(3);
            w.WriteUInt32(0);
            w.WriteUInt32(4);
        }

        w.WriteUInt32(1);
        w.WriteUInt32((enterprise << 12) | format);
        var record = w.BeginLength();
        body(ref w);
        w.EndLength(record);
        w.EndLength(sample);
        var datagram = w.Written.ToArray();
        var output = new StringWriter();
        var errors = new StringWriter();
        SflowtoolOutput writer = json ? new SflowtoolJsonWriter(output, errors) : new SflowtoolTextWriter(output, errors);
        var result = SflowtoolFormatter.Format(datagram, SflowtoolContext.FromPcap(1_700_000_000, 0), writer);
        Assert.True(result.IsSuccess, errors.ToString() + result.Error);
        return output.ToString();
    }
}
